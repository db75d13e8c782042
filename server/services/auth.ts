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
import { atRateLimit, countRateLimit } from './rate-limit.ts';
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

export function checkTotp(secret: string, code: string, now: Date): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totpFor(secret, 'x').validate({ token: code, timestamp: now.getTime(), window: 1 }) !== null;
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
      input.totpSecret ?? null,
      !!input.totpSecret,
      !!input.isDemo,
      now,
    ],
  );
  return res.rows[0]!;
}

// Login attempts are limited per IP and per account (server/services/rate-limit.ts); only failures count.
const overLimit = (q: Queryable, bucket: string, key: string, limit: number, now: Date) =>
  atRateLimit(q, bucket, key, limit, LOGIN_LIMITS.windowMs, now);
const countFailure = (q: Queryable, bucket: string, key: string, now: Date) =>
  countRateLimit(q, bucket, key, LOGIN_LIMITS.windowMs, now);

const FAILED = () => new DomainError('invalid_credentials');

export async function login(
  db: Db,
  input: { email: string; password: string; totp?: string | undefined; ip: string },
  now: Date,
): Promise<{ sessionId: string; session: Session }> {
  const email = input.email.trim().toLowerCase();
  if (
    (await overLimit(db, 'login-ip', input.ip, LOGIN_LIMITS.ip, now)) ||
    (await overLimit(db, 'login-account', email, LOGIN_LIMITS.account, now))
  ) {
    throw new DomainError('rate_limited');
  }
  const user = (
    await db.query<StaffUser & { password_hash: string | null; totp_secret: string | null }>(
      'select * from staff_users where lower(email) = $1',
      [email],
    )
  ).rows[0];
  // Verify against a dummy hash when there is no such user, so timing does not tell.
  const ok = await verifyPassword(user?.password_hash ?? DUMMY_HASH, input.password);
  const totpOk = !user?.totp_enabled || (!!user.totp_secret && checkTotp(user.totp_secret, input.totp ?? '', now));
  const mustHaveTotp = user && requireRole(user.role) && !user.totp_enabled;
  if (!user?.password_hash || !ok || !totpOk || mustHaveTotp || !user.active) {
    await countFailure(db, 'login-ip', input.ip, now);
    await countFailure(db, 'login-account', email, now);
    throw FAILED();
  }
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

export async function resetPassword(db: Db, token: string, password: string, now: Date) {
  await db.transaction(async (tx) => {
    const res = await tx.query<{ user_id: string; email: string }>(
      `select r.user_id, u.email from password_resets r join staff_users u on u.id = r.user_id
        where r.token_hash = $1 and r.used_at is null and r.expires_at > $2 for update of r`,
      [sha256(token), now],
    );
    const row = res.rows[0];
    if (!row) throw new DomainError('invalid_reset_link');
    const problem = passwordProblem(password, { email: row.email });
    if (problem)
      throw new DomainError('weak_password', {
        fields: { password: { code: problem, key: `staff:errors.password.${problem}` } },
      });
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
