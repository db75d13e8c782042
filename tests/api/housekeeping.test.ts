/**
 * The housekeeping worker on each engine: its table of jobs, one instance at a time for each job
 * with a lease (every instance sends the outbox), the purge of expired security data, and of the
 * development message sinks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';
import { JOBS, runJob, type HousekeepingDeps, type JobName } from '../../server/workers/housekeeping.ts';
import { purgeExpired } from '../../server/services/auth.ts';
import { ABSOLUTE_TIMEOUT_MS, createStaffUser } from '../../server/services/auth.ts';

let clock = new Date('2027-03-01T08:00:00Z');
let t: TestApp;
let deps: HousekeepingDeps;
beforeAll(async () => {
  t = await testApp({ now: () => clock });
  deps = { ...t.deps, transports: { email: async () => {}, sms: async () => {} } };
});
afterAll(() => t.close());

const pendingMessages = async () =>
  (
    await t.deps.db.query<{ n: number }>(
      `select count(*)::int as n from outbox where status = 'pending' and next_attempt_at <= $1`,
      [clock],
    )
  ).rows[0]!.n;

describe(`the housekeeping worker (${engine})`, () => {
  test("owns every periodic job; each lease is shorter than its job's interval, so another instance takes over", () => {
    expect(Object.keys(JOBS).sort()).toEqual([
      'backup',
      'close-queues',
      'erasure-journal',
      'holds',
      'outbox',
      'purge',
      'queue-sms',
      'reminders',
      'retention',
      'sinks',
    ]);
    for (const [name, job] of Object.entries(JOBS)) {
      if (job.leaseMs !== null) expect(job.leaseMs, name).toBeLessThan(job.everyMs(t.deps.config));
    }
    expect(JOBS.outbox.leaseMs).toBeNull();
  });

  test('a burst of messages is sent in one run of the outbox job, batch after batch, not 20 per interval', async () => {
    const before = await pendingMessages();
    for (let i = 0; i < 45; i++) {
      const res = await t.json('/api/requests/employer', {
        method: 'POST',
        json: {
          company: `Burst ${i} Oy`,
          businessId: '0112038-9',
          contactName: `Burst ${i}`,
          email: `burst-${i}@example.invalid`,
          needs: ['eures'],
          sector: 'ict',
          languages: [],
          locale: 'fi',
        },
      });
      expect(res.status).toBe(201);
    }
    expect(await pendingMessages()).toBeGreaterThanOrEqual(before + 45);
    let emails = 0;
    await runJob({ ...deps, transports: { email: async () => void emails++, sms: async () => {} } }, 'outbox');
    expect(emails).toBeGreaterThanOrEqual(45);
    expect(await pendingMessages()).toBe(0);
  });

  test('two instances at the same instant: one runs each leased job, both send the outbox', async () => {
    clock = new Date('2027-03-02T08:00:00Z');
    for (const name of ['reminders', 'holds', 'purge', 'close-queues', 'retention'] as JobName[]) {
      expect(await runJob(deps, name, 'instance-a'), name).toBe(true);
      expect(await runJob(deps, name, 'instance-b'), name).toBe(false);
    }
    expect(await runJob(deps, 'outbox', 'instance-a')).toBe(true);
    expect(await runJob(deps, 'outbox', 'instance-b')).toBe(true);
    // Once the lease has run out, the other instance runs the job.
    clock = new Date(clock.getTime() + JOBS.retention.everyMs());
    expect(await runJob(deps, 'retention', 'instance-b')).toBe(true);
  });

  test("the purge: sessions past the absolute timeout (the auth service's), rate-limit counters after a day, used or expired password links", async () => {
    clock = new Date('2027-03-03T08:00:00Z');
    const user = await createStaffUser(
      t.deps.db,
      {
        email: 'purge@ihl.example',
        displayName: 'Purge',
        role: 'advisor',
        languages: ['fi'],
        password: 'kolme vihreää omenaa pöydällä',
      },
      clock,
    );
    const session = (id: string, ageMs: number) =>
      t.deps.db.query(
        `insert into staff_sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) values ($1, $2, 'x', $3, $3)`,
        [id, user.id, new Date(clock.getTime() - ageMs)],
      );
    await session('purge-old', ABSOLUTE_TIMEOUT_MS + 1000);
    await session('purge-young', ABSOLUTE_TIMEOUT_MS - 60_000);
    const limit = (key: string, ageMs: number) =>
      t.deps.db.query(
        `insert into rate_limits (bucket, key_hash, window_start, count) values ('purge-test', $1, $2, 1)`,
        [key, new Date(clock.getTime() - ageMs)],
      );
    await limit('old', 25 * 3_600_000);
    await limit('young', 23 * 3_600_000);
    const link = (hash: string, expiresInMs: number, used: boolean) =>
      t.deps.db.query(
        `insert into password_resets (token_hash, user_id, expires_at, used_at) values ($1, $2, $3, $4)`,
        [hash, user.id, new Date(clock.getTime() + expiresInMs), used ? clock : null],
      );
    await link('purge-expired', -1000, false);
    await link('purge-used', 3_600_000, true);
    await link('purge-valid', 3_600_000, false);
    await purgeExpired(t.deps.db, clock);
    expect((await t.deps.db.query(`select id_hash from staff_sessions where id_hash like 'purge-%'`)).rows).toEqual([
      { id_hash: 'purge-young' },
    ]);
    expect((await t.deps.db.query(`select key_hash from rate_limits where bucket = 'purge-test'`)).rows).toEqual([
      { key_hash: 'young' },
    ]);
    expect(
      (await t.deps.db.query(`select token_hash from password_resets where token_hash like 'purge-%'`)).rows,
    ).toEqual([{ token_hash: 'purge-valid' }]);
  });

  test('the message sinks keep a message SINK_KEEP_HOURS, then it goes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ihl-sinks-'));
    try {
      const sinkDeps = { ...deps, config: { ...deps.config, DATA_DIR: dir, SINK_KEEP_HOURS: 48 } };
      clock = new Date('2027-03-10T08:00:00Z');
      const old = clock.getTime() - 49 * 3_600_000;
      const recent = clock.getTime() - 3_600_000;
      fs.mkdirSync(path.join(dir, 'mail-sink'));
      fs.writeFileSync(path.join(dir, 'mail-sink', `${old}-a.eml`), 'To: old@example.com');
      fs.writeFileSync(path.join(dir, 'mail-sink', `${recent}-b.eml`), 'To: new@example.com');
      fs.writeFileSync(
        path.join(dir, 'sms-sink.jsonl'),
        `${JSON.stringify({ at: new Date(old).toISOString(), to: '+358401', text: 'old' })}\n${JSON.stringify({ at: new Date(recent).toISOString(), to: '+358402', text: 'new' })}\n`,
      );
      expect(await runJob(sinkDeps, 'sinks')).toBe(true);
      expect(fs.readdirSync(path.join(dir, 'mail-sink'))).toEqual([`${recent}-b.eml`]);
      const sms = fs.readFileSync(path.join(dir, 'sms-sink.jsonl'), 'utf8');
      expect(sms).toContain('+358402');
      expect(sms).not.toContain('+358401');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
