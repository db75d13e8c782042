/**
 * Staff authentication (OWASP ASVS level 2): argon2id password hashes with OWASP's parameters,
 * TOTP as the second factor (required for coordinators and admins), server-side sessions with an
 * idle timeout of 30 minutes and an absolute one of 12 hours, a new session id at every login,
 * login rate limits per account and per IP address held in the database, one generic message
 * for every failed login, and one-time password-reset links.
 */
import crypto from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { Db, Queryable } from '../db/client.ts';
import { countRateLimit, uncountRateLimit } from './rate-limit.ts';
import { audit } from './audit.ts';
import { needsReseal, seal, unseal } from '../sealed.ts';
import { DomainError } from '../domain/errors.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../domain/passwords.ts';

export type Role = 'advisor' | 'coordinator' | 'admin';
export const ROLE_RANK: Record<Role, number> = { advisor: 1, coordinator: 2, admin: 3 };

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 3_600_000;
const RESET_TTL_MS = 24 * 3_600_000;
/** Failed logins allowed per account and per IP address within one window. */
export const LOGIN_LIMITS = { account: 5, ip: 20, windowMs: 15 * 60_000 };

export interface StaffUser {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  languages: string[];
  active: boolean;
  totp_enabled: boolean;
  ui_locale: 'fi' | 'sv' | 'en';
}
export interface Session {
  user: StaffUser;
  csrfToken: string;
  idHash: string;
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const randomToken = () => crypto.randomBytes(32).toString('base64url');

export function requireRole(role: Role): boolean {
  return role === 'coordinator' || role === 'admin';
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpFor(secret: string, label: string): TOTP {
  return new TOTP({
    issuer: 'International House Lahti',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

const TOTP_PERIOD_MS = 30_000;

/** The time step (30 s) a code belongs to, if it is valid now (one step either side), else undefined. */
export function totpStep(secret: string, code: string, now: Date): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totpFor(secret, 'x').validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? undefined : Math.floor(now.getTime() / TOTP_PERIOD_MS) + delta;
}

export function checkTotp(secret: string, code: string, now: Date): boolean {
  return totpStep(secret, code, now) !== undefined;
}

export async function createStaffUser(
  q: Queryable,
  input: {
    email: string;
    displayName: string;
    role: Role;
    languages: string[];
    password: string;
    totpSecret?: string;
    isDemo?: boolean;
  },
  now: Date,
): Promise<StaffUser> {
  const problem = passwordProblem(input.password, { email: input.email });
  if (problem) throw new DomainError('weak_password', { details: { problem } });
  const res = await q.query<StaffUser>(
    `insert into staff_users (email, display_name, role, languages, password_hash, totp_secret, totp_enabled, is_demo, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning *`,
    [
      input.email.toLowerCase(),
      input.displayName,
      input.role,
      input.languages,
      await hashPassword(input.password),
      input.totpSecret ? seal('TOTP_ENCRYPTION_KEY', input.totpSecret) : null,
      !!input.totpSecret,
      !!input.isDemo,
      now,
    ],
  );
  return res.rows[0]!;
}

/**
 * Sign-in attempts are limited per IP and per account (server/services/rate-limit.ts). Every
 * attempt is counted before the password is looked at, in one atomic statement, so N guesses
 * sent at once are N counts and all past the limit are refused unchecked; a successful sign-in
 * takes its own count back, so in the end only failures count.
 */
const countAttempt = (q: Queryable, bucket: string, key: string, now: Date) =>
  countRateLimit(q, bucket, key, LOGIN_LIMITS.windowMs, now);
const FAILED = () => new DomainError('invalid_credentials');

export async function login(
  db: Db,
  input: { email: string; password: string; totp?: string | undefined; ip: string; production?: boolean },
  now: Date,
): Promise<{ sessionId: string; session: Session }> {
  const email = input.email.trim().toLowerCase();
  const byIp = await countAttempt(db, 'login-ip', input.ip, now);
  const byAccount = await countAttempt(db, 'login-account', email, now);
  const user = (
    await db.query<
      StaffUser & {
        password_hash: string | null;
        totp_secret: string | null;
        totp_last_step: string | null;
        is_demo: boolean;
      }
    >('select * from staff_users where lower(email) = $1', [email])
  ).rows[0];
  // Audited by the account's id only; an address typed for no account is not written anywhere.
  const record = (action: 'login_failed' | 'login_locked', detail: Record<string, unknown> = {}) =>
    user ? audit(db, now, null, action, 'staff_user', user.id, detail) : Promise.resolve();
  if (byIp > LOGIN_LIMITS.ip || byAccount > LOGIN_LIMITS.account) {
    // The lockout once, when the account first goes over its limit in this window.
    if (byAccount === LOGIN_LIMITS.account + 1) await record('login_locked');
    throw new DomainError('rate_limited');
  }
  // Verify against a dummy hash when there is no such user, so timing does not tell.
  const ok = await verifyPassword(user?.password_hash ?? DUMMY_HASH, input.password);
  const secret = user?.totp_secret ? unseal('TOTP_ENCRYPTION_KEY', user.totp_secret) : undefined;
  const step = secret ? totpStep(secret, input.totp ?? '', now) : undefined;
  const totpOk = !user?.totp_enabled || step !== undefined;
  const mustHaveTotp = user && requireRole(user.role) && !user.totp_enabled;
  // Demo accounts (sample data) never sign in to a production portal, whatever the database holds.
  const demoInProduction = !!(user?.is_demo && input.production);
  if (!user?.password_hash || !ok || !totpOk || mustHaveTotp || !user.active || demoInProduction) {
    await record('login_failed', demoInProduction ? { reason: 'demo_account' } : {});
    throw FAILED();
  }
  if (user.totp_enabled && step !== undefined) {
    // A code is accepted once only: its step must be later than the last one used (atomic, so two
    // sign-ins racing with one code cannot both pass).
    const used = await db.query(
      `update staff_users set totp_last_step = $2 where id = $1 and (totp_last_step is null or totp_last_step < $2) returning id`,
      [user.id, step],
    );
    if (used.rows.length === 0) {
      await record('login_failed', { reason: 'totp_replayed' });
      throw FAILED();
    }
    if (secret && user.totp_secret && needsReseal('TOTP_ENCRYPTION_KEY', user.totp_secret))
      await db.query('update staff_users set totp_secret = $2 where id = $1', [
        user.id,
        seal('TOTP_ENCRYPTION_KEY', secret),
      ]);
  }
  await uncountRateLimit(db, 'login-ip', input.ip, LOGIN_LIMITS.windowMs, now);
  await uncountRateLimit(db, 'login-account', email, LOGIN_LIMITS.windowMs, now);
  const sessionId = randomToken();
  const csrfToken = randomToken();
  await db.query(
    `insert into staff_sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) values ($1, $2, $3, $4, $4)`,
    [sha256(sessionId), user.id, csrfToken, now],
  );
  return { sessionId, session: { user: publicUser(user), csrfToken, idHash: sha256(sessionId) } };
}
const DUMMY_HASH = await hashPassword('dummy password that no one has');

function publicUser(u: StaffUser): StaffUser {
  return {
    id: u.id,
    email: u.email,
    display_name: u.display_name,
    role: u.role,
    languages: u.languages,
    active: u.active,
    totp_enabled: u.totp_enabled,
    ui_locale: u.ui_locale,
  };
}

/**
 * The session behind a cookie, if it is neither idle too long nor too old; touches it (its idle
 * time starts again) unless `touch` is false: background polling and live streams keep no one
 * signed in.
 */
export async function sessionFor(
  db: Db,
  sessionId: string | undefined,
  now: Date,
  { touch = true }: { touch?: boolean } = {},
): Promise<Session | undefined> {
  if (!sessionId || !/^[A-Za-z0-9_-]{43}$/.test(sessionId)) return undefined;
  const idHash = sha256(sessionId);
  const res = await db.query<StaffUser & { csrf_token: string; created_at: Date; last_seen_at: Date }>(
    `select u.*, s.csrf_token, s.created_at, s.last_seen_at from staff_sessions s join staff_users u on u.id = s.user_id where s.id_hash = $1`,
    [idHash],
  );
  const row = res.rows[0];
  if (!row) return undefined;
  const idle = now.getTime() - new Date(row.last_seen_at).getTime() > IDLE_TIMEOUT_MS;
  const old = now.getTime() - new Date(row.created_at).getTime() > ABSOLUTE_TIMEOUT_MS;
  if (idle || old || !row.active) {
    await db.query('delete from staff_sessions where id_hash = $1', [idHash]);
    return undefined;
  }
  if (touch) await db.query('update staff_sessions set last_seen_at = $2 where id_hash = $1', [idHash, now]);
  return { user: publicUser(row), csrfToken: row.csrf_token, idHash };
}

export async function logout(db: Db, idHash: string) {
  await db.query('delete from staff_sessions where id_hash = $1', [idHash]);
}

/** Deactivation ends every session of the account at once. */
export async function deactivate(db: Db, userId: string, now: Date) {
  await db.transaction(async (tx) => {
    await tx.query('update staff_users set active = false, deactivated_at = $2 where id = $1', [userId, now]);
    await tx.query('delete from staff_sessions where user_id = $1', [userId]);
  });
}

export async function createResetLink(db: Db, userId: string, now: Date): Promise<string> {
  const token = randomToken();
  await db.query('insert into password_resets (token_hash, user_id, expires_at) values ($1, $2, $3)', [
    sha256(token),
    userId,
    new Date(now.getTime() + RESET_TTL_MS),
  ]);
  return token;
}

/** The account behind a valid, unused reset link (locked for the transaction), or invalid_reset_link. */
async function resetTarget(tx: Queryable, token: string, now: Date) {
  const res = await tx.query<{
    user_id: string;
    email: string;
    role: Role;
    totp_enabled: boolean;
    totp_secret: string | null;
  }>(
    `select r.user_id, u.email, u.role, u.totp_enabled, u.totp_secret from password_resets r join staff_users u on u.id = r.user_id
      where r.token_hash = $1 and r.used_at is null and r.expires_at > $2 for update of r`,
    [sha256(token), now],
  );
  const row = res.rows[0];
  if (!row) throw new DomainError('invalid_reset_link');
  return row;
}

/**
 * The authenticator enrolment of an account without a second factor yet, shown only to the holder
 * of its one-time link: a secret is made (sealed at rest) on first asking and the same one
 * returned until the link is used. An account that has its factor gets nothing.
 */
export async function authenticatorEnrolment(
  db: Db,
  token: string,
  now: Date,
): Promise<{ totpUri: string; required: boolean } | undefined> {
  return db.transaction(async (tx) => {
    const row = await resetTarget(tx, token, now);
    if (row.totp_enabled) return undefined;
    let secret = row.totp_secret ? unseal('TOTP_ENCRYPTION_KEY', row.totp_secret) : undefined;
    if (!secret) {
      secret = newTotpSecret();
      await tx.query('update staff_users set totp_secret = $2 where id = $1', [
        row.user_id,
        seal('TOTP_ENCRYPTION_KEY', secret),
      ]);
    }
    return { totpUri: totpFor(secret, row.email).toString(), required: requireRole(row.role) };
  });
}

/**
 * Sets the password through a one-time link; with a code from the authenticator enrolled on the
 * same link, turns the second factor on (required for coordinators and admins).
 */
export async function resetPassword(db: Db, token: string, password: string, now: Date, totp?: string) {
  await db.transaction(async (tx) => {
    const row = await resetTarget(tx, token, now);
    const problem = passwordProblem(password, { email: row.email });
    if (problem)
      throw new DomainError('weak_password', {
        fields: { password: { code: problem, key: `staff:errors.password.${problem}` } },
      });
    if (!row.totp_enabled && row.totp_secret && (totp || requireRole(row.role))) {
      const step = totpStep(unseal('TOTP_ENCRYPTION_KEY', row.totp_secret), totp ?? '', now);
      if (step === undefined)
        throw new DomainError('validation_failed', {
          fields: { totp: { code: 'invalid', key: 'staff:errors.totpEnrolment' } },
        });
      await tx.query('update staff_users set totp_enabled = true, totp_last_step = $2 where id = $1', [
        row.user_id,
        step,
      ]);
    }
    await tx.query('update staff_users set password_hash = $2 where id = $1', [
      row.user_id,
      await hashPassword(password),
    ]);
    await tx.query('update password_resets set used_at = $2 where token_hash = $1', [sha256(token), now]);
    await tx.query('delete from staff_sessions where user_id = $1', [row.user_id]);
  });
}

/**
 * Short-lived security data goes when it is no longer needed: login counters (and with them the
 * IP hashes) after a day, ended sessions, used or expired password links. Run by the message worker.
 */
export async function purgeExpired(db: Db, now: Date): Promise<void> {
  const day = new Date(now.getTime() - 24 * 3_600_000);
  await db.query('delete from rate_limits where window_start < $1', [day]);
  await db.query('delete from staff_sessions where created_at < $1', [new Date(now.getTime() - ABSOLUTE_TIMEOUT_MS)]);
  await db.query('delete from password_resets where expires_at < $1 or used_at is not null', [now]);
}
