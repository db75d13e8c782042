/**
 * An admin's answer to a data subject's request (GDPR articles 15 and 17). By a booking, enrolment
 * or request reference: everything under that reference, exported as JSON or erased. By an email
 * address or phone number: first only the candidate records the contact matches (kind, day,
 * initials), so that a family sharing one phone is not exported or erased together; the admin picks
 * which records to export or erase. Erasure: bookings and enrolments folded into statistics and
 * deleted, requests' personal data removed, a queue ticket's text-message number deleted. Every step
 * is written to the audit log with counts only, and every erasure to the erasure journal
 * (server/erasure-journal.ts, record ids only), which is replayed after a restore.
 */
import { forgetTrust } from './holds.ts';
import type { Db, Queryable } from '../db/client.ts';
import { normalizeContact, type PersonCandidate, type PersonSelection } from '../../src/contracts/person.ts';
import { helsinkiDate } from '../../src/domain/calendar.ts';
import { initialsOf } from '../domain/person.ts';
import { appendErasure, readErasures, type ErasureIds } from '../erasure-journal.ts';
import { audit } from './audit.ts';
import { foldAndDeleteBookingsWhere, foldAndDeleteEnrolmentsWhere } from './retention.ts';
import { anonymiseRequestsWhere } from './requests.ts';
import type { StaffUser } from './auth.ts';

/** By one reference, or by the records an admin picked. */
export type PersonLookup = { reference: string } | { records: PersonSelection };

const empty = (): ErasureIds => ({ bookings: [], enrolments: [], requests: [], queueTexts: [] });
const KIND_OF = { booking: 'bookings', enrolment: 'enrolments', request: 'requests', queueText: 'queueTexts' } as const;
const counts = (ids: ErasureIds) => ({
  bookings: ids.bookings.length,
  enrolments: ids.enrolments.length,
  requests: ids.requests.length,
  queueTexts: ids.queueTexts.length,
});

const ids = async (q: Queryable, sql: string, params: unknown[]) =>
  (await q.query<{ id: string }>(sql, params)).rows.map((r) => r.id);

/**
 * The ids of the records a lookup means that are present (and, for requests, still hold personal
 * data). `lock`: inside an erasure, the rows are locked first, so two erasures of the same records
 * (two instances replaying the journal at once) fold each into the statistics once.
 */
async function resolve(q: Queryable, lookup: PersonLookup | ErasureIds, lock = false): Promise<ErasureIds> {
  const forUpdate = lock ? ' for update' : '';
  let wanted: ErasureIds;
  if ('reference' in lookup) {
    const r = [lookup.reference];
    return {
      bookings: await ids(q, `select id from bookings where reference = $1${forUpdate}`, r),
      enrolments: await ids(q, `select id from enrolments where reference = $1${forUpdate}`, r),
      requests: await ids(q, `select id from requests where reference = $1 and personal is not null${forUpdate}`, r),
      queueTexts: [],
    };
  }
  if ('records' in lookup) {
    wanted = empty();
    for (const rec of lookup.records) wanted[KIND_OF[rec.kind]].push(rec.id);
  } else wanted = lookup;
  return {
    bookings: await ids(q, `select id from bookings where id = any($1::uuid[])${forUpdate}`, [wanted.bookings]),
    enrolments: await ids(q, `select id from enrolments where id = any($1::uuid[])${forUpdate}`, [wanted.enrolments]),
    requests: await ids(q, `select id from requests where id = any($1::uuid[]) and personal is not null${forUpdate}`, [
      wanted.requests,
    ]),
    queueTexts: await ids(
      q,
      `select ticket_id as id from queue_ticket_sms where ticket_id = any($1::uuid[])${forUpdate}`,
      [wanted.queueTexts],
    ),
  };
}

/** The records' data, for the export. */
async function fetch(q: Queryable, sel: ErasureIds) {
  const bookings = (
    await q.query(
      `select id, reference, starts_at, ends_at, mode, service_language, status, client_name, client_phone, client_email, contact_language, interpreter_language, access_needs, reason, staff_notes, created_at, cancelled_at
         from bookings where id = any($1::uuid[]) order by starts_at`,
      [sel.bookings],
    )
  ).rows;
  const enrolments = (
    await q.query(
      `select e.id, e.reference, e.status, e.client_name, e.client_phone, e.client_email, e.contact_language, e.consent_version, e.created_at, g.course_slug, g.language as course_language
         from enrolments e join course_groups g on g.id = e.group_id where e.id = any($1::uuid[]) order by e.created_at`,
      [sel.enrolments],
    )
  ).rows;
  const requests = (
    await q.query(
      `select id, kind, reference, status, received_at, contacted_at, closed_at, outcome, org_name, language, categories, consent_version, personal
         from requests where id = any($1::uuid[]) order by received_at`,
      [sel.requests],
    )
  ).rows;
  // A number given for a walk-in ticket's text messages, kept only while the ticket is open.
  const queueTexts = (
    await q.query(
      `select t.id, t.code, t.service_day, s.phone, s.locale, s.created_at
         from queue_ticket_sms s join queue_tickets t on t.id = s.ticket_id where s.ticket_id = any($1::uuid[])`,
      [sel.queueTexts],
    )
  ).rows;
  return { bookings, enrolments, requests, queueTexts };
}

/**
 * The records an email address or phone number matches, each with its kind, day and the initials of
 * its name only (PersonCandidate). Audited as a listing, with counts.
 */
export async function personCandidates(
  db: Db,
  user: StaffUser,
  contact: string,
  now: Date,
): Promise<PersonCandidate[]> {
  const c = normalizeContact(contact);
  const email = c.includes('@') ? c : null;
  const phone = email ? null : c;
  const rows = (
    await db.query<{
      kind: PersonCandidate['kind'];
      id: string;
      reference: string | null;
      at: Date | string;
      name: string | null;
    }>(
      `select 'booking' as kind, id, reference, starts_at as at, client_name as name
         from bookings where client_email = $1 or client_phone = $2
       union all
       select 'enrolment', id, reference, created_at, client_name
         from enrolments where client_email = $1 or client_phone = $2
       union all
       select 'request', id, reference, received_at, coalesce(personal->>'clientName', personal->>'contactName')
         from requests where personal is not null
          and (personal->>'email' = $1 or personal->>'clientEmail' = $1 or personal->>'referrerEmail' = $1
               or personal->>'phone' = $2 or personal->>'clientPhone' = $2 or personal->>'referrerPhone' = $2)
       union all
       select 'queueText', t.id, null, t.created_at, null
         from queue_ticket_sms s join queue_tickets t on t.id = s.ticket_id where s.phone = $2`,
      [email, phone],
    )
  ).rows;
  const candidates = rows
    .map((r) => ({
      kind: r.kind,
      id: r.id,
      reference: r.reference,
      date: helsinkiDate(new Date(r.at)),
      initials: initialsOf(r.name),
    }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind));
  const byKind = (k: PersonCandidate['kind']) => candidates.filter((x) => x.kind === k).length;
  await audit(db, now, user, 'list', 'person', null, {
    candidates: true,
    bookings: byKind('booking'),
    enrolments: byKind('enrolment'),
    requests: byKind('request'),
    queueTexts: byKind('queueText'),
  });
  return candidates;
}

export async function exportPerson(db: Db, user: StaffUser, lookup: PersonLookup, now: Date) {
  const found = await fetch(db, await resolve(db, lookup));
  await audit(db, now, user, 'export', 'person', null, {
    bookings: found.bookings.length,
    enrolments: found.enrolments.length,
    requests: found.requests.length,
    queueTexts: found.queueTexts.length,
  });
  return { exportedAt: now.toISOString(), ...found };
}

/** Erases the records `sel` names (locked and present); returns the ids erased. */
async function eraseIds(tx: Queryable, sel: ErasureIds, now: Date): Promise<ErasureIds> {
  const present = await resolve(tx, sel, true);
  // A confirmed contact's trust (README "Security"): the next booking from it asks for a code again.
  const contacts = await tx.query<{ phone: string | null; email: string | null }>(
    `select client_phone as phone, client_email as email from bookings where id = any($1::uuid[])
     union select client_phone, client_email from enrolments where id = any($2::uuid[])`,
    [present.bookings, present.enrolments],
  );
  for (const contact of contacts.rows) await forgetTrust(tx, contact);
  // Folded into the statistics first, as retention does.
  await foldAndDeleteBookingsWhere(tx, 'id = any($1::uuid[])', [present.bookings]);
  await foldAndDeleteEnrolmentsWhere(tx, 'id = any($1::uuid[])', [present.enrolments]);
  await anonymiseRequestsWhere(tx, now, 'id = any($2::uuid[])', [present.requests]);
  await tx.query('delete from queue_ticket_sms where ticket_id = any($1::uuid[])', [present.queueTexts]);
  return present;
}

/**
 * Erases one reference's records or the picked ones. The erasure journal gets its ids before the
 * transaction commits: if the line cannot be written, nothing is erased.
 */
export async function erasePerson(db: Db, user: StaffUser, lookup: PersonLookup, now: Date, journalDir: string) {
  return db.transaction(async (tx) => {
    const erased = await eraseIds(tx, await resolve(tx, lookup), now);
    const n = counts(erased);
    await audit(tx, now, user, 'delete', 'person', null, { ...n, erasure: true });
    if (Object.values(n).some(Boolean)) appendErasure(journalDir, erased, now);
    return n;
  });
}

/**
 * After a restore, and at every start: every record the erasure journal names that is present again
 * is erased again, the same way; audited with counts when anything was. Idempotent.
 */
export async function replayErasureJournal(db: Db, journalDir: string, now: Date) {
  const journal = readErasures(journalDir);
  if (!Object.values(journal).some((l) => l.length)) return counts(empty());
  return db.transaction(async (tx) => {
    const n = counts(await eraseIds(tx, journal, now));
    if (Object.values(n).some(Boolean))
      await audit(tx, now, null, 'delete', 'person', null, { ...n, erasure: true, replay: true });
    return n;
  });
}
