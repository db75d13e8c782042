/**
 * Held bookings in tests (README "Security" → "Scripts that rotate addresses and contacts"): a new
 * contact's booking holds its time until confirmed with the code or link sent to that contact. The
 * tests read the code from the message waiting in the outbox, as the person reads it from their
 * SMS or email, and confirm as the person does.
 */
import { expect } from 'vitest';
import { hashToken } from '../../server/domain/person.ts';
import { openData, type OutboxRow } from '../../server/services/outbox.ts';
import type { TestApp } from './app.ts';

const HELD = {
  booking: { join: 'bookings b on b.id = o.booking_id', kind: 'booking_hold' },
  enrolment: { join: 'enrolments b on b.id = o.enrolment_id', kind: 'enrolment_hold' },
};

/** The code and the link's token of a held booking (or enrolment), from its message not yet sent. */
export async function holdMessage(t: Pick<TestApp, 'deps'>, manageToken: string, held: keyof typeof HELD = 'booking') {
  const res = await t.deps.db.query<{ data: OutboxRow['data'] }>(
    `select o.data from outbox o join ${HELD[held].join}
      where b.manage_token_hash = $1 and o.kind = $2 order by o.id desc limit 1`,
    [hashToken(manageToken), HELD[held].kind],
  );
  const data = res.rows[0] && openData(res.rows[0].data);
  if (!data?.holdCode || !data.holdLink) throw new Error('no unsent hold message for this booking');
  return { code: data.holdCode, link: data.holdLink };
}

/** The manage token of a booking answer's `manageUrl`. */
export const tokenOf = (manageUrl: string) => /manage\/([A-Za-z0-9_-]{43})\//.exec(manageUrl)![1]!;

/** Confirms a held booking with the code from its message, as the person would. */
export async function confirmHeld(t: Pick<TestApp, 'deps' | 'json'>, manageToken: string) {
  const { code } = await holdMessage(t, manageToken);
  const res = await t.json(`/api/bookings/manage/${manageToken}/confirm`, { method: 'POST', json: { code } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.booking.confirmBy).toBeNull();
  return res.body.booking;
}

/** Confirms a held course place with the code from its message, as the person would. */
export async function confirmHeldEnrolment(t: Pick<TestApp, 'deps' | 'json'>, manageToken: string) {
  const { code } = await holdMessage(t, manageToken, 'enrolment');
  const res = await t.json(`/api/courses/enrolments/manage/${manageToken}/confirm`, { method: 'POST', json: { code } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}
