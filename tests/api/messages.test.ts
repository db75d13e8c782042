/**
 * The outbox: a failing transport leaves the message for a later try with growing delays, and
 * gives up (status failed, for staff to act on) after MAX_ATTEMPTS; a claim left by a crashed
 * sender expires and is taken again; two senders never take the same row.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';
import { seedDemo } from '../../server/db/seed.ts';
import { MAX_ATTEMPTS, backoffMs, processOutbox } from '../../server/workers/outbox.ts';
import type { Transports } from '../../server/messages/transports.ts';

let clock = new Date('2026-11-23T08:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await testApp({ now: () => clock });
  await seedDemo(t.deps.db, { now: t.deps.now() });
});
afterAll(() => t.close());

const failing: Transports = {
  email: async () => Promise.reject(new Error('SMTP down')),
  sms: async () => Promise.reject(new Error('gateway down')),
};
const sent: string[] = [];
const working: Transports = {
  email: async (m) => void sent.push(`email:${m.to}`),
  sms: async (to) => void sent.push(`sms:${to}`),
};
const deps = (transports: Transports) => ({
  db: t.deps.db,
  log: t.deps.log,
  transports,
  baseUrl: 'https://portal.example',
  from: 'x@portal.example',
  now: () => clock,
});

async function book(email: string) {
  const slots = await t.json('/api/bookings/slots?language=fi&mode=phone');
  const slot = slots.body.days[0].times[0];
  const res = await t.json('/api/bookings', {
    method: 'POST',
    json: {
      slotId: slot.slotId,
      serviceLanguage: 'fi',
      mode: 'phone',
      name: `Msg ${email}`,
      email,
      contactLanguage: 'fi',
      locale: 'fi',
    },
  });
  expect(res.status).toBe(201);
  // A new contact: its message is the hold's code and link (tests/api/holds.test.ts), one like any other.
  expect(res.body.booking.confirmBy).not.toBeNull();
}

describe(`outbox retries (${engine})`, () => {
  test('backoff grows and is capped', () => {
    expect(backoffMs(1)).toBe(60_000);
    expect(backoffMs(2)).toBe(120_000);
    expect(backoffMs(20)).toBe(2 * 3_600_000);
  });

  test('a failed send is retried later, then given up after the last attempt, never logging the recipient', async () => {
    await book('retry@example.com');
    t.logs.length = 0;
    expect(await processOutbox(deps(failing))).toEqual({ sent: 0, failed: 1 });
    const row = async () =>
      (
        await t.deps.db.query<{ status: string; attempts: number; next_attempt_at: Date; last_error: string }>(
          `select * from outbox order by id desc limit 1`,
        )
      ).rows[0]!;
    expect(await row()).toMatchObject({ status: 'pending', attempts: 1, last_error: 'SMTP down' });
    // Not due yet: nothing is taken.
    expect(await processOutbox(deps(failing))).toEqual({ sent: 0, failed: 0 });
    for (let i = 2; i <= MAX_ATTEMPTS; i++) {
      clock = new Date(clock.getTime() + backoffMs(i - 1) + 1000);
      await processOutbox(deps(failing));
    }
    expect(await row()).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(t.logs.join('\n')).not.toContain('retry@example.com');
  });

  test('a claim left by a crashed sender expires and the message is sent', async () => {
    await book('crash@example.com');
    const id = (await t.deps.db.query<{ id: number }>(`select max(id) as id from outbox`)).rows[0]!.id;
    // A sender claimed it and died.
    await t.deps.db.query(`update outbox set status = 'sending', claimed_until = $2, attempts = 1 where id = $1`, [
      id,
      new Date(clock.getTime() + 60_000),
    ]);
    expect((await processOutbox(deps(working))).sent).toBe(0);
    clock = new Date(clock.getTime() + 6 * 60_000);
    expect((await processOutbox(deps(working))).sent).toBe(1);
    expect(sent).toContain('email:crash@example.com');
  });

  test('two senders at once never send the same message twice', async () => {
    sent.length = 0;
    for (let i = 0; i < 6; i++) await book(`pair${i}@example.com`);
    const [a, b] = await Promise.all([processOutbox(deps(working)), processOutbox(deps(working))]);
    expect(a.sent + b.sent).toBe(6);
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent).toHaveLength(6);
  });
});
