/**
 * Fixed-window rate limits kept in the database, so that every app instance counts the same.
 * The key (an IP address, an email) is stored only as a hash salted with its window, so a row
 * says nothing once its window has passed; old rows are purged by the worker.
 */
import crypto from 'node:crypto';
import type { Queryable } from '../db/client.ts';
import { DomainError } from '../domain/errors.ts';
import { contactKeys, type Budget } from '../domain/limits.ts';

function windowKey(key: string, windowMs: number, now: Date): [string, Date] {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  return [crypto.createHash('sha256').update(`${key}|${windowStart.toISOString()}`).digest('hex'), windowStart];
}

/** Counts one event and returns the window's count so far. */
export async function countRateLimit(
  q: Queryable,
  bucket: string,
  key: string,
  windowMs: number,
  now: Date,
): Promise<number> {
  const [hash, windowStart] = windowKey(key, windowMs, now);
  const res = await q.query<{ count: number }>(
    `insert into rate_limits (bucket, key_hash, window_start, count) values ($1, $2, $3, 1)
     on conflict (bucket, key_hash, window_start) do update set count = rate_limits.count + 1 returning count`,
    [bucket, hash, windowStart],
  );
  return res.rows[0]!.count;
}

/** Whether the window's count has already reached `limit`, without counting. */
export async function atRateLimit(
  q: Queryable,
  bucket: string,
  key: string,
  limit: number,
  windowMs: number,
  now: Date,
): Promise<boolean> {
  const [hash, windowStart] = windowKey(key, windowMs, now);
  const res = await q.query<{ count: number }>(
    'select count from rate_limits where bucket = $1 and key_hash = $2 and window_start = $3',
    [bucket, hash, windowStart],
  );
  return (res.rows[0]?.count ?? 0) >= limit;
}

/** Counts one hit and says whether the limit is now exceeded. */
export async function hitRateLimit(
  q: Queryable,
  bucket: string,
  key: string,
  limit: number,
  windowMs: number,
  now: Date,
): Promise<boolean> {
  return (await countRateLimit(q, bucket, key, windowMs, now)) > limit;
}

/**
 * Counts one public write against its budget and refuses it over the limit with 429
 * `limit_reached` (the message names the phone and walk-in alternatives). `key` is already the
 * limit key: an address's (`limitKey`, IPv6 per /64), a kiosk's, a partner key's.
 */
export async function spendBudget(q: Queryable, bucket: string, key: string, budget: Budget, now: Date) {
  if (await hitRateLimit(q, bucket, key, budget.max, budget.windowMinutes * 60_000, now))
    throw new DomainError('limit_reached');
}

/**
 * "One phone or email holds at most `max` active bookings and enrolments (waitlist places count)",
 * whatever the names. Run inside the writing transaction: a transaction lock per contact makes two
 * writes for one contact take turns, so both cannot pass the count at once.
 */
export async function checkContactBudget(
  tx: Queryable,
  contact: { phone?: string | undefined; email?: string | undefined },
  max: number,
  now: Date,
) {
  const { phone, email } = contactKeys(contact);
  // Every key's lock in one round trip, in a fixed (sorted) order so that two writes never wait on each other.
  const keys = [phone && `phone:${phone}`, email && `email:${email}`].filter(Boolean).sort();
  // The count is sent with the lock, in one round trip: statements on one connection run in order,
  // so it runs once the lock is granted, with a snapshot of its own (read committed) that sees
  // what the lock's previous holder committed.
  const lock = tx.query('select pg_advisory_xact_lock(hashtext(k)) from unnest($1::text[]) as k', [keys]);
  const count = tx.query<{ n: number }>(
    `select (select count(*) from bookings where status = 'active' and starts_at > $3
               and (hold_until is null or hold_until > $3) and (client_phone = $1 or client_email = $2))
          + (select count(*) from enrolments e where e.status in ('enrolled', 'waitlisted')
               and (e.hold_until is null or e.hold_until > $3)
               and (e.client_phone = $1 or e.client_email = $2)
               and coalesce((select max(s.ends_at) from course_sessions s where s.group_id = e.group_id), 'infinity') > $3) as n`,
    [phone, email, now],
  );
  const [, res] = await Promise.all([lock, count]);
  if (Number(res.rows[0]!.n) >= max) throw new DomainError('limit_reached');
}

/** Takes back one counted event (a sign-in attempt that turned out to succeed). */
export async function uncountRateLimit(q: Queryable, bucket: string, key: string, windowMs: number, now: Date) {
  const [hash, windowStart] = windowKey(key, windowMs, now);
  await q.query(
    'update rate_limits set count = count - 1 where bucket = $1 and key_hash = $2 and window_start = $3 and count > 0',
    [bucket, hash, windowStart],
  );
}
