/**
 * The public booking use cases: book, change, cancel through the manage link, and resend the
 * link. Each is a step of the one booking lifecycle (booking-lifecycle.ts) with the client's
 * access: the manage token finds the booking, and changes close `cutoffHours` before the start.
 */
import type { BookingView, ValidBookingRequest } from '../../src/contracts/booking.ts';
import type { Db, Queryable } from '../db/client.ts';
import { DomainError } from '../domain/errors.ts';
import { hashToken, newManageToken, personKey } from '../domain/person.ts';
import { holdLapsed } from '../domain/holds.ts';
import { book, cancel, move, type BookingAccess, type BookingRow, type BookingSettings } from './booking-lifecycle.ts';
import { enqueueToPerson } from './outbox.ts';
import { confirmHold, newHold, type HoldProof } from './holds.ts';
import type { FreeTimesCache } from './free-times-cache.ts';
import { audit } from './audit.ts';
import type { StaffUser } from './auth.ts';

export function toView(row: BookingRow, now: Date, settings: Pick<BookingSettings, 'cutoffHours'>): BookingView {
  const starts = new Date(row.starts_at);
  // A hold past its deadline is over at once, before the housekeeping job marks it.
  const status =
    row.status === 'active' && holdLapsed(row.hold_until && new Date(row.hold_until), now) ? 'expired' : row.status;
  return {
    reference: row.reference,
    status,
    start: starts.toISOString(),
    end: new Date(row.ends_at).toISOString(),
    mode: row.mode,
    serviceLanguage: row.service_language,
    interpreterLanguage: row.interpreter_language,
    contactLanguage: row.contact_language,
    meetingLink: row.meeting_link,
    changeable: status === 'active' && starts.getTime() - now.getTime() > settings.cutoffHours * 3_600_000,
    confirmBy: status === 'active' && row.hold_until ? new Date(row.hold_until).toISOString() : null,
  };
}

export async function createBooking(
  db: Db,
  req: ValidBookingRequest,
  now: Date,
  settings: BookingSettings,
  freeTimes: FreeTimesCache,
  /** An advisor booking on the client's behalf from the workspace inbox: confirmed at once, audited. */
  byStaff?: StaffUser,
) {
  if (req.website) throw new DomainError('validation_failed'); // the honeypot was filled in
  // On the public site a contact that has not confirmed before only holds the time (server/domain/holds.ts).
  const { booking, token } = await book(db, req, now, settings, freeTimes, byStaff ? 'none' : 'hold');
  if (byStaff) await audit(db, now, byStaff, 'create', 'booking', booking.id, { onBehalf: true });
  return { view: toView(booking, now, settings), token, locale: req.locale };
}

export async function findByToken(q: Queryable, token: string): Promise<BookingRow | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const res = await q.query<BookingRow>('select * from bookings where manage_token_hash = $1', [hashToken(token)]);
  return res.rows[0];
}

/** The client's access: the manage token finds the booking; an active one may change until the cut-off. */
const clientAccess = (token: string, now: Date, settings: BookingSettings): BookingAccess => ({
  by: 'client',
  async find(q) {
    const row = await findByToken(q, token);
    if (!row) throw new DomainError('not_found');
    if (toView(row, now, settings).status !== 'active') throw new DomainError('booking_not_active');
    if (!toView(row, now, settings).changeable) throw new DomainError('too_late_to_change');
    return row;
  },
});

export async function cancelBooking(
  db: Db,
  token: string,
  now: Date,
  settings: BookingSettings,
  freeTimes: FreeTimesCache,
) {
  return toView(await cancel(db, clientAccess(token, now, settings), now, freeTimes), now, settings);
}

/** To another free time; the message carries the client's own link again. */
export async function changeBooking(
  db: Db,
  token: string,
  slotId: string,
  now: Date,
  settings: BookingSettings,
  freeTimes: FreeTimesCache,
) {
  return toView(
    await move(db, clientAccess(token, now, settings), slotId, now, settings, { keep: token }, freeTimes),
    now,
    settings,
  );
}

/**
 * Confirms a held booking with the code or the link sent to its contact (services/holds.ts); the
 * client is then sent the booking's confirmation with the calendar file, as a trusted contact's
 * booking gets it at once. A second confirmation changes nothing and sends nothing.
 */
export async function confirmBooking(
  db: Db,
  token: string,
  proof: HoldProof,
  now: Date,
  settings: BookingSettings,
  /** The page's locale for the link in the confirmation (the form's); else the contact language. */
  locale: string | undefined,
) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new DomainError('not_found');
  await confirmHold(db, 'booking', hashToken(token), proof, now, async (tx, held) => {
    const row = (await findByToken(tx, token))!;
    await enqueueToPerson(tx, 'booking_confirmed', { bookingId: held.id }, row, now, {
      manageToken: token,
      locale: locale ?? row.contact_language,
    });
  });
  const row = await findByToken(db, token);
  if (!row) throw new DomainError('not_found');
  return toView(row, now, settings);
}

/**
 * "Send me my booking's link": always the same answer, whether or not a booking matched, so the
 * endpoint never tells anyone whether a person has a booking. A new manage token is issued (the
 * old one stops working) because only its hash was kept.
 */
export async function resendManageLink(
  db: Db,
  input: { name: string; phone?: string | undefined; email?: string | undefined; locale: string },
  now: Date,
) {
  const keys = [personKey(input.name, input.phone), personKey(input.name, input.email)].filter((k): k is string => !!k);
  await db.transaction(async (tx) => {
    const res = await tx.query<BookingRow>(
      `select * from bookings where status = 'active' and (hold_until is null or hold_until > $2)
          and (person_key_phone = any($1) or person_key_email = any($1)) and starts_at > $2 limit 1 for update`,
      [keys, now],
    );
    const row = res.rows[0];
    if (!row) return;
    const { token, hash } = newManageToken();
    // A booking still held gets a new code and link with its new manage link: the first message may
    // never have come (the person asks again, README "Security"). The deadline stays, and so does
    // the count of wrong codes (a new code is not five more guesses).
    const hold = row.hold_until ? newHold(row.id, now) : null;
    await tx.query(
      `update bookings set manage_token_hash = $2, updated_at = $3,
              hold_code_hash = coalesce($4, hold_code_hash), hold_link_hash = coalesce($5, hold_link_hash)
        where id = $1`,
      [row.id, hash, now, hold?.codeHash ?? null, hold?.linkHash ?? null],
    );
    // Only to the contact that was given now and is on record.
    const to = {
      client_phone: input.phone && input.phone === row.client_phone ? row.client_phone : null,
      client_email: input.email && input.email === row.client_email ? row.client_email : null,
      contact_language: row.contact_language,
    };
    await enqueueToPerson(tx, hold ? 'booking_hold' : 'booking_manage_link', { bookingId: row.id }, to, now, {
      manageToken: token,
      locale: input.locale,
      ...hold?.message,
    });
  });
}
