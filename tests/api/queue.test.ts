/**
 * The walk-in queue's API on each engine: tickets (JSON and form), opening hours, validation in
 * the user's language with nothing written, the advisor console (call next, recall, served,
 * no-show, transfer, pause), check-in for booked clients, leaving, closing, the live stream, and
 * two advisors calling at the same instant: through parallel requests, and (on PostgreSQL) with two
 * transactions held open on two connections, so the guarantee is seen to be the database's.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';
import { eventually } from '../support/eventually.ts';
import { STAFF_PASSWORD, staffCall as signedInCall, type Agent } from '../support/staff.ts';
import { createStaffUser } from '../../server/services/auth.ts';
import { openPostgres } from '../../server/db/client.ts';
import { callNextIn } from '../../server/services/queue-console.ts';
import { ticketCode } from '../../server/domain/queue.ts';
import { closeQueues } from '../../server/services/queue-closing.ts';
import { createQueueEvents } from '../../server/services/queue-events.ts';
import type { StaffUser } from '../../server/services/auth.ts';

// Monday 23.11.2026, 10:00 in Helsinki: the sample walk-in session 09–12 serves fi, en, ar.
const MONDAY_10 = new Date('2026-11-23T08:00:00Z');
let clock = MONDAY_10;
const minutesLater = (m: number) => (clock = new Date(clock.getTime() + m * 60_000));
let t: TestApp;
// The tests move the clock by hours; each call signs in again when the session would have gone idle.
interface Advisor {
  id: string;
  email: string;
  agent?: Agent;
  signedInAt?: number;
}
const anna: Advisor = { id: '', email: 'anna@ihl.example' };
const bertil: Advisor = { id: '', email: 'bertil@ihl.example' };
async function staffCall(_t: TestApp, who: Advisor, method: string, path: string, json?: unknown) {
  if (!who.agent || Math.abs(clock.getTime() - who.signedInAt!) > 20 * 60_000) {
    const res = await t.app.request('/api/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: who.email, password: STAFF_PASSWORD }),
    });
    who.agent = {
      cookie: res.headers.get('set-cookie')!.split(';')[0]!,
      csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
    };
    who.signedInAt = clock.getTime();
  }
  return signedInCall(t, who.agent, method, path, json);
}

const take = (json: unknown, point = 'palvelutori', locale?: string) =>
  t.json(`/api/queue/points/${point}/tickets`, { method: 'POST', json, ...(locale ? { locale } : {}) });
const ticket = async (token: string) => (await t.json(`/api/queue/tickets/${token}`)).body.ticket;
const ticketCount = async () =>
  Number((await t.deps.db.query<{ n: number }>('select count(*)::int as n from queue_tickets')).rows[0]!.n);
const asUser = (agent: { id: string }): StaffUser =>
  ({
    id: agent.id,
    email: '',
    display_name: '',
    role: 'advisor',
    languages: [],
    active: true,
    totp_enabled: true,
    ui_locale: 'fi',
  }) as unknown as StaffUser;

beforeAll(async () => {
  t = await testApp({ now: () => clock });
  for (const who of [anna, bertil]) {
    who.id = (
      await createStaffUser(
        t.deps.db,
        { email: who.email, displayName: who.email, role: 'advisor', languages: ['fi'], password: STAFF_PASSWORD },
        t.deps.now(),
      )
    ).id;
  }
});
afterAll(() => t.close());
beforeEach(async () => {
  clock = MONDAY_10;
  await t.deps.db.exec(
    `delete from queue_tickets; delete from queue_counters; delete from queue_desks; delete from queue_openings; delete from rate_limits;`,
  );
});

describe(`tickets (${engine})`, () => {
  test('numbers run per topic letter and day; the ticket page shows the place in the queue and no estimate without data', async () => {
    const a1 = await take({ topic: 'general', language: 'ar', channel: 'kiosk' });
    expect(a1.status).toBe(201);
    expect(a1.body.ticket.code).toBe('A-001');
    expect(a1.body.url).toBe(`/ar/queue/${a1.body.token}/`);
    expect((await take({ topic: 'general', language: 'fi' })).body.ticket.code).toBe('A-002');
    const b1 = await take({ topic: 'digital', language: 'fi' });
    expect(b1.body.ticket.code).toBe('B-001');
    expect(await ticket(a1.body.token)).toMatchObject({
      code: 'A-001',
      status: 'waiting',
      ahead: 0,
      estimate: { kind: 'next' },
    });
    expect(await ticket(b1.body.token)).toMatchObject({ code: 'B-001', ahead: 2, estimate: { kind: 'unknown' } });
  });

  test('the numbers go on past 999 as the domain writes them', async () => {
    // The statement that draws the number writes its code in SQL: held here to ticketCode.
    await take({ topic: 'family', language: 'fi' });
    await t.deps.db.query(`update queue_counters set last_number = 998`);
    expect((await take({ topic: 'family', language: 'fi' })).body.ticket.code).toBe(ticketCode('family', 999));
    expect((await take({ topic: 'family', language: 'fi' })).body.ticket.code).toBe(ticketCode('family', 1000));
    expect(ticketCode('family', 1000)).toBe('F-1000');
  });

  test('the wait estimate follows recent service times for the topic and language', async () => {
    // Five served Arabic permit visits of 12 minutes each, last week.
    for (let i = 1; i <= 5; i++) {
      await t.deps.db.query(
        `insert into queue_tickets (service_point, service_day, code, topic, language, channel, token_hash, status, created_at, queued_at, first_called_at, called_at, called_desk, ended_at)
         values ('palvelutori', '2026-11-16', $1, 'permits', 'ar', 'kiosk', $2, 'served', $3, $3, $3, $3, '1', $4)`,
        [`C-00${i}`, `hash${i}`, new Date('2026-11-16T08:00:00Z'), new Date('2026-11-16T08:12:00Z')],
      );
    }
    await take({ topic: 'permits', language: 'ar' });
    await take({ topic: 'permits', language: 'ar' });
    const third = await take({ topic: 'permits', language: 'ar' });
    expect(await ticket(third.body.token)).toMatchObject({
      ahead: 2,
      // 12 minutes × 2 ahead = 24, widened by the calibrated multipliers (×0.21…×1.43) to whole 5 minutes.
      estimate: { kind: 'range', from: 5, to: 35, basis: 'topic_language' },
    });
  });

  test("closed outside the desk's hours, with the message in the user's language; nothing is written", async () => {
    clock = new Date('2026-11-23T18:00:00Z'); // 20:00 in Helsinki
    const res = await take({ topic: 'general', language: 'ar' }, 'palvelutori', 'ar');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'queue_closed', lang: 'ar' });
    expect(res.body.error.message).toMatch(/[\u0600-\u06FF]/);
    expect(await ticketCount()).toBe(0);
    const open = await t.json('/api/queue/points/palvelutori/open');
    expect(open.body.open).toBe(false);
    expect(open.body.opensAt).toBe('2026-11-24T07:00:00.000Z'); // Tuesday 09:00
  });

  test('bad input gets field errors, unknown places 404, malformed JSON 400, and nothing is written', async () => {
    const bad = await take({ topic: 'astrology', language: 'xx' }, 'palvelutori', 'fi');
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['language', 'topic']);
    expect(bad.body.error.fields.topic.message).toBe('Valitse jokin vaihtoehdoista.');
    expect((await take({ topic: 'general', language: 'fi' }, 'nowhere')).status).toBe(404);
    expect((await take({ topic: 'general', language: 'fi' }, 'aleksanterinkatu-24b')).status).toBe(404); // appointments only
    const malformed = await t.app.request('/api/queue/points/palvelutori/tickets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"topic":',
    });
    expect(malformed.status).toBe(400);
    expect((await t.json('/api/queue/tickets/not-a-token')).status).toBe(404);
    expect(await ticketCount()).toBe(0);
  });

  test('a form post (the phone page without JavaScript) redirects to the ticket page, or back with the error', async () => {
    const form = (fields: Record<string, string>) =>
      t.app.request('/api/queue/points/palvelutori/tickets', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
        body: new URLSearchParams(fields).toString(),
      });
    const ok = await form({ topic: 'family', language: 'so', locale: 'so' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toMatch(/^\/so\/queue\/[A-Za-z0-9_-]{43}\/$/);
    // Easy Finnish (#21): the pages in selkosuomi, the ticket's language of service Finnish.
    const selko = await form({ topic: 'general', language: 'fi', locale: 'fi-x-selko' });
    expect(selko.status).toBe(303);
    expect(selko.headers.get('location')).toMatch(/^\/fi-x-selko\/queue\/[A-Za-z0-9_-]{43}\/$/);
    clock = new Date('2026-11-23T18:00:00Z');
    const closed = await form({ topic: 'family', language: 'so', locale: 'so' });
    expect(closed.headers.get('location')).toBe('/so/walk-in/queue/?error=queue_closed');
  });

  test('a person can leave the queue, once', async () => {
    const { token } = (await take({ topic: 'work', language: 'uk' })).body;
    expect((await t.json(`/api/queue/tickets/${token}/leave`, { method: 'POST', json: {} })).status).toBe(200);
    expect((await ticket(token)).status).toBe('left');
    expect((await t.json(`/api/queue/tickets/${token}/leave`, { method: 'POST', json: {} })).status).toBe(409);
  });

  test('an extra opening lets the queue take tickets outside the schedule, until its end', async () => {
    clock = new Date('2026-11-23T15:00:00Z'); // 17:00
    expect((await take({ topic: 'general', language: 'fi' })).status).toBe(409);
    expect(
      (await staffCall(t, anna, 'POST', '/api/staff/queue/openings', { servicePoint: 'palvelutori', until: '18:00' }))
        .status,
    ).toBe(201);
    expect((await take({ topic: 'general', language: 'fi' })).status).toBe(201);
    minutesLater(61);
    expect((await take({ topic: 'general', language: 'fi' })).status).toBe(409);
  });

  test('the hours are kept: a ticket asks the database only to count it against its budget and to draw its number', async () => {
    expect((await take({ topic: 'general', language: 'fi' })).status).toBe(201);
    const spy = vi.spyOn(t.deps.db, 'query');
    const res = await take({ topic: 'general', language: 'fi' });
    const asked = spy.mock.calls.map(([sql]) => String(sql));
    spy.mockRestore();
    expect(res.status).toBe(201);
    expect(asked).toHaveLength(2);
    expect(asked.filter((sql) => /walk_in_schedule|queue_openings/.test(sql))).toEqual([]);
  });

  test('an opening written by any other way (here straight into the database) reaches the kept hours by NOTIFY', async () => {
    clock = new Date('2026-11-23T15:00:00Z'); // 17:00, after the day's sessions
    expect((await take({ topic: 'general', language: 'fi' })).status).toBe(409);
    await t.deps.db.query(
      `insert into queue_openings (service_point, opens_at, closes_at, created_at) values ('palvelutori', $1, $2, $1)`,
      [clock, new Date(clock.getTime() + 3_600_000)],
    );
    await eventually(async () => (await take({ topic: 'general', language: 'fi' })).status === 201);
    await t.deps.db.query(`delete from queue_openings where service_point = 'palvelutori'`);
    await eventually(async () => (await take({ topic: 'general', language: 'fi' })).status === 409);
  });
});

describe(`the advisor console (${engine})`, () => {
  const desk = (agent: Advisor, d: string, languages: string[], servicePoint = 'palvelutori') =>
    staffCall(t, agent, 'POST', '/api/staff/queue/desk', { servicePoint, desk: d, languages });
  const callNext = (agent: Advisor) => staffCall(t, agent, 'POST', '/api/staff/queue/call-next', {});

  test("call next serves the advisor's languages first and flags an interpreter otherwise; the display and the ticket page show the call", async () => {
    const so = (await take({ topic: 'general', language: 'so' })).body;
    const ar = (await take({ topic: 'permits', language: 'ar' })).body;
    minutesLater(1);
    const fi = (await take({ topic: 'work', language: 'fi' })).body;
    expect((await desk(anna, '1', ['fi', 'en'])).status).toBe(200);
    expect((await desk(bertil, '2', ['ar'])).status).toBe(200);
    expect((await callNext(anna)).body.called).toMatchObject({
      code: 'D-001',
      reason: 'language',
      interpreterNeeded: false,
    });
    minutesLater(1);
    expect((await callNext(bertil)).body.called).toMatchObject({ code: 'C-001', reason: 'language' });
    expect(await ticket(fi.token)).toMatchObject({ status: 'called', desk: '1' });
    expect(await ticket(so.token)).toMatchObject({ status: 'waiting', ahead: 0 });
    const display = (await t.json('/api/queue/points/palvelutori/display')).body;
    expect(display.calls.map((c: { code: string; desk: string }) => `${c.code}@${c.desk}`)).toEqual([
      'C-001@2',
      'D-001@1',
    ]);
    expect(display.waiting).toBe(1);
    // A desk with someone called cannot call again until that person is done.
    expect((await callNext(anna)).status).toBe(409);
    const current = (await staffCall(t, anna, 'GET', '/api/staff/queue')).body.current;
    // No-show only after the set time (3 minutes in the sample settings).
    expect((await staffCall(t, anna, 'POST', `/api/staff/queue/tickets/${current.id}/no-show`)).status).toBe(409);
    minutesLater(2);
    expect((await staffCall(t, anna, 'POST', `/api/staff/queue/tickets/${current.id}/no-show`)).status).toBe(200);
    expect((await ticket(fi.token)).status).toBe('no_show');
    // Only Somali is left; Anna takes it with an interpreter.
    expect((await callNext(anna)).body.called).toMatchObject({
      code: 'A-001',
      reason: 'interpreter',
      interpreterNeeded: true,
    });
    expect(ar).toBeTruthy();
  });

  test("the languages served now: the session's until an advisor sits at a desk, then the desks'", async () => {
    const so = (await take({ topic: 'general', language: 'so' })).body;
    const served = async () => (await t.json('/api/queue/points/palvelutori/status')).body.languagesServed;
    // Monday 10:00: the sample session serves fi, en and ar; nobody is at a desk yet.
    expect(await served()).toEqual(['ar', 'en', 'fi']);
    expect((await ticket(so.token)).languagesServed).toEqual(['ar', 'en', 'fi']);
    expect((await desk(anna, '1', ['fi', 'so'])).status).toBe(200);
    expect(await served()).toEqual(['fi', 'so']);
    expect((await ticket(so.token)).languagesServed).toEqual(['fi', 'so']);
  });

  test('a ticket past the maximum wait goes to the next free advisor whatever the language', async () => {
    const so = (await take({ topic: 'general', language: 'so' })).body;
    minutesLater(10);
    await take({ topic: 'general', language: 'fi' });
    await desk(anna, '1', ['fi']);
    minutesLater(35); // the Somali ticket has now waited 45 minutes
    expect((await callNext(anna)).body.called).toMatchObject({
      code: 'A-001',
      reason: 'max_wait',
      interpreterNeeded: true,
    });
    expect((await ticket(so.token)).status).toBe('called');
  });

  test('recall, served, transfer to another topic (the place is kept) and to another desk, pause', async () => {
    const first = (await take({ topic: 'general', language: 'fi' })).body;
    await take({ topic: 'general', language: 'fi' });
    await desk(anna, '1', ['fi']);
    await desk(bertil, '2', ['fi']);
    const called = (await callNext(anna)).body.called;
    expect((await staffCall(t, anna, 'POST', `/api/staff/queue/tickets/${called.id}/recall`)).status).toBe(200);
    expect((await ticket(first.token)).callCount).toBe(2);
    // Transfer to the permits topic: back in the queue, still first in line.
    expect(
      (await staffCall(t, anna, 'POST', `/api/staff/queue/tickets/${called.id}/transfer`, { topic: 'permits' })).status,
    ).toBe(200);
    expect(await ticket(first.token)).toMatchObject({ status: 'waiting', topic: 'permits', ahead: 0, code: 'A-001' });
    // Transfer to desk 2: Anna's next call skips it, Bertil's takes it.
    await callNext(anna);
    const back = (await staffCall(t, anna, 'GET', '/api/staff/queue')).body.current;
    expect(back.code).toBe('A-001');
    expect(
      (await staffCall(t, anna, 'POST', `/api/staff/queue/tickets/${back.id}/transfer`, { desk: '2' })).status,
    ).toBe(200);
    expect((await callNext(anna)).body.called.code).toBe('A-002');
    expect((await callNext(bertil)).body.called).toMatchObject({ code: 'A-001', reason: 'transferred' });
    const bertilsTicket = (await staffCall(t, bertil, 'GET', '/api/staff/queue')).body.current;
    expect((await staffCall(t, bertil, 'POST', `/api/staff/queue/tickets/${bertilsTicket.id}/served`)).status).toBe(
      200,
    );
    expect((await ticket(first.token)).status).toBe('served');
    // Someone else's ticket cannot be marked from this desk.
    const annas = (await staffCall(t, anna, 'GET', '/api/staff/queue')).body.current;
    expect((await staffCall(t, bertil, 'POST', `/api/staff/queue/tickets/${annas.id}/served`)).status).toBe(409);
    // A paused desk does not call.
    await staffCall(t, bertil, 'POST', '/api/staff/queue/desk/pause', { paused: true });
    await take({ topic: 'general', language: 'fi' });
    expect((await callNext(bertil)).status).toBe(409);
    // Counts by language and topic.
    const view = (await staffCall(t, bertil, 'GET', '/api/staff/queue')).body;
    expect(view.counts).toEqual({ byLanguage: { fi: 1 }, byTopic: { general: 1 } });
  });

  test('one advisor per desk, and bad console input gets field errors', async () => {
    expect((await desk(anna, '1', ['fi'])).status).toBe(200);
    const taken = await desk(bertil, '1', ['fi']);
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('desk_taken');
    const bad = await staffCall(t, bertil, 'POST', '/api/staff/queue/desk', {
      servicePoint: 'palvelutori',
      desk: '9',
      languages: [],
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields)).toContain('languages');
    expect((await desk(bertil, '9', ['fi'])).status).toBe(422);
  });

  test('two advisors calling next at the same instant never get the same ticket (parallel requests)', async () => {
    await desk(anna, '1', ['fi']);
    await desk(bertil, '2', ['fi']);
    for (let round = 0; round < 8; round++) {
      await t.deps.db.exec(`delete from queue_tickets`);
      await take({ topic: 'general', language: 'fi' });
      if (round % 2) await take({ topic: 'general', language: 'fi' });
      const [a, b] = await Promise.all([callNext(anna), callNext(bertil)]);
      const codes = [a.body.called?.code, b.body.called?.code].filter(Boolean);
      expect(new Set(codes).size, `round ${round}`).toBe(codes.length);
      expect(codes.length).toBe(round % 2 ? 2 : 1);
    }
  });

  test.skipIf(engine === 'pglite')(
    'the database keeps two open transactions apart: the second call waits for the first and takes another ticket',
    async () => {
      // Reason for skipping on PGlite: it has one connection, so two transactions cannot be open at once there.
      await desk(anna, '1', ['fi']);
      await desk(bertil, '2', ['fi']);
      await take({ topic: 'general', language: 'fi' });
      await take({ topic: 'general', language: 'fi' });
      const one = await openPostgres(t.dbUrl!, { max: 1 });
      const two = await openPostgres(t.dbUrl!, { max: 1 });
      try {
        let release!: () => void;
        const held = new Promise<void>((r) => (release = r));
        let firstCode = '';
        const first = one.transaction(async (tx) => {
          firstCode = (await callNextIn(tx, t.deps.queue, asUser(anna), clock))!.code;
          await held; // keep the transaction (and its locks) open
        });
        while (!firstCode) await new Promise((r) => setTimeout(r, 10));
        let secondDone = false;
        const second = two
          .transaction((tx) => callNextIn(tx, t.deps.queue, asUser(bertil), clock))
          .then((r) => {
            secondDone = true;
            return r;
          });
        await new Promise((r) => setTimeout(r, 400));
        expect(secondDone, "the second call waits on the first one's row locks").toBe(false);
        release();
        await first;
        const secondTicket = await second;
        expect(secondTicket!.code).not.toBe(firstCode);
        expect([firstCode, secondTicket!.code].sort()).toEqual(['A-001', 'A-002']);
      } finally {
        await one.close();
        await two.close();
      }
    },
  );

  test('the database refuses a second called ticket at one desk, whatever the code does', async () => {
    await take({ topic: 'general', language: 'fi' });
    await take({ topic: 'general', language: 'fi' });
    await t.deps.db.query(
      `update queue_tickets set status = 'called', called_desk = '1', called_at = $1 where code = 'A-001'`,
      [t.deps.now()],
    );
    await expect(
      t.deps.db.query(
        `update queue_tickets set status = 'called', called_desk = '1', called_at = $1 where code = 'A-002'`,
        [t.deps.now()],
      ),
    ).rejects.toThrow();
  });
});

describe(`check-in for booked clients (${engine})`, () => {
  async function booking(advisorId: string, startsAt: Date, reference: string) {
    await t.deps.db.query(
      `insert into bookings (reference, manage_token_hash, advisor_id, starts_at, ends_at, mode, service_language, client_name, client_phone, contact_language, created_at, updated_at)
       values ($1, $2, $3, $4, $5, 'in_person', 'ar', 'Test Client', '+358401234567', 'ar', $6, $6)`,
      [reference, `h-${reference}`, advisorId, startsAt, new Date(startsAt.getTime() + 3_600_000), t.deps.now()],
    );
  }

  test("at the appointment's place, within the window: a V number for the advisor, served before walk-ins; twice gives the same number", async () => {
    await booking(anna.id, new Date('2026-11-23T08:30:00Z'), 'K7M-4QX');
    const wrong = await t.json('/api/queue/points/palvelutori/check-in', {
      method: 'POST',
      json: { reference: 'k7m 4qx' },
      locale: 'en',
    });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.message).toContain('Aleksanterinkatu 24B');
    const ok = await t.json('/api/queue/points/aleksanterinkatu-24b/check-in', {
      method: 'POST',
      json: { reference: 'k7m-4qx' },
      locale: 'sv',
    });
    expect(ok.status).toBe(201);
    expect(ok.body.ticket.code).toBe('V-001');
    // The first check-in has a page (its QR code opens it in the kiosk's language); a second only repeats the number.
    expect(ok.body.pageUrl).toBe(`${t.deps.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/sv/queue/${ok.body.token}/`);
    const again = await t.json('/api/queue/points/aleksanterinkatu-24b/check-in', {
      method: 'POST',
      json: { reference: 'K7M4QX' },
    });
    expect(again.body).toEqual({ ticket: { code: 'V-001' } });
    await desk(bertil, 'A', ['ar'], 'aleksanterinkatu-24b');
    expect((await callNext(bertil)).body.called).toBeNull(); // Anna's client is not Bertil's to call
    await desk(anna, 'B', ['fi'], 'aleksanterinkatu-24b');
    expect((await callNext(anna)).body.called).toMatchObject({
      code: 'V-001',
      reason: 'appointment',
      interpreterNeeded: true,
    });
  });

  test('unknown, malformed or not-today references are refused without saying whose booking exists', async () => {
    await booking(anna.id, new Date('2026-11-24T08:30:00Z'), 'TMR-2QX'); // tomorrow
    expect(
      (
        await t.json('/api/queue/points/aleksanterinkatu-24b/check-in', {
          method: 'POST',
          json: { reference: 'TMR-2QX' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.json('/api/queue/points/aleksanterinkatu-24b/check-in', {
          method: 'POST',
          json: { reference: 'ZZZ-ZZZ' },
        })
      ).status,
    ).toBe(404);
    const bad = await t.json('/api/queue/points/aleksanterinkatu-24b/check-in', {
      method: 'POST',
      json: { reference: 'DROP TABLE' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.reference).toBeTruthy();
    expect(await ticketCount()).toBe(0);
  });

  function desk(agent: Advisor, d: string, languages: string[], servicePoint: string) {
    return staffCall(t, agent, 'POST', '/api/staff/queue/desk', { servicePoint, desk: d, languages });
  }
  function callNext(agent: Advisor) {
    return staffCall(t, agent, 'POST', '/api/staff/queue/call-next', {});
  }
});

describe(`closing and live updates (${engine})`, () => {
  test("tickets still waiting after the day's closing (plus grace) are closed; the next day starts again at 001", async () => {
    const { token } = (await take({ topic: 'general', language: 'fi' })).body;
    clock = new Date('2026-11-23T13:15:00Z'); // 15:15: the last session ended at 15:00, grace of 30 minutes not over
    expect(await closeQueues(t.deps.db, t.deps.queue, clock)).toBe(0);
    clock = new Date('2026-11-23T13:31:00Z');
    expect(await closeQueues(t.deps.db, t.deps.queue, clock)).toBe(1);
    expect((await ticket(token)).status).toBe('closed');
    clock = new Date('2026-11-24T08:00:00Z'); // Tuesday 10:00
    expect((await take({ topic: 'general', language: 'fi' })).body.ticket.code).toBe('A-001');
  });

  test('the display stream sends the state at once and again after a change', async () => {
    const res = await t.app.request('/api/queue/points/palvelutori/display/events');
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const nextState = async () => {
      let buffer = '';
      for (;;) {
        const { value } = await reader.read();
        buffer += value;
        const m = /event: state\ndata: (.*)\n/.exec(buffer);
        if (m) return JSON.parse(m[1]!);
      }
    };
    expect((await nextState()).waiting).toBe(0);
    await take({ topic: 'general', language: 'fi' });
    expect((await nextState()).waiting).toBe(1);
    await reader.cancel();
  });

  test.skipIf(engine === 'pglite')(
    'a change made through one connection wakes live views listening through another (two app instances)',
    async () => {
      // Reason for skipping on PGlite: only one process can open its data directory, so there is no second instance to tell.
      const other = await openPostgres(t.dbUrl!, { max: 2 });
      const events = createQueueEvents(other);
      try {
        const woke = new Promise<void>((resolve) => events.subscribe('palvelutori', resolve));
        await new Promise((r) => setTimeout(r, 200)); // LISTEN is in place
        await take({ topic: 'general', language: 'fi' });
        await expect(
          Promise.race([woke.then(() => 'woke'), new Promise((r) => setTimeout(() => r('timeout'), 3000))]),
        ).resolves.toBe('woke');
      } finally {
        await events.close();
        await other.close();
      }
    },
  );
});
