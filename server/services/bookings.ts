/**
 * Booking use cases: free times, book, change, cancel, resend the link. Each write happens in one
 * transaction together with its outbox rows, and the database's unique indexes settle races:
 * the loser of two requests for one slot gets `slot_taken`, never a second booking.
 */
import { enqueueToPerson } from './outbox.ts';
import { randomBytes } from 'node:crypto';
import type { BookingView, FreeTime, Mode, SlotDay, SlotsResponse, ValidBookingRequest } from '../../src/contracts/booking.ts';
import { addDays, finnishHolidays, helsinkiDay } from '../../src/domain/calendar.ts';
import type { Db, Queryable } from '../db/client.ts';
import { ApiError } from '../http/errors.ts';
import { hashToken, newManageToken, newReference, personKey } from '../domain/person.ts';
import { choosableSlots, generateSlots, parseSlotId, type AvailabilityException, type AvailabilityTemplate, type Slot, type SlotRules } from '../domain/slots.ts';

export interface BookingSettings extends SlotRules {
  /** Changes and cancellations online close this many hours before the start. */
  cutoffHours: number;
  publicBaseUrl: string;
  videoMeetingUrlTemplate?: string | undefined;
}

interface BookingRow {
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
  meeting_link: string | null;
  ics_sequence: number;
}

const PG_UNIQUE_VIOLATION = '23505';
const isUnique = (err: unknown, index: string) =>
  (err as { code?: string }).code === PG_UNIQUE_VIOLATION && String((err as { constraint?: string; message?: string }).constraint ?? (err as Error).message).includes(index);

async function loadTemplates(q: Queryable): Promise<AvailabilityTemplate[]> {
  const res = await q.query<{
    advisor_id: string; weekday: number; start_time: string; end_time: string; slot_minutes: number; modes: Mode[]; languages: string[]; valid_from: string; valid_until: string | null;
  }>(
    `select t.advisor_id, t.weekday, to_char(t.start_time, 'HH24:MI') as start_time, to_char(t.end_time, 'HH24:MI') as end_time,
            t.slot_minutes, t.modes, t.languages, to_char(t.valid_from, 'YYYY-MM-DD') as valid_from, to_char(t.valid_until, 'YYYY-MM-DD') as valid_until
       from availability_templates t join staff_users s on s.id = t.advisor_id
      where s.active`,
  );
  return res.rows.map((r) => ({
    advisorId: r.advisor_id, weekday: r.weekday, startTime: r.start_time, endTime: r.end_time, slotMinutes: r.slot_minutes,
    modes: r.modes, languages: r.languages, validFrom: r.valid_from, validUntil: r.valid_until,
  }));
}

export async function loadExceptions(q: Queryable, from: Date): Promise<AvailabilityException[]> {
  const res = await q.query<{ advisor_id: string; date: string; kind: 'absence' | 'extra'; start_time: string | null; end_time: string | null; slot_minutes: number; modes: Mode[]; languages: string[] }>(
    `select advisor_id, to_char(date, 'YYYY-MM-DD') as date, kind, to_char(start_time, 'HH24:MI') as start_time, to_char(end_time, 'HH24:MI') as end_time, slot_minutes, modes, languages
       from availability_exceptions where date >= ($1::timestamptz at time zone 'Europe/Helsinki')::date`,
    [from],
  );
  return res.rows.map((r) => ({ advisorId: r.advisor_id, date: r.date, kind: r.kind, startTime: r.start_time, endTime: r.end_time, slotMinutes: r.slot_minutes, modes: r.modes, languages: r.languages }));
}

async function bookedSet(q: Queryable, from: Date): Promise<Set<string>> {
  const res = await q.query<{ advisor_id: string; starts_at: Date }>(`select advisor_id, starts_at from bookings where status = 'active' and starts_at >= $1`, [from]);
  return new Set(res.rows.map((r) => `${r.advisor_id}.${new Date(r.starts_at).getTime()}`));
}

function holidaysAround(now: Date, days: number): Set<string> {
  const today = helsinkiDay(now).date;
  return new Set(finnishHolidays(today, addDays(today, days + 14)).map((h) => h.date));
}

export async function freeSlots(q: Queryable, now: Date, rules: SlotRules): Promise<Slot[]> {
  return generateSlots({ templates: await loadTemplates(q), exceptions: await loadExceptions(q, now), holidays: holidaysAround(now, rules.horizonDays), now, booked: await bookedSet(q, now), rules });
}

/** An advisor's coming slots, booked ones included and marked, for the workspace's preview. */
export async function previewSlots(q: Queryable, advisorId: string, now: Date, rules: SlotRules) {
  const booked = await bookedSet(q, now);
  const slots = generateSlots({
    templates: (await loadTemplates(q)).filter((t) => t.advisorId === advisorId),
    exceptions: (await loadExceptions(q, now)).filter((e) => e.advisorId === advisorId),
    holidays: holidaysAround(now, rules.horizonDays), now, booked, rules, includeBooked: true,
  });
  return slots.map((s) => ({ start: s.startsAt.toISOString(), end: s.endsAt.toISOString(), modes: s.modes, languages: s.languages, booked: booked.has(s.id) }));
}

export function groupByDay(slots: Slot[]): SlotsResponse {
  const days = new Map<string, FreeTime[]>();
  for (const s of slots) {
    const date = helsinkiDay(s.startsAt).date;
    const list = days.get(date) ?? [];
    list.push({ slotId: s.id, start: s.startsAt.toISOString(), end: s.endsAt.toISOString() });
    days.set(date, list);
  }
  const out: SlotDay[] = [...days].map(([date, times]) => ({ date, times }));
  return { days: out, earliest: slots[0]?.startsAt.toISOString() ?? null };
}

export async function bookingOptions(q: Queryable): Promise<{ languages: string[]; modes: Mode[] }> {
  const templates = await loadTemplates(q);
  return {
    languages: [...new Set(templates.flatMap((t) => t.languages))].sort(),
    modes: (['in_person', 'phone', 'video'] as const).filter((m) => templates.some((t) => t.modes.includes(m))),
  };
}

export function toView(row: BookingRow, now: Date, settings: Pick<BookingSettings, 'cutoffHours'>): BookingView {
  const starts = new Date(row.starts_at);
  return {
    reference: row.reference,
    status: row.status,
    start: starts.toISOString(),
    end: new Date(row.ends_at).toISOString(),
    mode: row.mode,
    serviceLanguage: row.service_language,
    interpreterLanguage: row.interpreter_language,
    contactLanguage: row.contact_language,
    meetingLink: row.meeting_link,
    changeable: row.status === 'active' && starts.getTime() - now.getTime() > settings.cutoffHours * 3_600_000,
  };
}

/** Checks that a requested slot is one we would offer now (not a guessed or stale id). */
function requireOffered(slots: Slot[], slotId: string, language: string, mode: Mode): Slot {
  const parsed = parseSlotId(slotId);
  const slot = parsed && slots.find((s) => s.id === slotId);
  if (!slot || !slot.languages.includes(language) || !slot.modes.includes(mode)) throw new ApiError('slot_unavailable', { status: 409, messageKey: 'errors.slotUnavailable' });
  return slot;
}

async function nextTimes(q: Queryable, now: Date, rules: SlotRules, language: string, mode: Mode): Promise<FreeTime[]> {
  const slots = choosableSlots(await freeSlots(q, now, rules), language, mode).slice(0, 5);
  return slots.map((s) => ({ slotId: s.id, start: s.startsAt.toISOString(), end: s.endsAt.toISOString() }));
}

/** A video booking's own meeting room, when the service has a room template configured. */
const meetingLinkFor = (mode: Mode, template: string | undefined) =>
  mode === 'video' && template ? template.replace('{room}', randomBytes(16).toString('base64url')) : null;

export async function createBooking(db: Db, req: ValidBookingRequest, now: Date, settings: BookingSettings) {
  if (req.website) throw new ApiError('validation_failed'); // the honeypot was filled in
  const slots = await freeSlots(db, now, settings);
  const slot = requireOffered(slots, req.slotId, req.serviceLanguage, req.mode);
  const earliest = choosableSlots(slots, req.serviceLanguage, req.mode)[0]?.startsAt ?? slot.startsAt;
  const { token, hash } = newManageToken();
  for (let attempt = 0; ; attempt++) {
    const reference = newReference();
    try {
      const row = await db.transaction(async (tx) => {
        const res = await tx.query<BookingRow>(
          `insert into bookings (reference, manage_token_hash, advisor_id, starts_at, ends_at, mode, service_language, client_name, client_phone, client_email,
                                 contact_language, interpreter_language, access_needs, reason, meeting_link, person_key_phone, person_key_email, earliest_offered_at, created_at, updated_at, interpreter_status)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19, $20)
           returning *`,
          [
            reference, hash, slot.advisorId, slot.startsAt, slot.endsAt, req.mode, req.serviceLanguage, req.name, req.phone ?? null, req.email ?? null,
            req.contactLanguage, req.interpreterLanguage ?? null, req.accessNeeds ?? null, req.reason ?? null, meetingLinkFor(req.mode, settings.videoMeetingUrlTemplate),
            personKey(req.name, req.phone), personKey(req.name, req.email), earliest, now, req.interpreterLanguage ? 'needed' : 'not_needed',
          ],
        );
        const booking = res.rows[0]!;
        await enqueueToPerson(tx, 'booking_confirmed', { bookingId: booking.id }, booking, now, { manageToken: token, locale: req.locale });
        return booking;
      });
      return { view: toView(row, now, settings), token, locale: req.locale };
    } catch (err) {
      if (isUnique(err, 'bookings_one_active_per_slot')) {
        throw new ApiError('slot_taken', { status: 409, messageKey: 'errors.slotTaken', details: { nextTimes: await nextTimes(db, now, settings, req.serviceLanguage, req.mode) } });
      }
      if (isUnique(err, 'bookings_one_active_per_person')) throw new ApiError('existing_booking', { status: 409, messageKey: 'errors.existingBooking' });
      if (isUnique(err, 'bookings_reference_key') && attempt < 5) continue;
      throw err;
    }
  }
}

export async function findByToken(q: Queryable, token: string): Promise<BookingRow | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const res = await q.query<BookingRow>('select * from bookings where manage_token_hash = $1', [hashToken(token)]);
  return res.rows[0];
}

function requireChangeable(row: BookingRow | undefined, now: Date, settings: BookingSettings): BookingRow {
  if (!row) throw new ApiError('not_found');
  if (row.status !== 'active') throw new ApiError('booking_not_active', { status: 409, messageKey: 'errors.bookingNotActive' });
  if (!toView(row, now, settings).changeable) throw new ApiError('too_late_to_change', { status: 409, messageKey: 'errors.tooLateToChange' });
  return row;
}

export async function cancelBooking(db: Db, token: string, now: Date, settings: BookingSettings) {
  return db.transaction(async (tx) => {
    const row = requireChangeable(await findByToken(tx, token), now, settings);
    const res = await tx.query<BookingRow>(
      `update bookings set status = 'cancelled', cancelled_at = $2, cancelled_by = 'client', updated_at = $2, ics_sequence = ics_sequence + 1
        where id = $1 and status = 'active' returning *`,
      [row.id, now],
    );
    const updated = res.rows[0];
    if (!updated) throw new ApiError('booking_not_active', { status: 409, messageKey: 'errors.bookingNotActive' });
    await enqueueToPerson(tx, 'booking_cancelled', { bookingId: updated.id }, updated, now);
    return toView(updated, now, settings);
  });
}

export async function changeBooking(db: Db, token: string, slotId: string, now: Date, settings: BookingSettings) {
  const current = requireChangeable(await findByToken(db, token), now, settings);
  const slot = requireOffered(await freeSlots(db, now, settings), slotId, current.service_language, current.mode);
  try {
    return await db.transaction(async (tx) => {
      const res = await tx.query<BookingRow>(
        `update bookings set advisor_id = $2, starts_at = $3, ends_at = $4, updated_at = $5, ics_sequence = ics_sequence + 1, reminder_sent_at = null
          where id = $1 and status = 'active' returning *`,
        [current.id, slot.advisorId, slot.startsAt, slot.endsAt, now],
      );
      const updated = res.rows[0];
      if (!updated) throw new ApiError('booking_not_active', { status: 409, messageKey: 'errors.bookingNotActive' });
      await enqueueToPerson(tx, 'booking_changed', { bookingId: updated.id }, updated, now, { manageToken: token });
      return toView(updated, now, settings);
    });
  } catch (err) {
    if (isUnique(err, 'bookings_one_active_per_slot')) {
      throw new ApiError('slot_taken', { status: 409, messageKey: 'errors.slotTaken', details: { nextTimes: await nextTimes(db, now, settings, current.service_language, current.mode) } });
    }
    throw err;
  }
}

/**
 * "Send me my booking's link": always the same answer, whether or not a booking matched, so the
 * endpoint never tells anyone whether a person has a booking. A new manage token is issued (the
 * old one stops working) because only its hash was kept.
 */
export async function resendManageLink(db: Db, input: { name: string; phone?: string | undefined; email?: string | undefined; locale: string }, now: Date) {
  const keys = [personKey(input.name, input.phone), personKey(input.name, input.email)].filter((k): k is string => !!k);
  await db.transaction(async (tx) => {
    const res = await tx.query<BookingRow>(
      `select * from bookings where status = 'active' and (person_key_phone = any($1) or person_key_email = any($1)) and starts_at > $2 limit 1 for update`,
      [keys, now],
    );
    const row = res.rows[0];
    if (!row) return;
    const { token, hash } = newManageToken();
    await tx.query('update bookings set manage_token_hash = $2, updated_at = $3 where id = $1', [row.id, hash, now]);
    // Only to the contact that was given now and is on record.
    const to = { client_phone: input.phone && input.phone === row.client_phone ? row.client_phone : null, client_email: input.email && input.email === row.client_email ? row.client_email : null, contact_language: row.contact_language };
    await enqueueToPerson(tx, 'booking_manage_link', { bookingId: row.id }, to, now, { manageToken: token, locale: input.locale });
  });
}

export type { BookingRow };
