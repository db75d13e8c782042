/**
 * The workspace's booking operations. Advisors see and change their own bookings; coordinators
 * and admins everyone's. Every view and change of a booking is written to the audit log in the
 * same transaction as the change itself. Cancel, attended, no-show and move are steps of the one
 * booking lifecycle (booking-lifecycle.ts) with the staff's access.
 */
import type { Db, Queryable } from '../db/client.ts';
import { DomainError } from '../domain/errors.ts';
import type { SlotRules } from '../domain/slots.ts';
import { audit } from './audit.ts';
import { ROLE_RANK, type StaffUser } from './auth.ts';
import { attend, cancel, move, type BookingAccess, type BookingRow } from './booking-lifecycle.ts';
import type { FreeTimesCache } from './free-times-cache.ts';

/** A booking with its advisor's name, as the workspace reads it. */
export type StaffBookingRow = BookingRow & { advisor_name: string };

const seesAll = (u: Pick<StaffUser, 'role'>) => ROLE_RANK[u.role] >= ROLE_RANK.coordinator;

export interface BookingFilter {
  from?: string | undefined;
  to?: string | undefined;
  language?: string | undefined;
  mode?: string | undefined;
  status?: string | undefined;
  advisor?: string | undefined;
}

export async function listBookings(db: Db, user: StaffUser, f: BookingFilter, now: Date) {
  const advisor = seesAll(user) ? (f.advisor ?? null) : user.id;
  return db.transaction(async (tx) => {
    const res = await tx.query<StaffBookingRow>(
      `select b.id, b.reference, b.advisor_id, s.display_name as advisor_name, b.starts_at, b.ends_at, b.mode, b.service_language,
              -- A public booking not confirmed yet shows until when it is held; past it, as expired (README "Security").
              case when b.status = 'active' and b.hold_until <= $7 then 'expired' else b.status end as status,
              case when b.status = 'active' and b.hold_until > $7 then b.hold_until end as hold_until,
              b.client_name, b.contact_language, b.interpreter_language, b.interpreter_status, b.created_at
         from bookings b join staff_users s on s.id = b.advisor_id
        where ($1::uuid is null or b.advisor_id = $1)
          and ($2::date is null or b.starts_at >= ($2::date::timestamp at time zone 'Europe/Helsinki'))
          and ($3::date is null or b.starts_at < (($3::date + 1)::timestamp at time zone 'Europe/Helsinki'))
          and ($4::text is null or b.service_language = $4) and ($5::text is null or b.mode = $5) and ($6::text is null or b.status = $6)
        order by b.starts_at limit 500`,
      [advisor, f.from ?? null, f.to ?? null, f.language ?? null, f.mode ?? null, f.status ?? null, now],
    );
    // A list shows clients' names: one audit row naming every record shown.
    await audit(tx, now, user, 'list', 'booking', null, { references: res.rows.map((r) => r.reference), filter: f });
    return res.rows;
  });
}

/**
 * A fingerprint of the bookings this person may see (how many, and the latest change), with no
 * personal data, so the workspace can poll it every few seconds and load (and audit) the list
 * only when something changed.
 */
export async function bookingsVersion(db: Db, user: StaffUser): Promise<string> {
  const res = await db.query<{ n: number; latest: Date | null }>(
    `select count(*)::int as n, max(updated_at) as latest from bookings where ($1::uuid is null or advisor_id = $1)`,
    [seesAll(user) ? null : user.id],
  );
  const row = res.rows[0]!;
  return `${row.n}:${row.latest ? new Date(row.latest).getTime() : 0}`;
}

/**
 * What staff see of a booking: named columns, never the hashes kept with it (the manage link's,
 * the hold code's and link's, the person keys), which would let a short code or a phone number be
 * guessed back from them.
 */
const STAFF_COLUMNS = [
  'id',
  'reference',
  'advisor_id',
  'starts_at',
  'ends_at',
  'mode',
  'service_language',
  'status',
  'client_name',
  'client_phone',
  'client_email',
  'contact_language',
  'interpreter_language',
  'interpreter_status',
  'access_needs',
  'reason',
  'meeting_link',
  'staff_notes',
  'ics_sequence',
  'created_at',
  'updated_at',
  'cancelled_at',
  'cancelled_by',
  'hold_until',
]
  .map((c) => `b.${c}`)
  .join(', ');

async function ownBooking(q: Queryable, user: StaffUser, id: string, forUpdate = false): Promise<StaffBookingRow> {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new DomainError('not_found');
  const res = await q.query<StaffBookingRow>(
    `select ${STAFF_COLUMNS}, s.display_name as advisor_name from bookings b join staff_users s on s.id = b.advisor_id where b.id = $1 ${forUpdate ? 'for update of b' : ''}`,
    [id],
  );
  const row = res.rows[0];
  if (!row) throw new DomainError('not_found');
  if (!seesAll(user) && row.advisor_id !== user.id) throw new DomainError('not_yours');
  return row;
}

export async function bookingDetail(db: Db, user: StaffUser, id: string, now: Date) {
  return db.transaction(async (tx) => {
    const row = await ownBooking(tx, user, id);
    await audit(tx, now, user, 'view', 'booking', row.reference);
    return row;
  });
}

const auditChange = (tx: Queryable, now: Date, user: StaffUser, reference: string, field: string) =>
  audit(tx, now, user, 'change', 'booking', reference, { field });

/** The staff's access to the lifecycle: their own bookings (or everyone's), locked, each change audited. */
const staffAccess = (user: StaffUser, id: string, now: Date): BookingAccess => ({
  by: 'staff',
  find: (q) => ownBooking(q, user, id, true),
  record: (tx, booking, field) => auditChange(tx, now, user, booking.reference, field),
});

async function change(
  db: Db,
  user: StaffUser,
  id: string,
  what: string,
  now: Date,
  apply: (tx: Queryable, row: StaffBookingRow) => Promise<void>,
) {
  return db.transaction(async (tx) => {
    const row = await ownBooking(tx, user, id, true);
    await apply(tx, row);
    await auditChange(tx, now, user, row.reference, what);
    return ownBooking(tx, user, id);
  });
}

/** Attended, no-show, or cancelled by IHL (the client is told, with the calendar cancellation). */
export async function setBookingStatus(
  db: Db,
  user: StaffUser,
  id: string,
  status: 'attended' | 'no_show' | 'cancelled',
  now: Date,
  freeTimes: FreeTimesCache,
) {
  const access = staffAccess(user, id, now);
  await (status === 'cancelled' ? cancel(db, access, now, freeTimes) : attend(db, access, status, now));
  return ownBooking(db, user, id);
}

export const setInterpreterStatus = (db: Db, user: StaffUser, id: string, status: string, now: Date) =>
  change(db, user, id, 'interpreter_status', now, async (tx) => {
    await tx.query('update bookings set interpreter_status = $2, updated_at = $3 where id = $1', [id, status, now]);
  });

export const setNotes = (db: Db, user: StaffUser, id: string, notes: string, now: Date) =>
  change(db, user, id, 'staff_notes', now, async (tx) => {
    await tx.query('update bookings set staff_notes = $2, updated_at = $3 where id = $1', [id, notes || null, now]);
  });

export const setMeetingLink = (db: Db, user: StaffUser, id: string, url: string, now: Date) =>
  change(db, user, id, 'meeting_link', now, async (tx) => {
    await tx.query('update bookings set meeting_link = $2, updated_at = $3 where id = $1', [id, url, now]);
  });

/**
 * Staff move a booking to another free time (for example when the advisor will be away). The
 * client is told with a fresh manage link: only the old link's hash was kept, so a new one is
 * issued and the old one stops working.
 */
export async function moveBooking(
  db: Db,
  user: StaffUser,
  id: string,
  slotId: string,
  now: Date,
  rules: SlotRules,
  freeTimes: FreeTimesCache,
) {
  await move(db, staffAccess(user, id, now), slotId, now, rules, 'renew', freeTimes);
  return ownBooking(db, user, id);
}

/** Free times a booking could move to: same language and mode, any advisor. */
export async function moveOptions(db: Db, user: StaffUser, id: string, now: Date, freeTimes: FreeTimesCache) {
  const current = await ownBooking(db, user, id);
  return (await freeTimes.answer(current.service_language, current.mode, now)).slots
    .slice(0, 30)
    .map((s) => ({ slotId: s.id, start: s.startsAt.toISOString() }));
}

/** Messages that could not be sent, for staff to reach the client another way. References only. */
export async function failedMessages(db: Db, user: StaffUser) {
  const res = await db.query<{
    id: number;
    kind: string;
    channel: string;
    attempts: number;
    last_error: string;
    reference: string;
    starts_at: Date;
  }>(
    `select o.id, o.kind, o.channel, o.attempts, o.last_error, b.reference, b.starts_at from outbox o join bookings b on b.id = o.booking_id
      where o.status = 'failed' and ($1::uuid is null or b.advisor_id = $1) order by o.id desc limit 200`,
    [seesAll(user) ? null : user.id],
  );
  return res.rows;
}
