/**
 * One booking's life, the same whether the client acts through the manage link
 * (services/bookings.ts) or staff in the workspace (services/staff-bookings.ts): booked, moved,
 * cancelled, reminded, attended or not. Each step writes in one transaction with its outbox rows, and the
 * database's unique indexes settle races: the loser of two requests for one slot gets
 * `slot_taken` with the next free times, never a second booking.
 *
 * What really differs between the two ways in is a parameter: who acts (written as
 * `cancelled_by`), how they find the booking and what they may do with it (`BookingAccess`: the
 * client's online cut-off, the advisor's own bookings only, the workspace's audit row), and which
 * manage link a move sends (`MoveLink`).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { BookingView, Mode, ValidBookingRequest } from '../../src/contracts/booking.ts';
import type { Db, Queryable } from '../db/client.ts';
import { uniqueViolation } from '../db/errors.ts';
import { DomainError } from '../domain/errors.ts';
import { newManageToken, newReference, personKey } from '../domain/person.ts';
import { isTrusted, newHold, releaseLapsedHolds, trust } from './holds.ts';
import { slotId as slotIdOf, type SlotRules } from '../domain/slots.ts';
import { firstFive, slotOnOffer } from './free-slots.ts';
import type { FreeTimesCache } from './free-times-cache.ts';
import { checkContactBudget } from './rate-limit.ts';
import { channelsOf, enqueueToPerson, outboxData } from './outbox.ts';

export interface BookingSettings extends SlotRules {
  /** Changes and cancellations online close this many hours before the start. */
  cutoffHours: number;
  publicBaseUrl: string;
  videoMeetingUrlTemplate?: string | undefined;
  /** Public bookings: active bookings and enrolments one phone or email may hold (server/domain/limits.ts). */
  activePerContact?: number | undefined;
}

/** A booking as the table holds it (`select *`), for the lifecycle, the manage link and the workspace. */
export interface BookingRow {
  id: string;
  reference: string;
  advisor_id: string;
  starts_at: Date;
  ends_at: Date;
  mode: Mode;
  service_language: string;
  status: BookingView['status'];
  client_name: string;
  client_phone: string | null;
  client_email: string | null;
  contact_language: string;
  interpreter_language: string | null;
  interpreter_status: string;
  access_needs: string | null;
  reason: string | null;
  meeting_link: string | null;
  staff_notes: string | null;
  ics_sequence: number;
  created_at: Date;
  /** Unconfirmed until this instant (a hold, server/domain/holds.ts); null once confirmed or for a trusted contact. */
  hold_until: Date | null;
}

/** What a step needs to know of the booking it changes. */
export type BookingRef = Pick<BookingRow, 'id' | 'reference' | 'status' | 'service_language' | 'mode'>;

/** Who acts on a booking, and how. */
export interface BookingAccess {
  /** `client` through the manage link, `staff` in the workspace (written as `cancelled_by`). */
  by: 'client' | 'staff';
  /** The booking, found and checked for this actor; called inside the step's transaction, so it may lock the row. */
  find(q: Queryable): Promise<BookingRef>;
  /** Written in the step's transaction after the change (the workspace's audit row). */
  record?(tx: Queryable, booking: BookingRow, field: 'status' | 'time'): Promise<void>;
}

/**
 * The manage link a move's message carries: the one the client used (`keep`: they hold it), or a
 * new one (`renew`: staff never see the client's link, only its hash is stored, so a new one is
 * issued and the old one stops working).
 */
export type MoveLink = { keep: string } | 'renew';

/** A video booking's own meeting room, when the service has a room template configured. */
const meetingLinkFor = (mode: Mode, template: string | undefined) =>
  mode === 'video' && template ? template.replace('{room}', randomBytes(16).toString('base64url')) : null;

/** Lost the slot to another booking: the next free times come from the cache, less the one just lost. */
const slotTaken = async (freeTimes: FreeTimesCache, now: Date, lost: string, language: string, mode: Mode) => {
  const next = await freeTimes.next(language, mode, now, 5, lost);
  return new DomainError('slot_taken', { details: { nextTimes: firstFive(next) } });
};

/**
 * A new booking of a slot on offer now, confirmed to the client with their manage link. With
 * `confirm: 'hold'` (the public site) a contact that has not confirmed before only holds the time
 * until the hold's deadline and is sent a code and a link to confirm it (`booking_hold`) instead;
 * a trusted contact's booking is confirmed at once.
 */
export async function book(
  db: Db,
  req: ValidBookingRequest,
  now: Date,
  settings: BookingSettings,
  freeTimes: FreeTimesCache,
  confirm: 'hold' | 'none' = 'none',
): Promise<{ booking: BookingRow; token: string }> {
  // A time this process already knows is taken is refused at once, from the kept free times,
  // without reading the database: most 409s when many people want the same times.
  if (await freeTimes.taken(req.slotId, now))
    throw await slotTaken(freeTimes, now, req.slotId, req.serviceLanguage, req.mode);
  const [{ slot, taken }, offered] = await Promise.all([
    slotOnOffer(db, req.slotId, req.serviceLanguage, req.mode, now, settings),
    freeTimes.recent(req.serviceLanguage, req.mode, now),
  ]);
  // Taken when read (in a booking this process had not heard of yet): answered without the
  // transaction. A time taken after this read is caught by the unique index below.
  if (taken) throw await slotTaken(freeTimes, now, slot.id, req.serviceLanguage, req.mode);
  const id = randomUUID();
  const personKeys = [personKey(req.name, req.phone), personKey(req.name, req.email)];
  const hold = confirm === 'hold' ? newHold(id, now) : null;
  // Then, together (one round trip on the shared connection): whether the contact is trusted, and
  // the release of a lapsed hold on this time or of this person's, which holds nothing whether or
  // not this booking is made (the unique indexes would otherwise still count it).
  const [trusted] = await Promise.all([
    hold ? isTrusted(db, req, now) : false,
    releaseLapsedHolds(db, now, { advisorId: slot.advisorId, startsAt: slot.startsAt, personKeys }),
  ]);
  const earliest = offered.slots[0]?.startsAt ?? slot.startsAt;
  const { token, hash } = newManageToken();
  // Everything that takes time is made before the transaction (it holds a connection and, with a
  // budget, the contact's lock): the message's data sealed for the outcome.
  const held = hold && !trusted ? hold : null;
  const sealed = outboxData({ manageToken: token, locale: req.locale, ...held?.message });
  const meetingLink = meetingLinkFor(req.mode, settings.videoMeetingUrlTemplate);
  for (let attempt = 0; ; attempt++) {
    const reference = newReference();
    try {
      // The booking and its confirmation's outbox rows (one per channel given) in one statement,
      // written together or not at all. With a per-contact budget, in a transaction with the
      // budget's check: its advisory lock must be held until the booking commits, so that two
      // bookings by one person at once cannot both pass the count.
      const insert = (q: Queryable) =>
        q.query<BookingRow>(
          `with b as (
            insert into bookings (reference, manage_token_hash, advisor_id, starts_at, ends_at, mode, service_language, client_name, client_phone, client_email,
                                 contact_language, interpreter_language, access_needs, reason, meeting_link, person_key_phone, person_key_email, earliest_offered_at, created_at, updated_at, interpreter_status,
                                 id, hold_until, hold_code_hash, hold_link_hash)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19, $20, $24, $25, $26, $27)
           returning *),
         o as (
           insert into outbox (kind, booking_id, channel, locale, data, next_attempt_at, created_at)
           select $23, b.id, c, b.contact_language, $21, $19, $19 from b, unnest($22::text[]) as c)
         select * from b`,
          [
            reference,
            hash,
            slot.advisorId,
            slot.startsAt,
            slot.endsAt,
            req.mode,
            req.serviceLanguage,
            req.name,
            req.phone ?? null,
            req.email ?? null,
            req.contactLanguage,
            req.interpreterLanguage ?? null,
            req.accessNeeds ?? null,
            req.reason ?? null,
            meetingLink,
            personKeys[0],
            personKeys[1],
            earliest,
            now,
            req.interpreterLanguage ? 'needed' : 'not_needed',
            sealed,
            channelsOf({ client_email: req.email ?? null, client_phone: req.phone ?? null }),
            held ? 'booking_hold' : 'booking_confirmed',
            id,
            held?.until ?? null,
            held?.codeHash ?? null,
            held?.linkHash ?? null,
          ],
        );
      const budget = settings.activePerContact;
      const res = await db.transaction(async (tx) => {
        if (budget !== undefined) await checkContactBudget(tx, req, budget, now);
        if (hold && trusted) await trust(tx, req, now);
        return insert(tx);
      });
      const booking = res.rows[0]!;
      freeTimes.changed({ taken: [slot.id], heldUntil: booking.hold_until && new Date(booking.hold_until) });
      return { booking, token };
    } catch (err) {
      if (uniqueViolation(err, 'bookings_one_active_per_slot'))
        throw await slotTaken(freeTimes, now, slot.id, req.serviceLanguage, req.mode);
      if (uniqueViolation(err, 'bookings_one_active_per_person')) throw new DomainError('existing_booking');
      if (uniqueViolation(err, 'bookings_reference_key') && attempt < 5) continue;
      throw err;
    }
  }
}

function active<B extends BookingRef>(booking: B): B {
  if (booking.status !== 'active') throw new DomainError('booking_not_active');
  return booking;
}

/** One change to an active booking: found and checked by the actor, written, recorded, in one transaction. */
function step(
  db: Db,
  access: BookingAccess,
  field: 'status' | 'time',
  write: (tx: Queryable, booking: BookingRef) => Promise<BookingRow | undefined>,
) {
  return db.transaction(async (tx) => {
    // The update repeats `status = 'active'`: a change that lost a race to another finds no row.
    const changed = await write(tx, active(await access.find(tx)));
    if (!changed) throw new DomainError('booking_not_active');
    await access.record?.(tx, changed, field);
    return changed;
  });
}

/** Cancelled by the client or by staff; the client is told, with the calendar cancellation. */
export async function cancel(db: Db, access: BookingAccess, now: Date, freeTimes: FreeTimesCache): Promise<BookingRow> {
  const cancelled = await step(db, access, 'status', async (tx, booking) => {
    const res = await tx.query<BookingRow>(
      `update bookings set status = 'cancelled', cancelled_at = $2, cancelled_by = $3, updated_at = $2, ics_sequence = ics_sequence + 1
        where id = $1 and status = 'active' returning *`,
      [booking.id, now, access.by],
    );
    const cancelled = res.rows[0];
    if (cancelled) await enqueueToPerson(tx, 'booking_cancelled', { bookingId: cancelled.id }, cancelled, now);
    return cancelled;
  });
  freeTimes.changed({ freed: [slotIdOf(cancelled.advisor_id, new Date(cancelled.starts_at))] });
  return cancelled;
}

/** The appointment's outcome, marked by staff: attended or no-show (the reports count both). */
export function attend(db: Db, access: BookingAccess, outcome: 'attended' | 'no_show', now: Date): Promise<BookingRow> {
  return step(db, access, 'status', async (tx, booking) => {
    const res = await tx.query<BookingRow>(
      `update bookings set status = $2, updated_at = $3 where id = $1 and status = 'active' returning *`,
      [booking.id, outcome, now],
    );
    return res.rows[0];
  });
}

/**
 * To another free time in the same language and mode (any advisor); the client is told with a
 * manage link (`link`), and the reminder is due again.
 */
export async function move(
  db: Db,
  access: BookingAccess,
  slotId: string,
  now: Date,
  rules: SlotRules,
  link: MoveLink,
  freeTimes: FreeTimesCache,
): Promise<BookingRow> {
  const current = active(await access.find(db));
  // Whether it is taken is left to the unique index: the booking may be "moved" to its own time.
  const { slot } = await slotOnOffer(db, slotId, current.service_language, current.mode, now, rules);
  // The link the message carries, and its hash to store when it is a new one.
  const sent = link === 'renew' ? newManageToken() : { token: link.keep, hash: null };
  // The slot the booking leaves, read in the update's own statement (its snapshot is before it).
  let left: string | undefined;
  try {
    const moved = await step(db, access, 'time', async (tx, booking) => {
      const res = await tx.query<BookingRow & { was_advisor_id: string; was_starts_at: Date }>(
        `with was as (select advisor_id, starts_at from bookings where id = $1)
         update bookings set advisor_id = $2, starts_at = $3, ends_at = $4, updated_at = $5, ics_sequence = ics_sequence + 1, reminder_sent_at = null,
                manage_token_hash = coalesce($6, manage_token_hash)
          where id = $1 and status = 'active'
          returning bookings.*, (select advisor_id from was) as was_advisor_id, (select starts_at from was) as was_starts_at`,
        [booking.id, slot.advisorId, slot.startsAt, slot.endsAt, now, sent.hash],
      );
      const moved = res.rows[0];
      if (moved) left = slotIdOf(moved.was_advisor_id, new Date(moved.was_starts_at));
      if (moved)
        await enqueueToPerson(tx, 'booking_changed', { bookingId: moved.id }, moved, now, { manageToken: sent.token });
      return moved;
    });
    freeTimes.changed({
      freed: left ? [left] : [],
      taken: [slot.id],
      heldUntil: moved.hold_until && new Date(moved.hold_until),
    });
    return moved;
  } catch (err) {
    if (uniqueViolation(err, 'bookings_one_active_per_slot'))
      throw await slotTaken(freeTimes, now, slot.id, current.service_language, current.mode);
    throw err;
  }
}

/** Reminded: a reminder for every active booking that starts within `hoursBefore` hours and has none yet (a move makes it due again). Run by the message worker. */
export async function scheduleReminders(db: Db, now: Date, hoursBefore = 24): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx.query<{
      id: string;
      client_email: string | null;
      client_phone: string | null;
      contact_language: string;
    }>(
      `update bookings set reminder_sent_at = $1
        where status = 'active' and hold_until is null and reminder_sent_at is null and starts_at > $1 and starts_at <= $2
        returning id, client_email, client_phone, contact_language`,
      [now, new Date(now.getTime() + hoursBefore * 3_600_000)],
    );
    for (const b of due.rows) await enqueueToPerson(tx, 'booking_reminder', { bookingId: b.id }, b, now);
    return due.rows.length;
  });
}
