/**
 * Holds on public bookings and course places (server/domain/holds.ts has the rules and numbers):
 * who is trusted, confirming a hold by its code or its link, and releasing bookings whose hold's
 * deadline passed (a course place's release, with the waitlist moving up, is in enrolments.ts).
 * The free times count a lapsed hold as free at once (free-slots.ts); the housekeeping worker
 * marks it 'expired' within a minute, and a new booking of the same time or by the same person
 * releases it first.
 */
import type { Db, Queryable } from '../db/client.ts';
import { DomainError } from '../domain/errors.ts';
import { codeMatches, hashCode, holdDeadline, MAX_CODE_ATTEMPTS, newHoldCode, TRUST_DAYS } from '../domain/holds.ts';
import { contactKeys } from '../domain/limits.ts';
import { hashToken, newManageToken } from '../domain/person.ts';
import { keyedHashes } from '../sealed.ts';

/** The keyed hashes a contact may be stored under (current key first), per contact given. */
function contactHashes(contact: { phone?: string | undefined; email?: string | undefined }): string[][] {
  const { phone, email } = contactKeys(contact);
  return [phone && `phone:${phone}`, email && `email:${email}`]
    .filter((k): k is string => !!k)
    .map((k) => keyedHashes('DATA_ENCRYPTION_KEY', 'trusted-contact', k));
}

/**
 * Whether every contact given has confirmed a hold within TRUST_DAYS (a made-up phone next to a
 * real email is not trusted). Only reads: a trusted contact's use renews its trust (`trust`),
 * with the write it allowed.
 */
export async function isTrusted(
  q: Queryable,
  contact: { phone?: string | undefined; email?: string | undefined },
  now: Date,
): Promise<boolean> {
  const hashes = contactHashes(contact);
  if (!hashes.length) return false;
  const res = await q.query<{ contact_hash: string }>(
    'select contact_hash from trusted_contacts where contact_hash = any($1) and confirmed_at > $2',
    [hashes.flat(), new Date(now.getTime() - TRUST_DAYS * 86_400_000)],
  );
  const found = new Set(res.rows.map((r) => r.contact_hash));
  return hashes.every((h) => h.some((x) => found.has(x)));
}

/** Whether the contact is trusted (`isTrusted`), its trust renewed when it is. */
export async function trustedContact(
  tx: Queryable,
  contact: { phone?: string | undefined; email?: string | undefined },
  now: Date,
): Promise<boolean> {
  const trusted = await isTrusted(tx, contact, now);
  if (trusted) await trust(tx, contact, now);
  return trusted;
}

/** Trusts the contacts given (stored under the current key's hash), from `now`. */
export async function trust(tx: Queryable, contact: { phone?: string | null; email?: string | null }, now: Date) {
  const current = contactHashes({ phone: contact.phone ?? undefined, email: contact.email ?? undefined }).map(
    (h) => h[0]!,
  );
  await tx.query(
    `insert into trusted_contacts (contact_hash, confirmed_at) select h, $2 from unnest($1::text[]) as h
     on conflict (contact_hash) do update set confirmed_at = greatest(trusted_contacts.confirmed_at, excluded.confirmed_at)`,
    [current, now],
  );
}

/** A new hold's deadline, the hashes to store, and the code and link for its message (sealed in the outbox). */
export interface Hold {
  until: Date;
  codeHash: string;
  linkHash: string;
  message: { holdCode: string; holdLink: string };
}

export function newHold(subjectId: string, now: Date): Hold {
  const code = newHoldCode();
  const link = newManageToken();
  return {
    until: holdDeadline(now),
    codeHash: hashCode(subjectId, code),
    linkHash: link.hash,
    message: { holdCode: code, holdLink: link.token },
  };
}

/** An erasure by contact: the contact is no longer trusted (its keyed hash under every key goes). */
export async function forgetTrust(tx: Queryable, contact: { phone: string | null; email: string | null }) {
  const hashes = contactHashes({ phone: contact.phone ?? undefined, email: contact.email ?? undefined }).flat();
  if (hashes.length) await tx.query('delete from trusted_contacts where contact_hash = any($1)', [hashes]);
}

/** What may be held: a booking (active) or an enrolment (a seat or a waitlist place). */
const HELD = {
  booking: { table: 'bookings', active: ['active'] },
  enrolment: { table: 'enrolments', active: ['enrolled', 'waitlisted'] },
} as const;
export type HeldKind = keyof typeof HELD;

interface HoldRow {
  id: string;
  status: string;
  hold_until: Date | null;
  hold_code_hash: string | null;
  hold_link_hash: string | null;
  hold_attempts: number;
  client_phone: string | null;
  client_email: string | null;
}

export type HoldProof = { code: string } | { link: string };

/**
 * Confirms a held booking or enrolment, found by its manage token, with the code or the link's
 * token sent to the contact; its contacts are trusted from now on. One already confirmed answers
 * as confirmed (a second click on the link). Wrong codes count: after MAX_CODE_ATTEMPTS only the
 * link confirms. Returns whether it changed (false: was confirmed already). The transaction
 * commits a wrong code's count before the refusal is thrown.
 */
export async function confirmHold(
  db: Db,
  kind: HeldKind,
  manageTokenHash: string,
  proof: HoldProof,
  now: Date,
  /** Written in the confirming transaction (the confirmation message). */
  onConfirmed: (tx: Queryable, held: { id: string; status: string }) => Promise<void>,
): Promise<boolean> {
  const { table, active } = HELD[kind];
  const isActive = (status: string) => (active as readonly string[]).includes(status);
  const outcome = await db.transaction(async (tx) => {
    const row = (
      await tx.query<HoldRow>(
        `select id, status, hold_until, hold_code_hash, hold_link_hash, hold_attempts, client_phone, client_email
           from ${table} where manage_token_hash = $1 for update`,
        [manageTokenHash],
      )
    ).rows[0];
    if (!row) return 'not_found' as const;
    if (isActive(row.status) && row.hold_until === null) return 'already' as const;
    if (!isActive(row.status) || new Date(row.hold_until!).getTime() <= now.getTime()) return 'hold_expired' as const;
    if ('link' in proof) {
      if (!/^[A-Za-z0-9_-]{43}$/.test(proof.link) || hashToken(proof.link) !== row.hold_link_hash)
        return 'wrong_link' as const;
    } else {
      if (row.hold_attempts >= MAX_CODE_ATTEMPTS) return 'code_locked' as const;
      if (!row.hold_code_hash || !codeMatches(row.id, proof.code, row.hold_code_hash)) {
        // Counted in this transaction, which commits: the refusal is thrown after it.
        const left = MAX_CODE_ATTEMPTS - row.hold_attempts - 1;
        await tx.query(`update ${table} set hold_attempts = hold_attempts + 1 where id = $1`, [row.id]);
        return left > 0 ? ({ wrong: left } as const) : ('code_locked' as const);
      }
    }
    await tx.query(
      `update ${table} set hold_until = null, hold_code_hash = null, hold_link_hash = null, hold_attempts = 0 where id = $1`,
      [row.id],
    );
    if (kind === 'booking') await tx.query('update bookings set updated_at = $2 where id = $1', [row.id, now]);
    await trust(tx, { phone: row.client_phone, email: row.client_email }, now);
    await onConfirmed(tx, row);
    return 'confirmed' as const;
  });
  if (outcome === 'confirmed') return true;
  if (outcome === 'already') return false;
  if (typeof outcome === 'object')
    throw new DomainError('wrong_code', { params: { left: outcome.wrong }, details: { attemptsLeft: outcome.wrong } });
  if (outcome === 'wrong_link') throw new DomainError('not_found');
  throw new DomainError(outcome);
}

/**
 * Marks lapsed holds 'expired' (they already count as free): all of them (the housekeeping job),
 * or only those in the way of one new booking (its time, or the same person's one active booking).
 * The free-times trigger tells every process.
 */
export async function releaseLapsedHolds(
  q: Queryable,
  now: Date,
  only?: { advisorId: string; startsAt: Date; personKeys: (string | null)[] },
): Promise<number> {
  const keys = only?.personKeys.filter((k): k is string => !!k) ?? [];
  const res = await q.query(
    `update bookings set status = 'expired', cancelled_at = hold_until, updated_at = $1,
            hold_code_hash = null, hold_link_hash = null
      where status = 'active' and hold_until is not null and hold_until <= $1
        and ($2::uuid is null or (advisor_id = $2 and starts_at = $3::timestamptz) or person_key_phone = any($4::text[]) or person_key_email = any($4::text[]))`,
    [now, only?.advisorId ?? null, only?.startsAt ?? null, keys],
  );
  return res.rowCount;
}

/** The housekeeping job: lapsed holds released, and trust older than TRUST_DAYS forgotten. */
export async function housekeepHolds(db: Db, now: Date): Promise<{ expired: number; forgotten: number }> {
  const expired = await releaseLapsedHolds(db, now);
  const res = await db.query('delete from trusted_contacts where confirmed_at <= $1', [
    new Date(now.getTime() - TRUST_DAYS * 86_400_000),
  ]);
  return { expired, forgotten: res.rowCount };
}
