/**
 * Booking an assessment through the real API on each engine: free times, booking, the
 * confirmation by real SMTP with an .ics that an independent parser reads, change and cancel,
 * one booking per person, and the races: 50 requests for one slot give exactly one booking.
 */
import fs from 'node:fs';
import ICAL from 'ical.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';
import { startSmtp } from '../support/smtp.ts';
import { bookingBody } from '../support/booking.ts';
import { seedDemo } from '../../server/db/seed.ts';
import { processOutbox } from '../../server/workers/outbox.ts';
import { scheduleReminders } from '../../server/services/booking-lifecycle.ts';
import { createTransports } from '../../server/messages/transports.ts';
import type { SlotsResponse } from '../../src/contracts/booking.ts';
import { confirmHeld } from '../support/holds.ts';

// Monday 23.11.2026 10:00 in Helsinki: the first bookable day is Tuesday 24.11.
let clock = new Date('2026-11-23T08:00:00Z');
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;

beforeAll(async () => {
  t = await testApp({ now: () => clock, env: { VIDEO_MEETING_URL_TEMPLATE: 'https://video.example.fi/ihl-{room}' } });
  await seedDemo(t.deps.db, { now: t.deps.now() });
  smtp = await startSmtp();
});
afterAll(async () => {
  await t.close();
  await smtp.stop();
});

const send = () =>
  processOutbox({
    db: t.deps.db,
    log: t.deps.log,
    transports: createTransports({
      smtpUrl: smtp.url,
      sinkDir: '/tmp/ihl-test-sink',
      sms: { provider: 'sink' },
      now: () => clock,
    }),
    baseUrl: 'https://portal.example',
    from: 'IHL <no-reply@portal.example>',
    now: () => clock,
  });

async function slots(language = 'ar', mode = 'in_person'): Promise<SlotsResponse> {
  const res = await t.json(`/api/bookings/slots?language=${language}&mode=${mode}`);
  expect(res.status).toBe(200);
  return res.body;
}

const person = bookingBody;

const rowCount = async (table: string) =>
  (await t.deps.db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;

describe(`free times (${engine})`, () => {
  test('start on the next working day, only in the chosen language and mode, and never on holidays', async () => {
    const res = await slots('ar', 'in_person');
    expect(res.days.length).toBeGreaterThan(0);
    expect(res.days[0]!.date >= '2026-11-24').toBe(true);
    expect(res.earliest).toBe(res.days[0]!.times[0]!.start);
    const dates = res.days.map((d) => d.date);
    expect(dates).not.toContain('2026-12-24');
    expect(dates).not.toContain('2026-12-25');
    expect(dates.at(-1)! <= '2027-01-04').toBe(true);
    const so = await slots('so', 'in_person');
    expect(so.days.flatMap((d) => d.times).every((t) => ['5'].includes(String(new Date(t.start).getUTCDay())))).toBe(
      true,
    );
    const none = await slots('th', 'video');
    expect(none).toEqual({ days: [], earliest: null });
  });

  test('a bad query is a 422 with a field message, not a 500', async () => {
    const res = await t.json('/api/bookings/slots?language=<script>&mode=teleport', { locale: 'fi' });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['language', 'mode']);
  });
});

describe(`booking, confirmation, change and cancel (${engine})`, () => {
  // Each test books a time of its own for a person of its own, so the tests hold in any order.
  let people = 0;
  async function bookFirstFree(who: string) {
    const free = await slots();
    const slot = free.days[0]!.times[0]!;
    const email = `${who}-${++people}@example.com`;
    const res = await t.json('/api/bookings', {
      method: 'POST',
      json: person({ slotId: slot.slotId, name: `Amina ${who} ${people}`, email }),
    });
    expect(res.status).toBe(201);
    const token = /manage\/([A-Za-z0-9_-]+)\/$/.exec(res.body.manageUrl)![1]!;
    // A new contact: the time is held until confirmed with the code sent (tests/api/holds.test.ts).
    expect(res.body.booking.confirmBy).not.toBeNull();
    await confirmHeld(t, token);
    return { res, slot, token, email, free };
  }
  const mailTo = (email: string, method: string) =>
    smtp.messages.find(
      (m) =>
        (m.to && 'text' in m.to ? m.to.text : '').includes(email) &&
        m.attachments.some((a) => a.content.toString('utf8').includes(`METHOD:${method}`)),
    );

  test('books a time and answers with a short reference and an unguessable manage link', async () => {
    const { res, slot: first, token, free } = await bookFirstFree('book');
    expect(res.body.booking.reference).toMatch(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/);
    expect(res.body.booking.start).toBe(first.start);
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits in base64url
    const stored = await t.deps.db.query<{
      manage_token_hash: string;
      id: string;
      earliest_offered_at: Date;
      created_at: Date;
    }>('select * from bookings where reference = $1', [res.body.booking.reference]);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]!.manage_token_hash).not.toContain(token);
    expect(JSON.stringify(stored.rows[0])).not.toContain(token);
    // The confirmation's outbox rows (one per channel), written in the booking's own statement, holds the token sealed.
    const queued = await t.deps.db.query<{ data: string }>(
      `select data::text as data from outbox where booking_id = $1 and kind = 'booking_confirmed'`,
      [stored.rows[0]!.id],
    );
    expect(queued.rows.length).toBeGreaterThan(0);
    for (const row of queued.rows) {
      expect(row.data).not.toContain(token);
      expect(row.data).toContain('sealed:');
    }
    // For reports: when it was made and the earliest time offered then.
    expect(new Date(stored.rows[0]!.earliest_offered_at).toISOString()).toBe(free.earliest);
    expect(new Date(stored.rows[0]!.created_at).toISOString()).toBe(clock.toISOString());
    // The time is gone from the free list.
    expect((await slots()).days.flatMap((d) => d.times).map((x) => x.slotId)).not.toContain(first.slotId);
  });

  test('the confirmation arrives by SMTP in Arabic with an .ics that ical.js reads', async () => {
    const { res, slot: first, token, email } = await bookFirstFree('confirm');
    const id = (
      await t.deps.db.query<{ id: string }>('select id from bookings where reference = $1', [
        res.body.booking.reference,
      ])
    ).rows[0]!.id;
    // The hold's code and the confirmation, each by email and SMS.
    expect(await rowCount(`outbox where status = 'pending' and booking_id = '${id}'`)).toBe(4);
    await send();
    expect(await rowCount(`outbox where status = 'sent' and booking_id = '${id}'`)).toBe(4);
    const mail = mailTo(email, 'REQUEST')!;
    expect(mail, 'the confirmation email').toBeDefined();
    expect(mail.text).toMatch(/[\u0600-\u06FF]/);
    expect(mail.text).toContain(`/ar/booking/manage/${token}/`);
    const ics = mail.attachments.find((a) => a.contentType.startsWith('text/calendar')) ?? null;
    const icsText = ics ? ics.content.toString('utf8') : String((mail as unknown as { text: string }).text);
    const comp = new ICAL.Component(ICAL.parse(icsText));
    expect(comp.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = new ICAL.Event(comp.getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().toISOString()).toBe(first.start);
    expect(event.component.getFirstPropertyValue('sequence')).toBe(0);
    expect(event.uid).toMatch(/@international-house-lahti$/);
    // After sending, the outbox no longer holds the manage token.
    const leftovers = await t.deps.db.query<{ data: unknown }>('select data from outbox where booking_id = $1', [id]);
    expect(JSON.stringify(leftovers.rows)).not.toContain(token);
  });

  test('a booking made in Easy Finnish: Finnish is the service language, Easy Finnish the contact language and the messages', async () => {
    const slot = (await slots('fi')).days[0]!.times[0]!;
    const email = `selko-${++people}@example.com`;
    const res = await t.json('/api/bookings', {
      method: 'POST',
      locale: 'fi-x-selko',
      json: person({
        slotId: slot.slotId,
        serviceLanguage: 'fi',
        contactLanguage: 'fi-x-selko',
        locale: 'fi-x-selko',
        name: `Selko Testi ${people}`,
        email,
      }),
    });
    expect(res.status).toBe(201);
    const row = (
      await t.deps.db.query<{ id: string; service_language: string; contact_language: string }>(
        'select id, service_language, contact_language from bookings where reference = $1',
        [res.body.booking.reference],
      )
    ).rows[0]!;
    expect(row).toMatchObject({ service_language: 'fi', contact_language: 'fi-x-selko' });
    await confirmHeld(t, /manage\/([A-Za-z0-9_-]+)\/$/.exec(res.body.manageUrl)![1]!);
    await send();
    const mail = mailTo(email, 'REQUEST')!;
    expect(mail, 'the confirmation email').toBeDefined();
    const strings = (code: string) =>
      JSON.parse(fs.readFileSync(`locales/${code}/common.json`, 'utf8')) as Record<string, string>;
    const [selko, fi] = [strings('fi-x-selko'), strings('fi')];
    expect(mail.subject).toContain(selko['email.booking.subject']!.split(':')[0]);
    expect(mail.text).toContain(selko['email.booking.confirmed']);
    expect(mail.text).toContain(selko['booking.bring']);
    expect(mail.text).not.toContain(fi['email.booking.confirmed']);
    // The service language is named in Finnish, the manage link leads to the Easy Finnish page.
    expect(mail.text).toContain(`${selko['booking.language']}: suomi`);
    expect(mail.text).toMatch(/\/fi-x-selko\/booking\/manage\/[A-Za-z0-9_-]+\//);
    expect(mail.attachments.some((a) => a.contentType.startsWith('text/calendar'))).toBe(true);
  });

  test('change keeps the calendar UID and raises SEQUENCE', async () => {
    const { token } = await bookFirstFree('change');
    const next = (await slots()).days[1]!.times[0]!;
    const res = await t.json(`/api/bookings/manage/${token}/change`, { method: 'POST', json: { slotId: next.slotId } });
    expect(res.status).toBe(200);
    expect(res.body.booking.start).toBe(next.start);
    await send();
    const ics = new ICAL.Component(
      ICAL.parse(await (await t.app.request(`/api/bookings/manage/${token}/calendar.ics`)).text()),
    );
    const event = new ICAL.Event(ics.getFirstSubcomponent('vevent')!);
    expect(event.component.getFirstPropertyValue('sequence')).toBe(1);
    expect(event.startDate.toJSDate().toISOString()).toBe(next.start);
  });

  test('cancel sends METHOD:CANCEL and frees the time', async () => {
    const { token, email, slot } = await bookFirstFree('cancel');
    const res = await t.json(`/api/bookings/manage/${token}/cancel`, { method: 'POST', json: {} });
    expect(res.status).toBe(200);
    expect(res.body.booking.status).toBe('cancelled');
    expect((await slots()).days.flatMap((d) => d.times).map((x) => x.slotId)).toContain(slot.slotId);
    await send();
    expect(mailTo(email, 'CANCEL'), 'the cancellation email').toBeDefined();
    const again = await t.json(`/api/bookings/manage/${token}/cancel`, { method: 'POST', json: {}, locale: 'fi' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('Varaus ei ole enää voimassa.');
  });

  test('the manage link of an unknown token is a 404, the same for any token shape', async () => {
    for (const bad of ['x', 'A'.repeat(43), '../../etc/passwd']) {
      const res = await t.app.request(`/api/bookings/manage/${encodeURIComponent(bad)}`);
      expect(res.status).toBe(404);
    }
  });
});

describe(`one active booking per person (${engine})`, () => {
  test('same name and phone again is refused without saying whose booking it is; another name on the same phone books', async () => {
    const free = (await slots('fi', 'phone')).days.flatMap((d) => d.times);
    const a = await t.json('/api/bookings', {
      method: 'POST',
      json: person({
        slotId: free[0]!.slotId,
        serviceLanguage: 'fi',
        mode: 'phone',
        name: 'Olga Perhe',
        email: undefined,
        phone: '+358 40 765 4321',
      }),
    });
    expect(a.status).toBe(201);
    const again = await t.json('/api/bookings', {
      method: 'POST',
      locale: 'fi',
      json: person({
        slotId: free[1]!.slotId,
        serviceLanguage: 'fi',
        mode: 'phone',
        name: '  olga   PERHE ',
        email: undefined,
        phone: '040 765 4321',
      }),
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('existing_booking');
    expect(JSON.stringify(again.body)).not.toMatch(/reference|start|Olga/);
    const sibling = await t.json('/api/bookings', {
      method: 'POST',
      json: person({
        slotId: free[1]!.slotId,
        serviceLanguage: 'fi',
        mode: 'phone',
        name: 'Ivan Perhe',
        email: undefined,
        phone: '040 765 4321',
      }),
    });
    expect(sibling.status).toBe(201);
  });

  test('asking for the link answers the same whether or not a booking exists, and sends only to the contact on record', async () => {
    const free = (await slots('fi', 'phone')).days.flatMap((d) => d.times);
    const mine = person({
      slotId: free[0]!.slotId,
      serviceLanguage: 'fi',
      mode: 'phone',
      name: 'Leena Linkki',
      email: undefined,
      phone: '040 765 1111',
    });
    expect((await t.json('/api/bookings', { method: 'POST', json: mine })).status).toBe(201);
    const before = await rowCount('outbox');
    const known = await t.json('/api/bookings/resend-link', {
      method: 'POST',
      json: { name: 'Leena Linkki', phone: '040 765 1111', locale: 'fi' },
    });
    const unknown = await t.json('/api/bookings/resend-link', {
      method: 'POST',
      json: { name: 'Nobody Here', phone: '040 000 0000', locale: 'fi' },
    });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    expect(await rowCount('outbox')).toBe(before + 1);
  });
});

describe(`races and the database's guarantee (${engine})`, () => {
  test('50 parallel requests for one slot give exactly one booking; the others hear "just taken" in their language', async () => {
    const slot = (await slots('ru', 'video')).days[0]!.times[0]!;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.json('/api/bookings', {
          method: 'POST',
          locale: 'uk',
          json: person({
            slotId: slot.slotId,
            serviceLanguage: 'ru',
            mode: 'video',
            name: `Racer ${i}`,
            email: `racer${i}@example.com`,
            phone: undefined,
            contactLanguage: 'uk',
          }),
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    const losers = results.filter((r) => r.status !== 201);
    expect(losers.every((r) => r.status === 409)).toBe(true);
    // Losers either lost at the database (slot_taken) or found the time already gone (slot_unavailable).
    expect(losers.every((r) => ['slot_taken', 'slot_unavailable'].includes(r.body.error.code))).toBe(true);
    const taken = losers.find((r) => r.body.error.code === 'slot_taken');
    if (taken) {
      expect(taken.body.error.lang).toBe('uk');
      expect(taken.body.error.details.nextTimes.length).toBeGreaterThan(0);
    }
    const [advisor, ms] = slot.slotId.split('.');
    const rows = await t.deps.db.query<{ n: number }>(
      `select count(*)::int as n from bookings where advisor_id = $1 and starts_at = $2 and status = 'active'`,
      [advisor, new Date(Number(ms))],
    );
    expect(rows.rows[0]!.n).toBe(1);
  });

  test('the database itself refuses a second active booking of one slot', async () => {
    const free = (await slots('fi', 'phone')).days.flatMap((d) => d.times);
    const booked = await t.json('/api/bookings', {
      method: 'POST',
      json: person({
        slotId: free[0]!.slotId,
        serviceLanguage: 'fi',
        mode: 'phone',
        name: 'Kalle Kaksoisvaraus',
        email: undefined,
        phone: '040 765 2222',
      }),
    });
    expect(booked.status).toBe(201);
    const existing = (
      await t.deps.db.query<Record<string, unknown>>(`select * from bookings where reference = $1`, [
        booked.body.booking.reference,
      ])
    ).rows[0]!;
    await expect(
      t.deps.db.query(
        `insert into bookings (reference, manage_token_hash, advisor_id, starts_at, ends_at, mode, service_language, client_name, client_email, contact_language, created_at, updated_at)
         values ('ZZZ-ZZZ', 'x', $1, $2, $3, 'phone', 'fi', 'Direct Insert', 'direct@example.com', 'fi', $4, $4)`,
        [existing.advisor_id, existing.starts_at, existing.ends_at, clock],
      ),
    ).rejects.toThrow(/bookings_one_active_per_slot|duplicate key/);
  });
});

describe(`hostile input (${engine})`, () => {
  test('property-based: malformed bodies never give a 500 and never write a row', async () => {
    const before = await rowCount('bookings');
    const slot = (await slots('fi', 'in_person')).days[0]!.times[0]!;
    const valid = person({
      slotId: slot.slotId,
      serviceLanguage: 'fi',
      name: 'Fuzz Person',
      email: 'fuzz@example.com',
      phone: undefined,
    });
    const field = fc.constantFrom(...Object.keys(valid), 'website', '__proto__', 'constructor', 'extra');
    const nasty = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.constant(null),
      fc.constant(''),
      fc.constant('x'.repeat(5000)),
      fc.array(fc.string()),
      fc.object(),
      fc.constant('<script>alert(1)</script>'),
      fc.constant("' or 1=1 --"),
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(field, nasty, { minKeys: 1 }), fc.boolean(), async (patch, raw) => {
        const res = raw
          ? await t.app.request('/api/bookings', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(patch).slice(0, -1),
            })
          : await t.json('/api/bookings', { method: 'POST', json: { ...valid, ...patch, website: 'i am a bot' } });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    expect(await rowCount('bookings')).toBe(before);
  });

  test('wrong content type and oversized bodies are refused cleanly', async () => {
    const form = await t.app.request('/api/bookings', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(form.status).toBe(415);
    const big = await t.app.request('/api/bookings', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(100_000) }),
    });
    expect(big.status).toBe(413);
  });

  test('a field error names the field in the requester’s language', async () => {
    const slot = (await slots('fi', 'in_person')).days[0]!.times[0]!;
    const res = await t.json('/api/bookings', {
      method: 'POST',
      locale: 'fi',
      json: person({ slotId: slot.slotId, phone: 'abc', email: 'not-an-email' }),
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.phone.message).toBe('Kirjoita puhelinnumero, esimerkiksi 040 123 4567.');
    expect(res.body.error.fields.email.code).toBe('invalid_email');
  });
});

describe(`manage page forms and the cut-off (${engine})`, () => {
  test('a cross-site form post cannot cancel; a same-site one redirects back to the page', async () => {
    const slot = (await slots('uk', 'phone')).days[0]!.times[0]!;
    const created = await t.json('/api/bookings', {
      method: 'POST',
      json: person({
        slotId: slot.slotId,
        serviceLanguage: 'uk',
        mode: 'phone',
        name: 'Form Person',
        email: 'form@example.com',
        phone: undefined,
        locale: 'uk',
      }),
    });
    const token = /manage\/([^/]+)\//.exec(created.body.manageUrl)![1]!;
    const body = new URLSearchParams({ confirm: 'yes', locale: 'uk' });
    const evil = await t.app.request(`/api/bookings/manage/${token}/cancel`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      },
      body,
    });
    expect(evil.status).toBe(403);
    const ok = await t.app.request(`http://localhost/api/bookings/manage/${token}/cancel`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost',
        'sec-fetch-site': 'same-origin',
      },
      body,
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/uk/booking/manage/${token}/?done=cancelled`);
  });

  test('within two hours of the start the booking can no longer be changed online', async () => {
    const slot = (await slots('fi', 'video')).days[0]!.times[0]!;
    const created = await t.json('/api/bookings', {
      method: 'POST',
      json: person({
        slotId: slot.slotId,
        serviceLanguage: 'fi',
        mode: 'video',
        name: 'Late Person',
        email: 'late@example.com',
        phone: undefined,
      }),
    });
    expect(created.body.booking.changeable).toBe(true);
    // A video booking carries its own meeting room, and the confirmation says where.
    expect(created.body.booking.meetingLink).toMatch(/^https:\/\/video\.example\.fi\/ihl-[A-Za-z0-9_-]{22}$/);
    await confirmHeld(t, /manage\/([^/]+)\//.exec(created.body.manageUrl)![1]!);
    await send();
    expect(smtp.messages.at(-1)!.text).toContain(created.body.booking.meetingLink);
    const token = /manage\/([^/]+)\//.exec(created.body.manageUrl)![1]!;
    const saved = clock;
    clock = new Date(new Date(slot.start).getTime() - 90 * 60_000);
    try {
      const res = await t.json(`/api/bookings/manage/${token}/cancel`, { method: 'POST', json: {}, locale: 'fi' });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('too_late_to_change');
      // …and the reminder 24 h before has been written for it.
      expect(await scheduleReminders(t.deps.db, clock)).toBeGreaterThanOrEqual(1);
    } finally {
      clock = saved;
    }
  });
});
