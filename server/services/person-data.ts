/**
 * An admin's answer to a data subject's request (GDPR articles 15 and 17): everything the portal
 * holds on one person, found by a booking, enrolment or request reference or by an email address
 * or phone number; exported as JSON, or erased (bookings and enrolments folded into statistics and
 * deleted, requests' personal data removed). Both are written to the audit log with counts only.
 */
import { forgetTrust } from './holds.ts';
import type { Db, Queryable } from '../db/client.ts';
import { normalizeContact } from '../../src/contracts/person.ts';
import { audit } from './audit.ts';
import { foldAndDeleteBookingsWhere, foldAndDeleteEnrolmentsWhere } from './retention.ts';
import type { StaffUser } from './auth.ts';

interface Lookup {
  reference?: string | undefined;
  contact?: string | undefined;
}

function terms(l: Lookup): { ref: string | null; email: string | null; phone: string | null } {
  const contact = l.contact ? normalizeContact(l.contact) : null;
  return {
    ref: l.reference || null,
    email: contact?.includes('@') ? contact : null,
    phone: contact && !contact.includes('@') ? contact : null,
  };
}

// One person's rows: by reference ($1), email ($2) or phone ($3).
const BOOKING_MATCH = 'reference = $1 or client_email = $2 or client_phone = $3';
const ENROLMENT_MATCH = 'reference = $1 or client_email = $2 or client_phone = $3';
const BOOKINGS = `from bookings where ${BOOKING_MATCH}`;
const ENROLMENTS = `from enrolments where ${ENROLMENT_MATCH}`;
const REQUESTS = `from requests where personal is not null and (reference = $1
  or personal->>'email' = $2 or personal->>'clientEmail' = $2 or personal->>'referrerEmail' = $2
  or personal->>'phone' = $3 or personal->>'clientPhone' = $3 or personal->>'referrerPhone' = $3)`;

async function find(q: Queryable, l: Lookup) {
  const t = terms(l);
  const params = [t.ref, t.email, t.phone];
  const bookings = (
    await q.query(
      `select id, reference, starts_at, ends_at, mode, service_language, status, client_name, client_phone, client_email, contact_language, interpreter_language, access_needs, reason, staff_notes, created_at, cancelled_at ${BOOKINGS}`,
      params,
    )
  ).rows;
  const enrolments = (
    await q.query(
      `select e.id, e.reference, e.status, e.client_name, e.client_phone, e.client_email, e.contact_language, e.consent_version, e.created_at, g.course_slug, g.language as course_language from enrolments e join course_groups g on g.id = e.group_id where e.id in (select id ${ENROLMENTS})`,
      params,
    )
  ).rows;
  const requests = (
    await q.query(
      `select id, kind, reference, status, received_at, contacted_at, closed_at, outcome, org_name, language, categories, consent_version, personal ${REQUESTS}`,
      params,
    )
  ).rows;
  // A number given for a walk-in ticket's text messages, kept only while the ticket is open.
  const queueTexts = (
    await q.query(
      'select t.code, t.service_day, s.phone, s.locale, s.created_at from queue_ticket_sms s join queue_tickets t on t.id = s.ticket_id where s.phone = $1',
      [t.phone],
    )
  ).rows;
  return { bookings, enrolments, requests, queueTexts };
}

export async function exportPerson(db: Db, user: StaffUser, lookup: Lookup, now: Date) {
  const found = await find(db, lookup);
  await audit(db, now, user, 'export', 'person', null, {
    bookings: found.bookings.length,
    enrolments: found.enrolments.length,
    requests: found.requests.length,
    queueTexts: found.queueTexts.length,
  });
  return { exportedAt: now.toISOString(), ...found };
}

export async function erasePerson(db: Db, user: StaffUser, lookup: Lookup, now: Date) {
  const t = terms(lookup);
  const params = [t.ref, t.email, t.phone];
  return db.transaction(async (tx) => {
    // Folded into the statistics first, as retention does.
    const bookings = await foldAndDeleteBookingsWhere(tx, BOOKING_MATCH, params);
    const enrolments = await foldAndDeleteEnrolmentsWhere(tx, ENROLMENT_MATCH, params);
    const requests = (
      await tx.query(`update requests set personal = null, anonymised_at = $4 where id in (select id ${REQUESTS})`, [
        ...params,
        now,
      ])
    ).rowCount;
    const queueTexts = (await tx.query('delete from queue_ticket_sms where phone = $1', [t.phone])).rowCount;
    // A confirmed contact's trust (README "Security"): the next booking asks for a code again.
    await forgetTrust(tx, t);
    await audit(tx, now, user, 'delete', 'person', null, { bookings, enrolments, requests, queueTexts, erasure: true });
    return { bookings, enrolments, requests, queueTexts };
  });
}
