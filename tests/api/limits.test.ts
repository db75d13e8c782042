/**
 * The public writes' limits (server/domain/limits.ts), on each engine, with the standard budgets
 * (the other API tests run with the load-test profile): a hoarding script from one address, and
 * from many addresses of one /64, stops at the limit and leaves the rest bookable; one contact
 * cannot hold more than its active bookings and enrolments whatever the names and the formatting;
 * a paired kiosk counts on its own budget, a revoked key does not; SMS only to the configured
 * country codes, and counted per day against their cap.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';
import { staffAgent, staffCall } from '../support/staff.ts';
import { seedDemo } from '../../server/db/seed.ts';
import { ACTIVE_PER_CONTACT, ADDRESS_LIMITS } from '../../server/domain/limits.ts';
import { processOutbox } from '../../server/workers/outbox.ts';
import type { Transports } from '../../server/messages/transports.ts';
import type { SlotsResponse } from '../../src/contracts/booking.ts';

// Monday 23.11.2026 10:00 in Helsinki: the walk-in desk is open, the first bookable day is Tuesday.
const clock = new Date('2026-11-23T08:00:00Z');
let t: TestApp;

beforeAll(async () => {
  t = await testApp({ now: () => clock, env: { LIMITS_PROFILE: 'standard', SMS_DAILY_CAP: '3' } });
  await seedDemo(t.deps.db, { now: t.deps.now() });
});
afterAll(() => t.close());

/** A request from a given client address (the socket's, as @hono/node-server passes it). */
async function from(address: string, path: string, init: { json?: unknown; locale?: string; kioskKey?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-locale': init.locale ?? 'fi' };
  if (init.kioskKey) headers['x-kiosk-key'] = init.kioskKey;
  const res = await t.app.request(
    path,
    { method: 'POST', headers, body: JSON.stringify(init.json ?? {}) },
    { incoming: { socket: { remoteAddress: address } } },
  );
  return { status: res.status, body: (await res.json()) as any };
}

/** The first `n` free times now (a booked time leaves the list). */
async function nextSlots(n: number): Promise<string[]> {
  const res = await t.json('/api/bookings/slots?language=ar&mode=in_person');
  const out = (res.body as SlotsResponse).days.flatMap((d) => d.times.map((x) => x.slotId)).slice(0, n);
  expect(out).toHaveLength(n);
  return out;
}

let people = 0;
const booking = (slotId: string, over: Record<string, unknown> = {}) => ({
  slotId,
  serviceLanguage: 'ar',
  mode: 'in_person',
  name: `Keksitty Nimi ${++people}`,
  email: `made-up-${people}@example.com`,
  contactLanguage: 'ar',
  locale: 'fi',
  ...over,
});

const freeCount = async () =>
  ((await t.json('/api/bookings/slots?language=ar&mode=in_person')).body as SlotsResponse).days.flatMap((d) => d.times)
    .length;

describe(`a hoarding script (${engine})`, () => {
  test('from one address stops at the limit, in the person language, and leaves the rest bookable', async () => {
    const max = ADDRESS_LIMITS.booking.max;
    const slots = await nextSlots(max + 3);
    const before = await freeCount();
    const answers = [];
    for (const slotId of slots) answers.push(await from('198.51.100.7', '/api/bookings', { json: booking(slotId) }));
    expect(answers.map((a) => a.status)).toEqual([...Array(max).fill(201), 429, 429, 429]);
    expect(await freeCount()).toBe(before - max);
    const refused = answers[max]!.body.error;
    expect(refused.code).toBe('limit_reached');
    expect(refused.lang).toBe('fi');
    expect(refused.message).toContain('+358 3 814 0000');
    expect(refused.message).toContain('Palvelutori');
    // Arabic: the same alternatives, in Arabic.
    const ar = await from('198.51.100.7', '/api/bookings', { json: booking(slots.at(-1)!), locale: 'ar' });
    expect(ar.status).toBe(429);
    expect(ar.body.error.lang).toBe('ar');
    expect(ar.body.error.message).toMatch(/[\u0600-\u06FF]/);
    expect(ar.body.error.message).toContain('+358 3 814 0000');
    // Someone else, elsewhere, still books one of the times the script did not get.
    expect((await from('198.51.100.8', '/api/bookings', { json: booking(slots.at(-1)!) })).status).toBe(201);
  });

  test('from many IPv6 addresses of one /64 counts as one; another /64 is not held back', async () => {
    const max = ADDRESS_LIMITS.booking.max;
    const slots = await nextSlots(max + 2);
    const statuses = [];
    for (const [i, slotId] of slots.slice(0, max + 1).entries())
      statuses.push(
        (await from(`2001:db8:aa:1::${(i + 1).toString(16)}`, '/api/bookings', { json: booking(slotId) })).status,
      );
    expect(statuses).toEqual([...Array(max).fill(201), 429]);
    // The neighbouring /64 is another household.
    expect((await from('2001:db8:aa:2::1', '/api/bookings', { json: booking(slots.at(-1)!) })).status).toBe(201);
  });
});

describe(`one contact (${engine})`, () => {
  test('holds at most the configured active bookings and enrolments, whatever the names and formatting', async () => {
    const max = ACTIVE_PER_CONTACT.max;
    const phones = ['040 765 4321', '+358407654321', '0407654321', '+358 40 765 4321', '(040) 765-4321'];
    const slots = await nextSlots(max);
    const group = (
      await t.deps.db.query<{ id: string }>(
        `insert into course_groups (course_slug, language, format, place, capacity, enrol_opens, enrol_closes, created_at)
         values ('society-orientation', 'ar', 'in_person', 'Aleksanterinkatu 24B', 5, '2026-11-01', '2026-12-31', $1) returning id`,
        [clock],
      )
    ).rows[0]!.id;
    // max - 1 bookings and one enrolment, each under another name and from another address.
    const statuses = [];
    for (let i = 0; i < max - 1; i++)
      statuses.push(
        (
          await from(`192.0.2.${10 + i}`, '/api/bookings', {
            json: booking(slots[i]!, { email: undefined, phone: phones[i] }),
          })
        ).status,
      );
    const enrolment = await from('192.0.2.30', `/api/courses/groups/${group}/enrolments`, {
      json: { name: 'Vielä Yksi', phone: phones[max - 1], contactLanguage: 'ar', consent: true },
    });
    statuses.push(enrolment.status);
    expect(statuses).toEqual(Array(max).fill(201));
    const over = await from('192.0.2.40', '/api/bookings', {
      json: booking(slots[max - 1]!, { email: undefined, phone: phones[4], name: 'Aivan Uusi' }),
    });
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('limit_reached');
    // The same for an enrolment (a waitlist place counts too).
    const overEnrol = await from('192.0.2.41', `/api/courses/groups/${group}/enrolments`, {
      json: { name: 'Toinen Nimi', phone: phones[1], contactLanguage: 'ar', consent: true },
    });
    expect(overEnrol.status).toBe(429);
    // Cancelling one gives the contact its place back.
    await from('192.0.2.42', `/api/courses/enrolments/manage/${enrolment.body.manageToken}/cancel`);
    expect(
      (
        await from('192.0.2.43', '/api/bookings', {
          json: booking(slots[max - 1]!, { email: undefined, phone: phones[4], name: 'Aivan Uusi' }),
        })
      ).status,
    ).toBe(201);
  });

  test('bookings by one contact at the same instant take turns: no more than the limit are made', async () => {
    const max = ACTIVE_PER_CONTACT.max;
    const slots = await nextSlots(max + 4);
    const answers = await Promise.all(
      slots.map((slotId, i) =>
        from(`192.0.2.${150 + i}`, '/api/bookings', {
          json: booking(slotId, { email: 'at.once@example.com', name: `Samaan Aikaan ${i}` }),
        }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array(max).fill(201), ...Array(4).fill(429)]);
    const made = await t.deps.db.query<{ n: number }>(
      `select count(*)::int as n from bookings where client_email = 'at.once@example.com' and status = 'active'`,
    );
    expect(Number(made.rows[0]!.n)).toBe(max);
  });

  test('an email counts lower-case and trimmed', async () => {
    const slots = await nextSlots(ACTIVE_PER_CONTACT.max + 1);
    const statuses = [];
    for (const [i, slotId] of slots.entries())
      statuses.push(
        (
          await from(`192.0.2.${100 + i}`, '/api/bookings', {
            json: booking(slotId, { email: i % 2 ? ' Same.Person@Example.com ' : 'same.person@example.com' }),
          })
        ).status,
      );
    expect(statuses).toEqual([...Array(ACTIVE_PER_CONTACT.max).fill(201), 429]);
  });
});

describe(`the walk-in kiosk (${engine})`, () => {
  const ticket = { topic: 'general', language: 'ar', channel: 'kiosk' };

  test('a paired key gets its own budget; a revoked or unknown key gets the address budget', async () => {
    const coordinator = await staffAgent(t, 'coordinator');
    const paired = await staffCall(t, coordinator, 'POST', '/api/staff/coordinator/kiosks', { label: 'Palvelutori 1' });
    expect(paired.status).toBe(201);
    const key: string = paired.body.key;
    expect(paired.body.pairing).toBe(`#pair=${key}`);
    const stored = await t.deps.db.query<{ key_hash: string }>('select key_hash from kiosk_keys');
    expect(stored.rows.map((r) => r.key_hash).join()).not.toContain(key.slice(5));
    const max = ADDRESS_LIMITS.queueTicket.max;
    const path = '/api/queue/points/palvelutori/tickets';
    // The kiosk's address serves many people: the kiosk goes past the address budget.
    for (let i = 0; i <= max; i++) {
      const res = await from('203.0.113.50', path, { json: ticket, kioskKey: key });
      expect(res.status, `kiosk ticket ${i + 1}`).toBe(201);
    }
    // An unknown key is no kiosk: the address's budget.
    const unknown = `ihlk_${'A'.repeat(43)}`;
    for (let i = 0; i < max; i++)
      expect((await from('203.0.113.51', path, { json: ticket, kioskKey: unknown })).status).toBe(201);
    expect((await from('203.0.113.51', path, { json: ticket, kioskKey: unknown })).status).toBe(429);
    // Revoked: the same key now counts on the address of the kiosk, already over its budget.
    const list = await staffCall(t, coordinator, 'GET', '/api/staff/coordinator/kiosks');
    expect(list.body.kiosks.map((k: { label: string }) => k.label)).toContain('Palvelutori 1');
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(
      (await staffCall(t, coordinator, 'POST', `/api/staff/coordinator/kiosks/${paired.body.kiosk.id}/revoke`)).status,
    ).toBe(200);
    expect((await from('203.0.113.51', path, { json: ticket, kioskKey: key })).status).toBe(429);
    // Advisors cannot pair kiosks.
    const advisor = await staffAgent(t, 'advisor');
    expect((await staffCall(t, advisor, 'POST', '/api/staff/coordinator/kiosks', { label: 'x' })).status).toBe(403);
  });
});

describe(`SMS (${engine})`, () => {
  test('a number outside the configured country codes is refused at the form, in the person language', async () => {
    const [slotId] = await nextSlots(1);
    for (const [locale, script] of [
      ['fi', /[a-zä]/],
      ['ar', /[\u0600-\u06FF]/],
    ] as const) {
      const res = await from('192.0.2.200', '/api/bookings', {
        json: booking(slotId!, { phone: '+46 70 123 45 67', email: undefined }),
        locale,
      });
      expect(res.status).toBe(422);
      expect(res.body.error.fields.phone.code).toBe('phone_country');
      expect(res.body.error.fields.phone.message).toMatch(script);
      expect(res.body.error.fields.phone.message).toContain('+358');
    }
    const resend = await from('192.0.2.200', '/api/bookings/resend-link', {
      json: { name: 'Joku', phone: '+44 7911 123456', locale: 'fi' },
    });
    expect(resend.status).toBe(422);
  });

  test('sends are counted per day against the cap: a warning near it, the rest wait for the next day', async () => {
    await t.deps.db.query(`update outbox set status = 'sent' where status <> 'sent'`);
    const slots = await nextSlots(4);
    for (const [i, slotId] of slots.entries())
      expect(
        (
          await from(`192.0.2.${210 + i}`, '/api/bookings', {
            json: booking(slotId, { email: undefined, phone: `040 555 000${i}` }),
          })
        ).status,
      ).toBe(201);
    const sms: string[] = [];
    const transports: Transports = { email: async () => {}, sms: async (to) => void sms.push(to) };
    const logsBefore = t.logs.length;
    const run = () =>
      processOutbox({
        db: t.deps.db,
        log: t.deps.log,
        transports,
        baseUrl: 'https://portal.example',
        from: 'IHL <no-reply@portal.example>',
        now: () => clock,
        smsDailyCap: 3,
      });
    await run();
    // The cap (3, SMS_DAILY_CAP in this file) counts every SMS of the day, the earlier ones too.
    const sentToday = Number(
      (await t.deps.db.query<{ sent: number }>('select sent from sms_daily where day = $1', ['2026-11-23'])).rows[0]!
        .sent,
    );
    expect(sentToday).toBe(3);
    expect(sms.length).toBeLessThanOrEqual(3);
    const waiting = await t.deps.db.query<{ next_attempt_at: Date; status: string }>(
      `select next_attempt_at, status from outbox where channel = 'sms' and status <> 'sent'`,
    );
    expect(waiting.rows.length).toBe(4 - sms.length);
    for (const row of waiting.rows) {
      expect(row.status).toBe('pending');
      // The next Helsinki midnight: 2026-11-24 00:00 +02:00.
      expect(new Date(row.next_attempt_at).toISOString()).toBe('2026-11-23T22:00:00.000Z');
    }
    const warnings = t.logs.slice(logsBefore).filter((l) => l.includes('SMS daily cap'));
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.join()).not.toContain('+35840555');
    // /metrics shows the count and the cap (this machine only, without METRICS_TOKEN).
    const metrics = await t.app.request('/metrics', {}, { incoming: { socket: { remoteAddress: '127.0.0.1' } } });
    const text = await metrics.text();
    expect(text).toMatch(/ihl_sms_sent_today 3/);
    expect(text).toMatch(/ihl_sms_daily_cap 3/);
  });
});
