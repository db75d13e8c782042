/**
 * Staff accounts as admins manage them: the list, a new account (the person sets their own
 * password through a one-time link; the TOTP secret is shown once), and a new password link.
 * Every change is audited.
 */
import type { Db, Queryable } from '../db/client.ts';
import { uniqueViolation } from '../db/errors.ts';
import { DomainError } from '../domain/errors.ts';
import { audit } from './audit.ts';
import { createResetLink, type Role, type StaffUser } from './auth.ts';

export interface AccountInput {
  email: string;
  displayName: string;
  role: Role;
  languages: string[];
}

export async function listAccounts(q: Queryable) {
  return (
    await q.query(
      `select id, email, display_name, role, languages, active, totp_enabled, is_demo from staff_users order by active desc, display_name`,
    )
  ).rows;
}

/**
 * A new account, without a password or a second factor: the person sets both themself through the
 * one-time link (the authenticator's secret is shown to them only, never to the admin). An email
 * already in use is a conflict.
 */
export async function createAccount(
  db: Db,
  actor: StaffUser,
  input: AccountInput,
  now: Date,
): Promise<{ user: StaffUser; resetToken: string }> {
  const user = await db.transaction(async (tx) => {
    const res = await tx
      .query<StaffUser>(
        `insert into staff_users (email, display_name, role, languages, totp_enabled, created_at) values ($1, $2, $3, $4, false, $5)
         returning id, email, display_name, role, languages, active, totp_enabled, ui_locale`,
        [input.email, input.displayName, input.role, input.languages, now],
      )
      .catch((err: unknown) => {
        if (uniqueViolation(err, 'staff_users_email_key')) throw new DomainError('conflict');
        throw err;
      });
    await audit(tx, now, actor, 'create', 'staff_user', res.rows[0]!.id);
    return res.rows[0]!;
  });
  return { user, resetToken: await createResetLink(db, user.id, now) };
}

/** A one-time link for an account to set a new password, in the account's workspace language. */
export async function newPasswordLink(
  db: Db,
  actor: StaffUser,
  userId: string,
  now: Date,
): Promise<{ token: string; locale: string }> {
  const account = (await db.query<{ ui_locale: string }>('select ui_locale from staff_users where id = $1', [userId]))
    .rows[0];
  if (!account) throw new DomainError('not_found');
  const token = await createResetLink(db, userId, now);
  await audit(db, now, actor, 'reset_link', 'staff_user', userId);
  return { token, locale: account.ui_locale };
}
