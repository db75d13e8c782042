/**
 * Leases: "this is mine until an instant". The outbox claims each message row until
 * `leaseUntil(now, ms)`; each periodic job takes a lease by name (`tryLease`) so that only one
 * instance runs it at a time. Every instant comes from the caller's clock (Deps.now), never from
 * the database; clocks must agree within a lease's length (README "Time").
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Queryable } from '../db/client.ts';

/** This process, as a lease holder. */
export const INSTANCE_ID = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

export function leaseUntil(now: Date, ms: number): Date {
  return new Date(now.getTime() + ms);
}

/**
 * Takes (or renews) the lease of `job` until now + `ms` when it is free, expired or already ours.
 * One statement, so two instances asking at once cannot both get it.
 */
export async function tryLease(
  q: Queryable,
  job: string,
  now: Date,
  ms: number,
  holder = INSTANCE_ID,
): Promise<boolean> {
  const res = await q.query(
    `insert into job_leases (job, holder, until) values ($1, $2, $3)
     on conflict (job) do update set holder = excluded.holder, until = excluded.until
      where job_leases.until <= $4 or job_leases.holder = excluded.holder
     returning job`,
    [job, holder, leaseUntil(now, ms), now],
  );
  return res.rows.length > 0;
}
