/** A person of a test's own, through the public API: a booking, a referral and (if asked) an enrolment under one name and contact. */
import { expect } from 'vitest';
import type { TestApp } from './app.ts';
import { referralFor } from './referral.ts';

export interface PersonRecords {
  booking: string;
  referral: string;
  enrolment?: string;
}

export async function personWithData(
  t: TestApp,
  name: string,
  phone: string,
  email: string,
  options: { enrolIn?: string } = {},
): Promise<PersonRecords> {
  const slots = await t.json('/api/bookings/slots?language=fi&mode=phone');
  const taken = new Set(
    (await t.deps.db.query<{ starts_at: Date }>(`select starts_at from bookings where status = 'active'`)).rows.map(
      (r) => new Date(r.starts_at).toISOString(),
    ),
  );
  const slot = slots.body.days
    .flatMap((d: { times: { slotId: string; start: string }[] }) => d.times)
    .find((x: { start: string }) => !taken.has(x.start));
  const booked = await t.json('/api/bookings', {
    method: 'POST',
    json: {
      slotId: slot.slotId,
      serviceLanguage: 'fi',
      mode: 'phone',
      name,
      phone,
      email,
      contactLanguage: 'fi',
      locale: 'fi',
    },
  });
  expect(booked.status).toBe(201);
  const referral = await t.json('/api/requests/referral', {
    method: 'POST',
    json: referralFor(name, { phone, email: email.toLowerCase() }),
  });
  expect(referral.status).toBe(201);
  const records: PersonRecords = { booking: booked.body.booking.reference, referral: referral.body.reference };
  if (options.enrolIn) {
    const enrolled = await t.json(`/api/courses/groups/${options.enrolIn}/enrolments`, {
      method: 'POST',
      json: { name, email, phone, contactLanguage: 'fi', consent: true },
    });
    expect(enrolled.status).toBe(201);
    records.enrolment = enrolled.body.reference;
  }
  return records;
}

/** A course group open for enrolment at the test's clock, of the test's own. */
export async function openGroup(t: TestApp): Promise<string> {
  const now = t.deps.now();
  const day = (d: number) => new Date(now.getTime() + d * 86_400_000).toISOString().slice(0, 10);
  const g = await t.deps.db.query<{ id: string }>(
    `insert into course_groups (course_slug, language, format, place, capacity, enrol_opens, enrol_closes, created_at)
     values ('society-orientation', 'fi', 'in_person', 'Aleksanterinkatu 24B', 10, $1, $2, $3) returning id`,
    [day(-10), day(30), now],
  );
  return g.rows[0]!.id;
}
