/**
 * Text messages for a walk-in ticket (opt-in) on each engine: giving a number (JSON and form),
 * never shown back; one "turn near" and one "called" message per ticket even when two instances
 * check at once, sent through the outbox in the person's language with the desk; the number
 * deleted in the transaction that closes the ticket (served, left, the day's closing) and by the
 * sweep; the longer no-show grace of a followed ticket.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';
import { STAFF_PASSWORD } from '../support/staff.ts';
import { createStaffUser, type StaffUser } from '../../server/services/auth.ts';
import { openDesk } from '../../server/services/queue-desks.ts';
import { callNext, finish, recall } from '../../server/services/queue-console.ts';
import { closeQueues } from '../../server/services/queue-closing.ts';
import { sweepPhones, tellNearTurns } from '../../server/services/queue-sms.ts';
import { processOutbox } from '../../server/workers/outbox.ts';

// Monday 23.11.2026, 10:00 in Helsinki: the sample walk-in session is open.
const MONDAY_10 = new Date('2026-11-23T08:00:00Z');
let clock = MONDAY_10;
const minutesLater = (m: number) => (clock = new Date(clock.getTime() + m * 60_000));
let t: TestApp;
let advisor: StaffUser;

const take = async (language = 'ar') =>
  (await t.json('/api/queue/points/palvelutori/tickets', { method: 'POST', json: { topic: 'permits', language } }))
    .body as { token: string; ticket: { code: string } };
const follow = (token: string, json: unknown) => t.json(`/api/queue/tickets/${token}/sms`, { method: 'POST', json });
const rows = async (sql: string, params: unknown[] = []) => (await t.deps.db.query(sql, params)).rows;
const messages = () =>
  rows(`select kind, ticket_id, locale, data, status from outbox where ticket_id is not null order by id`);
/** The advisor takes desk 2 (Arabic) and calls the next person. */
async function atDeskCallNext() {
  const point = { servicePoint: 'palvelutori', desk: '2', languages: ['ar'] };
  await openDesk(t.deps.db, t.deps.queue, advisor, point, clock);
  return callNext(t.deps.db, t.deps.queue, advisor, clock);
}
const phones = () => rows('select ticket_id, phone from queue_ticket_sms');

beforeAll(async () => {
  t = await testApp({ now: () => clock });
  const user = await createStaffUser(
    t.deps.db,
    {
      email: 'sms-advisor@ihl.example',
      displayName: 'A',
      role: 'advisor',
      languages: ['fi'],
      password: STAFF_PASSWORD,
    },
    clock,
  );
  advisor = { id: user.id, role: 'advisor' } as unknown as StaffUser;
});
afterAll(() => t.close());
beforeEach(async () => {
  clock = MONDAY_10;
  await t.deps.db.exec(
    `delete from outbox where ticket_id is not null; delete from queue_tickets; delete from queue_counters; delete from queue_desks; delete from rate_limits;`,
  );
});

describe(`text messages for a queue ticket (${engine})`, () => {
  test('a number is taken (checked, in E.164), never shown back, and deleted at once on "stop"', async () => {
    const { token } = await take();
    const bad = await follow(token, { phone: '12', locale: 'ar' });
    expect(bad.status).toBe(422);
    expect(await phones()).toEqual([]);
    expect((await follow(token, { phone: '040 123 4567', locale: 'ar' })).status).toBe(201);
    expect(await phones()).toMatchObject([{ phone: '+358401234567' }]);
    const view = await t.json(`/api/queue/tickets/${token}`);
    expect(view.body.ticket.smsFollowed).toBe(true);
    const display = await t.json('/api/queue/points/palvelutori/display');
    // The number in any of its forms (not just "358", which a request id's hex can hold by chance).
    for (const body of [view.body, display.body, t.logs])
      expect(JSON.stringify(body)).not.toMatch(/40\s?123\s?4567|401234567/);
    expect((await t.json(`/api/queue/tickets/${token}/sms/stop`, { method: 'POST', json: {} })).status).toBe(200);
    expect(await phones()).toEqual([]);
    expect((await t.json(`/api/queue/tickets/${token}`)).body.ticket.smsFollowed).toBe(false);
  });

  test('one "turn near" and one "called" message per ticket, even from two instances at once; sent in the chosen language', async () => {
    const first = await take();
    const second = await take();
    await follow(second.token, { phone: '+358401234567', locale: 'fi' });
    // One ahead and no service times yet: no estimate, so not near.
    expect(await tellNearTurns(t.deps.db, t.deps.queue, clock)).toBe(0);
    await t.json(`/api/queue/tickets/${first.token}/leave`, { method: 'POST', json: {} });
    // Now next: both instances check at the same instant; one message.
    const told = await Promise.all([
      tellNearTurns(t.deps.db, t.deps.queue, clock),
      tellNearTurns(t.deps.db, t.deps.queue, clock),
    ]);
    expect(told.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await tellNearTurns(t.deps.db, t.deps.queue, clock)).toBe(0);
    const called = await atDeskCallNext();
    expect(called?.code).toBe(second.ticket.code);
    await recall(t.deps.db, advisor, called!.id, minutesLater(1));
    expect(await messages()).toMatchObject([
      { kind: 'queue_near', ticket_id: called!.id, locale: 'fi' },
      { kind: 'queue_called', ticket_id: called!.id, locale: 'fi', data: { desk: '2', place: 'Palvelutori' } },
    ]);
    const sent: { to: string; text: string }[] = [];
    const result = await processOutbox({
      db: t.deps.db,
      log: t.deps.log,
      transports: { email: async () => {}, sms: async (to, text) => void sent.push({ to, text }) },
      baseUrl: 'http://localhost',
      from: 'x@ihl.example',
      now: () => clock,
    });
    expect(result.sent).toBeGreaterThanOrEqual(2);
    const mine = sent.filter((s) => s.to === '+358401234567');
    expect(mine.map((s) => s.text)).toEqual([
      `Vuorosi lähestyy: numero ${second.ticket.code}, Palvelutori. Tule takaisin odotustilaan.`,
      `Numero ${second.ticket.code}: tule nyt palvelupisteeseen 2, Palvelutori.`,
    ]);
  });

  test('the number goes in the transaction that closes the ticket (served, left, day closed), unsent messages with it; the sweep catches the rest', async () => {
    const served = await take();
    const left = await take();
    const closed = await take();
    for (const x of [served, left, closed]) await follow(x.token, { phone: '+358401234567', locale: 'en' });
    const called = await atDeskCallNext();
    expect((await messages()).filter((m) => m.status === 'pending')).toHaveLength(1);
    await finish(t.deps.db, t.deps.queue, advisor, called!.id, 'served', minutesLater(5));
    expect(await messages()).toEqual([]); // the pending "called" message went with the number
    expect(await phones()).toHaveLength(2);
    await t.json(`/api/queue/tickets/${left.token}/leave`, { method: 'POST', json: {} });
    expect(await phones()).toHaveLength(1);
    clock = new Date('2026-11-24T08:00:00Z'); // the next day: yesterday's tickets are closed
    await closeQueues(t.deps.db, t.deps.queue, clock);
    expect(await phones()).toEqual([]);
    // A number left on a closed ticket by any other path: the sweep deletes it.
    const other = await take();
    await follow(other.token, { phone: '+358401234567', locale: 'en' });
    await t.deps.db.query(`update queue_tickets set status = 'served' where code = $1`, [other.ticket.code]);
    expect(await sweepPhones(t.deps.db)).toBe(1);
    expect(await phones()).toEqual([]);
  });

  test('a followed ticket gets the longer no-show grace (8 minutes in the sample settings, 3 at the desk)', async () => {
    const { token } = await take();
    await follow(token, { phone: '+358401234567', locale: 'ar' });
    const called = await atDeskCallNext();
    await expect(
      finish(t.deps.db, t.deps.queue, advisor, called!.id, 'no_show', minutesLater(4)),
    ).rejects.toMatchObject({
      code: 'too_early',
      params: { minutes: 8 },
    });
    await finish(t.deps.db, t.deps.queue, advisor, called!.id, 'no_show', minutesLater(4));
    expect((await t.json(`/api/queue/tickets/${token}`)).body.ticket.status).toBe('no_show');
    expect(await phones()).toEqual([]);
  });

  test('a form post answers with a redirect back to the ticket page', async () => {
    const { token } = await take();
    const res = await t.app.request(`/api/queue/tickets/${token}/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ phone: '0401234567', locale: 'so' }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain(`/so/queue/${token}/`);
    expect(await phones()).toHaveLength(1);
  });
});
