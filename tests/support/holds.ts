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

/** The code and the link's token of a held booking, from its message not yet sent. */
export async function holdMessage(t: Pick<TestApp, 'deps'>, manageToken: string) {
  const res = await t.deps.db.query<{ data: OutboxRow['data'] }>(
    `select o.data from outbox o join bookings b on b.id = o.booking_id
      where b.manage_token_hash = $1 and o.kind = 'booking_hold' order by o.id desc limit 1`,
    [hashToken(manageToken)],
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
