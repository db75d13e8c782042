/**
 * Fixed-window rate limits kept in the database, so that every app instance counts the same.
 * The key (an IP address, an email) is stored only as a hash salted with its window, so a row
 * says nothing once its window has passed; old rows are purged by the worker.
 */
import crypto from 'node:crypto';
import type { Queryable } from '../db/client.ts';

const windowOf = (now: Date, windowMs: number) => new Date(Math.floor(now.getTime() / windowMs) * windowMs);
const keyHash = (key: string, windowStart: Date) => crypto.createHash('sha256').update(`${key}|${windowStart.toISOString()}`).digest('hex');

/** Counts one hit and says whether the limit is now exceeded. */
export async function hitRateLimit(q: Queryable, bucket: string, key: string, limit: number, windowMs: number, now: Date): Promise<boolean> {
  const windowStart = windowOf(now, windowMs);
  const res = await q.query<{ count: number }>(
    `insert into rate_limits (bucket, key_hash, window_start, count) values ($1, $2, $3, 1)
     on conflict (bucket, key_hash, window_start) do update set count = rate_limits.count + 1 returning count`,
    [bucket, keyHash(key, windowStart), windowStart],
  );
  return res.rows[0]!.count > limit;
}
