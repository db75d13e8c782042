/**
 * Fixed-window rate limits kept in the database, so that every app instance counts the same.
 * The key (an IP address, an email) is stored only as a hash salted with its window, so a row
 * says nothing once its window has passed; old rows are purged by the worker.
 */
import crypto from 'node:crypto';
import type { Queryable } from '../db/client.ts';

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

/** Takes back one counted event (a sign-in attempt that turned out to succeed). */
export async function uncountRateLimit(q: Queryable, bucket: string, key: string, windowMs: number, now: Date) {
  const [hash, windowStart] = windowKey(key, windowMs, now);
  await q.query(
    'update rate_limits set count = count - 1 where bucket = $1 and key_hash = $2 and window_start = $3 and count > 0',
    [bucket, hash, windowStart],
  );
}
