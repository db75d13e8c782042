/**
 * Holds on public bookings (README "Security" → "Scripts that rotate addresses and contacts";
 * server/domain/holds.ts), on each engine: a new contact's booking holds its time for 30 minutes
 * until confirmed with the code or the link sent to that contact; past the deadline the time is
 * free at once and bookable again, and the housekeeping job marks the hold expired; wrong codes
 * are counted; a confirmed contact's next booking is confirmed at once; a script rotating
 * made-up contacts holds times only until their deadline. The same for a course seat or a waitlist
 * place: a lapsed hold's seat goes to the next person waiting, as for a cancellation.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedDemo } from '../../server/db/seed.ts';
import { HOLD_MINUTES, MAX_CODE_ATTEMPTS } from '../../server/domain/holds.ts';
import { hashToken } from '../../server/domain/person.ts';
import { book } from '../../server/services/booking-lifecycle.ts';
import { forgetTrust } from '../../server/services/holds.ts';
import { openData, type OutboxRow } from '../../server/services/outbox.ts';
import { runJob } from '../../server/workers/housekeeping.ts';
import { bookingRequestSchema, type SlotsResponse } from '../../src/contracts/booking.ts';
import { newGroup as newCourseGroup } from '../support/courses.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';
import { confirmHeld, confirmHeldEnrolment, holdMessage, tokenOf } from '../support/holds.ts';
import { staffAgent } from '../support/staff.ts';

// Monday 7.12.2026 10:00 in Helsinki: the first bookable day is Tuesday 8.12.
const START = new Date('2026-12-07T08:00:00Z');
let clock = START;
let t: TestApp;

beforeAll(async () => {
  t = await testApp({ now: () => clock });
  await seedDemo(t.deps.db, { now: clock });
});
afterAll(async () => {
  await t.close();
});

const minutes = (n: number) => new Date(clock.getTime() + n * 60_000);
async function freeIds(language = 'ar', mode = 'in_person'): Promise<string[]> {
  const res = await t.json(`/api/bookings/slots?language=${language}&mode=${mode}`);
  expect(res.status).toBe(200);
  return (res.body as SlotsResponse).days.flatMap((d) => d.times.map((x) => x.slotId));
}

let people = 0;
const person = (over: Record<string, unknown> = {}) => {
  const n = ++people;
  return {
    serviceLanguage: 'ar',
    mode: 'in_person',
    name: `Hold Person ${n}`,
    phone: `+35840${String(7_000_000 + n)}`,
    email: `hold-${n}@example.com`,
    contactLanguage: 'ar',
    locale: 'ar',
    ...over,
  };
};
async function bookSlot(slotId: string, who = person()) {
  const res = await t.json('/api/bookings', { method: 'POST', json: { ...who, slotId } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { res, token: tokenOf(res.body.manageUrl), who };
}
const statusOf = async (token: string) =>
  (
    await t.deps.db.query<{ status: string; hold_until: Date | null }>(
      'select status, hold_until from bookings where manage_token_hash = $1',
      [hashToken(token)],
    )
  ).rows[0]!;
const confirm = (token: string, body: Record<string, unknown>) =>
  t.json(`/api/bookings/manage/${token}/confirm`, { method: 'POST', json: body, locale: 'en' });
/** Runs the housekeeping job at the test's clock, under its lease like every job. */
// One instance of its own for this file: tests set their clocks independently (and run in any
// order), so a lease another holder took at a later clock must not stop an earlier one.
const HOLDER = `holds-test-${process.pid}`;
const housekeeping = () => runJob({ ...t.deps, transports: undefined as never }, 'holds', HOLDER);

describe(`holds (${engine})`, () => {
  test('an unconfirmed hold is free again at +30 min: shown free and bookable at once, then released by the housekeeping job', async () => {
    clock = START;
    const [slot] = await freeIds();
    const { res, token } = await bookSlot(slot!);
    expect(res.body.booking.confirmBy).toBe(minutes(HOLD_MINUTES).toISOString());
    expect(await freeIds()).not.toContain(slot);
    // The message waiting for the contact holds the code and the link sealed, never in plain text.
    const { code, link } = await holdMessage(t, token);
    expect(code).toMatch(/^\d{6}$/);
    const raw = await t.deps.db.query<{ data: string }>(
      `select data::text as data from outbox o join bookings b on b.id = o.booking_id where b.manage_token_hash = $1`,
      [hashToken(token)],
    );
    for (const row of raw.rows) expect(row.data).not.toContain(link);
    // A minute before the deadline the time is still held…
    clock = new Date(START.getTime() + (HOLD_MINUTES - 1) * 60_000);
    expect(await freeIds()).not.toContain(slot);
    // …at the deadline it is free, before any job ran: the cached answer is not served.
    clock = new Date(START.getTime() + HOLD_MINUTES * 60_000);
    expect(await freeIds()).toContain(slot);
    expect((await t.json(`/api/bookings/manage/${token}`)).body.booking).toMatchObject({
      status: 'expired',
      confirmBy: null,
      changeable: false,
    });
    // Too late to confirm, even with the right code.
    const late = await confirm(token, { code });
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('hold_expired');
    // The housekeeping job marks it expired.
    expect(await housekeeping()).toBe(true);
    expect((await statusOf(token)).status).toBe('expired');
    // Someone else books the time.
    const other = await bookSlot(slot!);
    expect(other.res.body.booking.start).toBe(res.body.booking.start);
  });

  test('a lapsed hold is released by the next booking of its time, before the job has run', async () => {
    clock = new Date(START.getTime() + 2 * 3_600_000);
    const [slot] = await freeIds();
    const { token } = await bookSlot(slot!);
    clock = minutes(HOLD_MINUTES + 1);
    const again = await bookSlot(slot!);
    expect(again.res.status).toBe(201);
    expect((await statusOf(token)).status).toBe('expired');
  });

  test('confirmed by the code: the time stays taken after the deadline, the confirmation is sent, a second confirmation changes nothing', async () => {
    clock = new Date(START.getTime() + 4 * 3_600_000);
    const [slot] = await freeIds();
    const { token } = await bookSlot(slot!);
    const { code } = await holdMessage(t, token);
    const wrong = await confirm(token, { code: code === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error).toMatchObject({ code: 'wrong_code', details: { attemptsLeft: MAX_CODE_ATTEMPTS - 1 } });
    expect(wrong.body.error.message).toContain(String(MAX_CODE_ATTEMPTS - 1));
    // Typed with a space, in Arabic-Indic digits: read as the code.
    const typed = [...code].map((d) => String.fromCodePoint(0x660 + Number(d))).join('');
    const ok = await confirm(token, { code: `${typed.slice(0, 3)} ${typed.slice(3)}` });
    expect(ok.status).toBe(200);
    expect(ok.body.booking).toMatchObject({ status: 'active', confirmBy: null });
    const queued = await t.deps.db.query<{ n: number }>(
      `select count(*)::int as n from outbox o join bookings b on b.id = o.booking_id
        where b.manage_token_hash = $1 and o.kind = 'booking_confirmed'`,
      [hashToken(token)],
    );
    expect(queued.rows[0]!.n).toBe(2); // email and SMS
    expect((await confirm(token, { code })).status).toBe(200);
    clock = minutes(HOLD_MINUTES + 5);
    expect(await housekeeping()).toBe(true);
    expect(await statusOf(token)).toMatchObject({ status: 'active', hold_until: null });
    expect(await freeIds()).not.toContain(slot);
  });

  test('confirmed by the link: a plain form post from the manage page, answered with a redirect', async () => {
    clock = new Date(START.getTime() + 6 * 3_600_000);
    const [slot] = await freeIds();
    const { token } = await bookSlot(slot!);
    const { link } = await holdMessage(t, token);
    const post = (fields: Record<string, string>) =>
      t.app.request(`/api/bookings/manage/${token}/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
        body: new URLSearchParams(fields).toString(),
      });
    const forged = await post({ locale: 'ar', link: 'x'.repeat(43) });
    expect(forged.status).toBe(303);
    expect(forged.headers.get('location')).toBe(`/ar/booking/manage/${token}/?error=not_found`);
    const res = await post({ locale: 'ar', link });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/ar/booking/manage/${token}/?done=confirmed`);
    expect((await statusOf(token)).hold_until).toBeNull();
  });

  test('"send my link again" on a held booking sends a new code and link; the old ones stop working, the wrong codes still count', async () => {
    clock = new Date(START.getTime() + 7 * 3_600_000);
    const [slot] = await freeIds();
    const { token, who } = await bookSlot(slot!);
    const first = await holdMessage(t, token);
    const wrong = await confirm(token, { code: first.code === '000000' ? '111111' : '000000' });
    expect(wrong.body.error.details.attemptsLeft).toBe(MAX_CODE_ATTEMPTS - 1);
    const resent = await t.json('/api/bookings/resend-link', {
      method: 'POST',
      json: { name: who.name, email: who.email, locale: 'ar' },
    });
    expect(resent.status).toBe(202);
    // The old manage link is gone with the new one (only its hash was kept).
    expect((await t.json(`/api/bookings/manage/${token}`)).status).toBe(404);
    const latest = await t.deps.db.query<{ kind: string; data: OutboxRow['data'] }>(
      `select kind, data from outbox where booking_id = (select id from bookings where client_email = $1) order by id desc limit 1`,
      [who.email],
    );
    expect(latest.rows[0]!.kind).toBe('booking_hold');
    const second = openData(latest.rows[0]!.data);
    expect(second.holdLink).not.toBe(first.link);
    const newToken = second.manageToken!;
    const stale = await confirm(newToken, { link: first.link });
    expect(stale.body.error.code).toBe('not_found');
    const again = await confirm(newToken, { code: second.holdCode === '000000' ? '111111' : '000000' });
    expect(again.body.error.details.attemptsLeft).toBe(MAX_CODE_ATTEMPTS - 2);
    expect((await confirm(newToken, { code: second.holdCode! })).status).toBe(200);
  });

  test(`wrong codes are counted: after ${MAX_CODE_ATTEMPTS} only the link confirms`, async () => {
    clock = new Date(START.getTime() + 8 * 3_600_000);
    const [slot] = await freeIds();
    const { token } = await bookSlot(slot!);
    const { code, link } = await holdMessage(t, token);
    const wrongCode = code === '123456' ? '654321' : '123456';
    for (let i = 1; i < MAX_CODE_ATTEMPTS; i++) {
      const res = await confirm(token, { code: wrongCode });
      expect(res.body.error).toMatchObject({ code: 'wrong_code', details: { attemptsLeft: MAX_CODE_ATTEMPTS - i } });
    }
    const last = await confirm(token, { code: wrongCode });
    expect(last.status).toBe(429);
    expect(last.body.error.code).toBe('code_locked');
    // The right code no longer helps; the message names the phone.
    const right = await confirm(token, { code });
    expect(right.body.error.code).toBe('code_locked');
    expect(right.body.error.message).toMatch(/\d{3} \d{4}/);
    expect((await confirm(token, { link })).status).toBe(200);
  });

  test('a confirmed contact is trusted: the next booking is confirmed at once, with no code; a made-up contact next to it is not', async () => {
    clock = new Date(START.getTime() + 10 * 3_600_000);
    const [first, second, third, fourth] = await freeIds();
    const who = person();
    const held = await bookSlot(first!, who);
    await confirmHeld(t, held.token);
    const cancelled = await t.json(`/api/bookings/manage/${held.token}/cancel`, { method: 'POST', json: {} });
    expect(cancelled.status).toBe(200);
    const next = await bookSlot(second!, { ...who, name: `${who.name} again` });
    expect(next.res.body.booking.confirmBy).toBeNull();
    const kinds = await t.deps.db.query<{ kind: string }>(
      `select distinct o.kind from outbox o join bookings b on b.id = o.booking_id where b.manage_token_hash = $1`,
      [hashToken(next.token)],
    );
    expect(kinds.rows.map((r) => r.kind)).toEqual(['booking_confirmed']);
    // The trusted email with a phone never confirmed: held.
    const mixed = await bookSlot(third!, { ...person(), email: who.email });
    expect(mixed.res.body.booking.confirmBy).not.toBeNull();
    // Only keyed hashes are stored: neither the phone nor the email.
    const stored = JSON.stringify((await t.deps.db.query('select * from trusted_contacts')).rows);
    expect(stored).not.toContain(who.email);
    expect(stored).not.toContain(who.phone.slice(1));
    // An erasure by contact forgets the trust (services/person-data.ts): the next booking is held.
    await forgetTrust(t.deps.db, { phone: who.phone, email: who.email });
    const after = await bookSlot(fourth!, { ...who, name: `${who.name} third` });
    expect(after.res.body.booking.confirmBy).not.toBeNull();
  });

  test('a booking made without the public hold (the lifecycle as staff would call it) needs no confirmation', async () => {
    clock = new Date(START.getTime() + 12 * 3_600_000);
    const [slot] = await freeIds();
    const req = bookingRequestSchema.parse({ ...person(), slotId: slot });
    const { booking } = await book(t.deps.db, req, clock, t.deps.config.booking, t.deps.freeTimes);
    expect(booking.hold_until).toBeNull();
  });

  test('an advisor booking from the workspace inbox for a client is confirmed at once and audited', async () => {
    clock = new Date(START.getTime() + 13 * 3_600_000);
    const advisor = await staffAgent(t, 'advisor', undefined, () => clock);
    const [first, second] = await freeIds();
    const asAdvisor = (slotId: string, csrf: string) =>
      t.app.request('/api/bookings', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: advisor.cookie, 'x-csrf-token': csrf },
        body: JSON.stringify({ ...person(), slotId }),
      });
    const made = await asAdvisor(first!, advisor.csrf);
    expect(made.status).toBe(201);
    const body = (await made.json()) as { booking: { confirmBy: string | null; reference: string } };
    expect(body.booking.confirmBy).toBeNull();
    const audited = await t.deps.db.query<{ actor_id: string }>(
      `select a.actor_id from audit_log a join bookings b on b.id::text = a.record_id
        where b.reference = $1 and a.action = 'create' and a.record_type = 'booking'`,
      [body.booking.reference],
    );
    expect(audited.rows.map((r) => r.actor_id)).toEqual([advisor.id]);
    // The cookie alone (any other site could make the browser send it) is a public booking: held.
    const forged = await asAdvisor(second!, 'not-the-token');
    expect(forged.status).toBe(201);
    expect(((await forged.json()) as { booking: { confirmBy: string | null } }).booking.confirmBy).not.toBeNull();
  });

  test('a script rotating made-up contacts holds times only until their deadline', async () => {
    clock = new Date(START.getTime() + 24 * 3_600_000);
    const before = await freeIds();
    const taken = before.slice(0, 8);
    const tokens: string[] = [];
    for (const slot of taken) tokens.push((await bookSlot(slot)).token);
    const during = await freeIds();
    for (const slot of taken) expect(during).not.toContain(slot);
    // Nobody confirms: at the deadline every time is free again, and the job releases them all.
    clock = minutes(HOLD_MINUTES);
    expect(await freeIds()).toEqual(before);
    expect(await housekeeping()).toBe(true);
    for (const token of tokens) expect((await statusOf(token)).status).toBe('expired');
    expect(await freeIds()).toEqual(before);
  });
});

describe(`holds on course places (${engine})`, () => {
  const newGroup = (capacity: number) => newCourseGroup(t, capacity, clock);
  const enrolIn = async (groupId: string) => {
    const who = person();
    const res = await t.json(`/api/courses/groups/${groupId}/enrolments`, {
      method: 'POST',
      json: { name: who.name, email: who.email, phone: who.phone, contactLanguage: 'ar', consent: true },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { status: string; manageToken: string; confirmBy: string | null };
  };
  const seats = async (groupId: string) => (await t.json(`/api/courses/groups/${groupId}/seats`)).body;
  const enrolment = async (token: string) =>
    (
      await t.deps.db.query<{ id: string; status: string }>(
        'select id, status from enrolments where manage_token_hash = $1',
        [hashToken(token)],
      )
    ).rows[0]!;

  test('a held seat lapses at +30 min: the person waiting (confirmed) gets it at once in the counts, then by the job, and is told', async () => {
    clock = new Date(START.getTime() + 30 * 3_600_000);
    const group = await newGroup(1);
    const first = await enrolIn(group);
    expect(first).toMatchObject({ status: 'enrolled', confirmBy: minutes(HOLD_MINUTES).toISOString() });
    const second = await enrolIn(group);
    expect(second.status).toBe('waitlisted');
    await confirmHeldEnrolment(t, second.manageToken);
    expect(await seats(group)).toEqual({ capacity: 1, enrolled: 1, waiting: 1 });
    clock = minutes(HOLD_MINUTES);
    // Free at once in the counts: the seat is the waiting person's.
    expect(await seats(group)).toEqual({ capacity: 1, enrolled: 1, waiting: 0 });
    const late = await t.json(`/api/courses/enrolments/manage/${first.manageToken}/confirm`, {
      method: 'POST',
      json: { code: (await holdMessage(t, first.manageToken, 'enrolment')).code },
    });
    expect(late.body.error.code).toBe('hold_expired');
    expect(await housekeeping()).toBe(true);
    expect((await enrolment(first.manageToken)).status).toBe('expired');
    const promoted = await enrolment(second.manageToken);
    expect(promoted.status).toBe('enrolled');
    const told = await t.deps.db.query<{ n: number }>(
      `select count(*)::int as n from outbox where enrolment_id = $1 and kind = 'enrolment_promoted'`,
      [promoted.id],
    );
    expect(told.rows[0]!.n).toBeGreaterThan(0);
  });

  test('a lapsed hold gives its seat to the next enrolment in its group, before the job runs', async () => {
    clock = new Date(START.getTime() + 32 * 3_600_000);
    const group = await newGroup(1);
    const first = await enrolIn(group);
    clock = minutes(HOLD_MINUTES + 1);
    const next = await enrolIn(group);
    expect(next.status).toBe('enrolled');
    expect((await enrolment(first.manageToken)).status).toBe('expired');
  });

  test('confirmed by the link from a plain form, and a confirmed contact enrols at once', async () => {
    clock = new Date(START.getTime() + 34 * 3_600_000);
    const group = await newGroup(5);
    const who = person();
    const res = await t.json(`/api/courses/groups/${group}/enrolments`, {
      method: 'POST',
      json: { name: who.name, email: who.email, contactLanguage: 'ar', consent: true },
    });
    const token = res.body.manageToken as string;
    const { link } = await holdMessage(t, token, 'enrolment');
    const posted = await t.app.request(`/api/courses/enrolments/manage/${token}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ locale: 'ar', link }).toString(),
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe(`/ar/courses/manage/${token}/?done=confirmed`);
    clock = minutes(HOLD_MINUTES + 1);
    expect(await housekeeping()).toBe(true);
    expect((await enrolment(token)).status).toBe('enrolled');
    const again = await t.json(`/api/courses/groups/${await newGroup(5)}/enrolments`, {
      method: 'POST',
      json: { name: who.name, email: who.email, contactLanguage: 'ar', consent: true },
    });
    expect(again.body.confirmBy).toBeNull();
  });
});
