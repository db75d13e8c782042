/**
 * The inbox of referrals and employer requests: created from the public forms and the partner
 * API, worked by advisors (assign, contacted, closed with an outcome), with the first-contact
 * deadline in working days and the employer follow-up task 3 weeks after the contact.
 *
 * Personal data sits in one column (`personal`) so that retention can remove it in one step; the
 * facts the reports need (kind, language, categories, organisation, sector, dates, outcome) stay.
 * Advisors see a request's personal data when it is theirs or nobody's yet; coordinators and
 * admins see all. Every view of personal data is written to the audit log.
 */
import { enqueueMessage } from './outbox.ts';
import type { Db, Queryable } from '../db/client.ts';
import { uniqueViolation } from '../db/errors.ts';
import { DomainError } from '../domain/errors.ts';
import { newReference } from '../domain/person.ts';
import { firstContactDue, followUpDue } from '../domain/request-deadlines.ts';
import { daysLater } from '../../src/domain/calendar.ts';
import { audit } from './audit.ts';
import { ROLE_RANK, type StaffUser } from './auth.ts';
import type {
  EmployerRequest,
  Outcome,
  PartnerReferral,
  ReferralForm,
  RequestKind,
  RequestStatus,
} from '../../src/contracts/requests.ts';
import type { InboxDetail, InboxItem } from '../../src/contracts/staff-responses.ts';

interface RequestRow {
  id: string;
  kind: RequestKind;
  reference: string;
  source: 'form' | 'api';
  status: RequestStatus;
  assigned_to: string | null;
  assignee_name: string | null;
  received_at: Date;
  due_at: Date;
  contacted_at: Date | null;
  closed_at: Date | null;
  outcome: Outcome | null;
  language: string | null;
  categories: string[];
  org_kind: string | null;
  org_name: string | null;
  sector: string | null;
  positions: number | null;
  interpreter_needed: boolean | null;
  consent_version: string | null;
  locale: string;
  personal: Record<string, unknown> | null;
  anonymised_at: Date | null;
  task_id: string | null;
  task_due_at: Date | null;
  task_done_at: Date | null;
}

const SELECT = `select r.*, u.display_name as assignee_name, t.id as task_id, t.due_at as task_due_at, t.done_at as task_done_at
  from requests r left join staff_users u on u.id = r.assigned_to left join request_tasks t on t.request_id = r.id and t.kind = 'follow_up'`;

async function insertRequest(tx: Queryable, row: Record<string, unknown>): Promise<{ id: string; reference: string }> {
  // References are random; on the rare collision, draw again.
  for (let attempt = 0; ; attempt++) {
    const reference = newReference();
    const cols = Object.keys(row);
    try {
      const res = await tx.query<{ id: string }>(
        `insert into requests (reference, ${cols.join(', ')}) values ($1, ${cols.map((_, i) => `$${i + 2}`).join(', ')}) returning id`,
        [reference, ...cols.map((c) => row[c])],
      );
      return { id: res.rows[0]!.id, reference };
    } catch (err) {
      if (!uniqueViolation(err, 'requests_reference_key') || attempt > 3) throw err;
    }
  }
}

export interface Received {
  reference: string;
  dueDate: string;
  id: string;
}

export async function createEmployerRequest(db: Db, input: EmployerRequest, now: Date): Promise<Received> {
  const due = firstContactDue(now);
  return db.transaction(async (tx) => {
    const created = await insertRequest(tx, {
      kind: 'employer',
      source: 'form',
      received_at: now,
      due_at: due.at,
      categories: input.needs,
      org_name: input.company,
      sector: input.sector,
      positions: input.positions ?? null,
      language: input.languages[0] ?? null,
      locale: input.locale,
      personal: JSON.stringify({
        businessId: input.businessId,
        contactName: input.contactName,
        email: input.email,
        phone: input.phone ?? null,
        languages: input.languages,
        message: input.message ?? null,
      }),
    });
    await audit(tx, now, null, 'create', 'request', created.id, { kind: 'employer' });
    await enqueueMessage(
      tx,
      { kind: 'employer_request_received', subject: { requestId: created.id }, channel: 'email', locale: input.locale },
      now,
    );
    return { ...created, dueDate: due.date };
  });
}

export async function createReferral(
  db: Db,
  input: PartnerReferral | ReferralForm,
  from: { source: 'form' | 'api'; partnerId: string | null; orgKind: string; orgName: string },
  now: Date,
): Promise<Received> {
  const due = firstContactDue(now);
  return db.transaction(async (tx) => {
    const created = await insertRequest(tx, {
      kind: 'referral',
      source: from.source,
      partner_id: from.partnerId,
      received_at: now,
      due_at: due.at,
      categories: input.reasons,
      org_kind: from.orgKind,
      org_name: from.orgName,
      language: input.clientLanguage,
      interpreter_needed: input.interpreterNeeded,
      consent_version: input.consentVersion,
      locale: 'locale' in input ? input.locale : 'fi',
      personal: JSON.stringify({
        referrerName: input.referrerName,
        referrerEmail: input.referrerEmail,
        referrerPhone: input.referrerPhone ?? null,
        clientName: input.clientName,
        clientPhone: input.clientPhone ?? null,
        clientEmail: input.clientEmail ?? null,
        note: input.note ?? null,
      }),
    });
    await audit(tx, now, null, 'create', 'request', created.id, { kind: 'referral', source: from.source });
    return { ...created, dueDate: due.date };
  });
}

function toItem(r: RequestRow, now: Date): InboxItem {
  const open = r.status !== 'closed' && r.status !== 'contacted';
  return {
    id: r.id,
    kind: r.kind,
    reference: r.reference,
    status: r.status,
    from: r.org_name ?? '',
    receivedAt: new Date(r.received_at).toISOString(),
    dueAt: new Date(r.due_at).toISOString(),
    overdue: open && now > new Date(r.due_at),
    contactedAt: r.contacted_at ? new Date(r.contacted_at).toISOString() : null,
    outcome: r.outcome,
    assignedTo: r.assigned_to ? { id: r.assigned_to, name: r.assignee_name ?? '' } : null,
    followUp: r.task_id
      ? {
          id: r.task_id,
          dueAt: new Date(r.task_due_at!).toISOString(),
          doneAt: r.task_done_at ? new Date(r.task_done_at).toISOString() : null,
          overdue: !r.task_done_at && now > new Date(r.task_due_at!),
        }
      : null,
    anonymised: !!r.anonymised_at,
  };
}

/** The list holds no personal data (the company or partner unit is an organisation's name). */
export async function listInbox(
  q: Queryable,
  filter: { status?: 'open' | 'closed' | 'all' | undefined; kind?: RequestKind | 'all' | undefined },
  now: Date,
): Promise<InboxItem[]> {
  const status = filter.status ?? 'open';
  const kind = filter.kind ?? 'all';
  const res = await q.query<RequestRow>(
    `${SELECT} where ($1 = 'all' or ($1 = 'open') = (r.status <> 'closed')) and ($2 = 'all' or r.kind = $2)
      order by (r.status = 'closed'), r.due_at limit 500`,
    [status, kind],
  );
  return res.rows.map((r) => toItem(r, now));
}

async function requestFor(q: Queryable, user: StaffUser, id: string, lock = false): Promise<RequestRow> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) throw new DomainError('not_found');
  const row = (await q.query<RequestRow>(`${SELECT} where r.id = $1${lock ? ' for update of r' : ''}`, [id])).rows[0];
  if (!row) throw new DomainError('not_found');
  const mayAct =
    ROLE_RANK[user.role] >= ROLE_RANK.coordinator || row.assigned_to === null || row.assigned_to === user.id;
  if (!mayAct) throw new DomainError('forbidden');
  return row;
}

export async function inboxDetail(db: Db, user: StaffUser, id: string, now: Date): Promise<InboxDetail> {
  const r = await requestFor(db, user, id);
  if (r.personal) await audit(db, now, user, 'view', 'request', r.id, {});
  return {
    ...toItem(r, now),
    language: r.language,
    categories: r.categories,
    sector: r.sector,
    positions: r.positions,
    orgKind: r.org_kind,
    interpreterNeeded: r.interpreter_needed,
    consentVersion: r.consent_version,
    personal: r.personal,
  };
}

export async function assignToMe(db: Db, user: StaffUser, id: string, now: Date) {
  await db.transaction(async (tx) => {
    const r = await requestFor(tx, user, id, true);
    if (r.status === 'closed') throw new DomainError('conflict');
    await tx.query(
      `update requests set assigned_to = $2, status = case when status = 'new' then 'assigned' else status end where id = $1`,
      [id, user.id],
    );
    await audit(tx, now, user, 'change', 'request', id, { assigned: true });
  });
}

export async function markContacted(db: Db, user: StaffUser, id: string, now: Date) {
  await db.transaction(async (tx) => {
    const r = await requestFor(tx, user, id, true);
    if (r.status === 'closed' || r.status === 'contacted') throw new DomainError('conflict');
    await tx.query(
      `update requests set status = 'contacted', contacted_at = $2, assigned_to = coalesce(assigned_to, $3) where id = $1`,
      [id, now, user.id],
    );
    if (r.kind === 'employer') {
      await tx.query(
        `insert into request_tasks (request_id, kind, due_at) values ($1, 'follow_up', $2) on conflict do nothing`,
        [id, followUpDue(now)],
      );
    }
    await audit(tx, now, user, 'change', 'request', id, { status: 'contacted' });
  });
}

export async function closeRequest(db: Db, user: StaffUser, id: string, outcome: Outcome, now: Date) {
  await db.transaction(async (tx) => {
    const r = await requestFor(tx, user, id, true);
    if (r.status === 'closed') throw new DomainError('conflict');
    await tx.query(
      `update requests set status = 'closed', outcome = $2, closed_at = $3, assigned_to = coalesce(assigned_to, $4) where id = $1`,
      [id, outcome, now, user.id],
    );
    await audit(tx, now, user, 'change', 'request', id, { status: 'closed', outcome });
  });
}

export async function completeTask(db: Db, user: StaffUser, taskId: string, now: Date) {
  await db.transaction(async (tx) => {
    if (!/^[0-9a-f-]{36}$/.test(taskId)) throw new DomainError('not_found');
    const task = (
      await tx.query<{ request_id: string; done_at: Date | null }>(
        'select request_id, done_at from request_tasks where id = $1 for update',
        [taskId],
      )
    ).rows[0];
    if (!task) throw new DomainError('not_found');
    await requestFor(tx, user, task.request_id);
    if (task.done_at) throw new DomainError('conflict');
    await tx.query('update request_tasks set done_at = $2, done_by = $3 where id = $1', [taskId, now, user.id]);
    await audit(tx, now, user, 'change', 'request', task.request_id, { followUp: 'done' });
  });
}

/**
 * Retention: the personal data of requests closed more than `days` ago is removed (the facts
 * for the reports stay), with their unsent messages. Run by the worker; returns how many.
 */
export async function anonymiseClosedRequests(db: Db, now: Date, days: number): Promise<number> {
  return db.transaction(async (tx) => {
    const ids = await anonymiseRequestsWhere(tx, now, `status = 'closed' and closed_at < $2`, [daysLater(now, -days)]);
    for (const id of ids) await audit(tx, now, null, 'anonymise', 'request', id, {});
    return ids.length;
  });
}

/**
 * A request never closed, whose last activity (received, contacted, a follow-up done) was more than
 * `days` ago: its personal data goes as a closed one's does; it stays open in the inbox with its facts.
 */
const OPEN_REQUEST_LAST_ACTIVITY = `greatest(received_at, contacted_at,
  (select max(t.done_at) from request_tasks t where t.request_id = requests.id))`;

/** Retention of requests never closed (see OPEN_REQUEST_LAST_ACTIVITY); audited once per run with the count. */
export async function anonymiseOpenRequests(db: Db, now: Date, days: number): Promise<number> {
  return db.transaction(async (tx) => {
    const where = `status <> 'closed' and ${OPEN_REQUEST_LAST_ACTIVITY} < $2`;
    const ids = await anonymiseRequestsWhere(tx, now, where, [daysLater(now, -days)]);
    if (ids.length)
      await audit(tx, now, null, 'anonymise', 'request', null, { retention: true, open: true, count: ids.length });
    return ids.length;
  });
}

/**
 * Removes the personal data of the requests matching `where` (SQL over requests; $1 is `now`, the
 * caller's parameters follow) with their unsent messages; returns their ids. Also used by a person's erasure.
 */
export async function anonymiseRequestsWhere(
  tx: Queryable,
  now: Date,
  where: string,
  params: unknown[],
): Promise<string[]> {
  const res = await tx.query<{ id: string }>(
    `update requests set personal = null, anonymised_at = $1 where anonymised_at is null and (${where}) returning id`,
    [now, ...params],
  );
  const ids = res.rows.map((r) => r.id);
  if (ids.length) await tx.query(`delete from outbox where request_id = any($1) and status <> 'sent'`, [ids]);
  return ids;
}
