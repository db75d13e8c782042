/**
 * The managers' reports, computed with SQL aggregates over the live tables and the statistical
 * rows that retention leaves behind (booking_facts, enrolment_facts; requests keep their facts
 * when anonymised, queue tickets and feedback hold no personal data). Every table goes through the
 * disclosure rule of server/domain/disclosure.ts (each definition says how its counts relate)
 * before it leaves this module, so the page, the chart and the CSV show exactly the same cells.
 * Months are Helsinki months; totals over the period are per quarter (the period is whole
 * quarters: src/contracts/reports.ts).
 *
 * Definitions (also in the README):
 * - assessments: by the appointment's month and service language; booked = not cancelled.
 * - days to the first free time: when a booking was made, the days from that moment to the
 *   earliest time then offered; by the month the booking was made.
 * - walk-in: served visits by quarter, language and topic; wait = from taking the number to the first call.
 * - orientation: groups (not cancelled) whose first session is in the period, by language:
 *   seats offered, seats filled, and participants present at one session at least.
 * - referrals: by partner kind and channel; contacted within 3 working days = by the due date.
 * - employers: by month received; answered within 3 working days; follow-ups done.
 * - satisfaction: answers by context, the mean score and each score's count.
 * - workload: services per advisor-month (see `workload` below).
 */
import type { Db, Queryable } from '../db/client.ts';
import { stat, type Cell } from '../domain/report-privacy.ts';
import { protectRow, type RowShape } from '../domain/disclosure.ts';
import { addMonths } from '../../src/domain/calendar.ts';
import type { AdvisorWorkload } from '../../src/contracts/staff-responses.ts';

export type ColumnKind = 'month' | 'quarter' | 'language' | 'topic' | 'text' | 'count' | 'number' | 'percent';

/** How a table's counts relate, by column key: what a reader can combine (server/domain/disclosure.ts). */
export interface TableRelations {
  sums?: { total: string; parts: string[]; exact: boolean }[];
  shares?: { column: string; part: string; whole: string }[];
  means?: { column: string; n: string; scores: { column: string; value: number }[] }[];
}
export interface TableDefinition {
  id: string;
  columns: { key: string; kind: ColumnKind }[];
  /** The column the chart draws, and the columns that name a bar. */
  chart: { value: string; label: string[] };
  relations: TableRelations;
  /** Medians and percentiles: the size of the group they describe (a field of the query's row),
   * and the count column that must be shown for them to be. */
  stats?: Record<string, { n: string; count: string }>;
}
export interface ReportTable extends TableDefinition {
  rows: Cell[][];
}

export interface Period {
  from: string;
  to: string;
}

/** `YYYY-MM` to the first day of that month, and of the month after `to`. */
function bounds(p: Period): [string, string] {
  return [`${p.from}-01`, `${addMonths(p.to, 1)}-01`];
}

const MONTH = (col: string) => `date_trunc('month', ${col} at time zone 'Europe/Helsinki')::date`;
const QUARTER = (col: string) => `to_char(${col} at time zone 'Europe/Helsinki', 'YYYY-"Q"Q')`;
/** A timestamp column within [$1, $2), the period's Helsinki month bounds; uses the column's index. */
const IN_PERIOD = (col: string) =>
  `${col} >= ($1::date::timestamp at time zone 'Europe/Helsinki') and ${col} < ($2::date::timestamp at time zone 'Europe/Helsinki')`;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const counts = (...keys: string[]) => keys.map((key) => ({ key, kind: 'count' as const }));

/** A definition's relations over the indexes of its count columns. */
export function rowShape(def: TableDefinition): { keys: string[]; shape: RowShape } {
  const keys = def.columns.filter((c) => c.kind === 'count').map((c) => c.key);
  const at = (k: string) => keys.indexOf(k);
  const r = def.relations;
  return {
    keys,
    shape: {
      sums: r.sums?.map((s) => ({ total: at(s.total), parts: s.parts.map(at), exact: s.exact })),
      shares: r.shares?.map((s) => ({ part: at(s.part), whole: at(s.whole) })),
      means: r.means?.map((m) => ({
        n: at(m.n),
        scores: m.scores.map((s) => ({ count: at(s.column), value: s.value })),
      })),
    },
  };
}

/** The query's rows (fields named as the columns) through the disclosure rule, as cells. */
export function publish(def: TableDefinition, raw: Record<string, unknown>[]): ReportTable {
  const { keys, shape } = rowShape(def);
  const shares = def.relations.shares ?? [];
  const means = def.relations.means ?? [];
  const rows = raw.map((r) => {
    const p = protectRow(
      keys.map((k) => Number(r[k])),
      shape,
    );
    return def.columns.map((c): Cell => {
      if (c.kind === 'count') return p.counts[keys.indexOf(c.key)]!;
      const share = shares.findIndex((s) => s.column === c.key);
      if (share >= 0) return p.shares[share]!;
      const mean = means.findIndex((m) => m.column === c.key);
      if (mean >= 0) return p.means[mean]!;
      const st = def.stats?.[c.key];
      if (st) return typeof p.counts[keys.indexOf(st.count)] === 'number' ? stat(num(r[c.key]), Number(r[st.n])) : null;
      return (r[c.key] ?? null) as Cell;
    });
  });
  return { ...def, rows };
}

export const DEFINITIONS = {
  assessments: {
    id: 'assessments',
    columns: [
      { key: 'month', kind: 'month' },
      { key: 'language', kind: 'language' },
      ...counts('booked', 'held', 'noShow'),
    ],
    chart: { value: 'booked', label: ['month', 'language'] },
    // Booked also counts appointments not yet marked: held and no-shows are at most it.
    relations: { sums: [{ total: 'booked', parts: ['held', 'noShow'], exact: false }] },
  },
  daysToFirstFree: {
    id: 'daysToFirstFree',
    columns: [
      { key: 'month', kind: 'month' },
      ...counts('bookings'),
      { key: 'medianDays', kind: 'number' },
      { key: 'p90Days', kind: 'number' },
    ],
    chart: { value: 'medianDays', label: ['month'] },
    relations: {},
    stats: { medianDays: { n: 'bookings', count: 'bookings' }, p90Days: { n: 'bookings', count: 'bookings' } },
  },
  walkIn: {
    id: 'walkIn',
    columns: [
      { key: 'quarter', kind: 'quarter' },
      { key: 'language', kind: 'language' },
      { key: 'topic', kind: 'topic' },
      ...counts('visits'),
      { key: 'medianWaitMinutes', kind: 'number' },
      { key: 'p90WaitMinutes', kind: 'number' },
    ],
    chart: { value: 'visits', label: ['quarter', 'language', 'topic'] },
    relations: {},
    stats: {
      medianWaitMinutes: { n: 'waited', count: 'visits' },
      p90WaitMinutes: { n: 'waited', count: 'visits' },
    },
  },
  orientation: {
    id: 'orientation',
    columns: [
      { key: 'quarter', kind: 'quarter' },
      { key: 'language', kind: 'language' },
      ...counts('seatsOffered', 'seatsFilled', 'attended'),
    ],
    chart: { value: 'seatsFilled', label: ['quarter', 'language'] },
    relations: {
      sums: [
        { total: 'seatsOffered', parts: ['seatsFilled'], exact: false },
        { total: 'seatsFilled', parts: ['attended'], exact: false },
      ],
    },
  },
  referrals: {
    id: 'referrals',
    columns: [
      { key: 'quarter', kind: 'quarter' },
      { key: 'source', kind: 'text' },
      { key: 'channel', kind: 'text' },
      ...counts('received', 'contactedInTime'),
      { key: 'contactedInTimeShare', kind: 'percent' },
    ],
    chart: { value: 'received', label: ['quarter', 'source', 'channel'] },
    relations: {
      sums: [{ total: 'received', parts: ['contactedInTime'], exact: false }],
      shares: [{ column: 'contactedInTimeShare', part: 'contactedInTime', whole: 'received' }],
    },
  },
  employers: {
    id: 'employers',
    columns: [
      { key: 'month', kind: 'month' },
      ...counts('received', 'answeredInTime'),
      { key: 'answeredInTimeShare', kind: 'percent' },
      ...counts('followedUp'),
    ],
    chart: { value: 'received', label: ['month'] },
    relations: {
      sums: [
        { total: 'received', parts: ['answeredInTime'], exact: false },
        { total: 'received', parts: ['followedUp'], exact: false },
      ],
      shares: [{ column: 'answeredInTimeShare', part: 'answeredInTime', whole: 'received' }],
    },
  },
  satisfaction: {
    id: 'satisfaction',
    columns: [
      { key: 'quarter', kind: 'quarter' },
      { key: 'context', kind: 'text' },
      ...counts('answers'),
      { key: 'meanScore', kind: 'number' },
      ...counts('score1', 'score2', 'score3', 'score4', 'score5'),
    ],
    chart: { value: 'meanScore', label: ['quarter', 'context'] },
    relations: {
      sums: [{ total: 'answers', parts: ['score1', 'score2', 'score3', 'score4', 'score5'], exact: true }],
      means: [
        {
          column: 'meanScore',
          n: 'answers',
          scores: [1, 2, 3, 4, 5].map((value) => ({ column: `score${value}`, value })),
        },
      ],
    },
  },
  workload: {
    id: 'workload',
    columns: [
      { key: 'month', kind: 'month' },
      { key: 'advisors', kind: 'number' },
      ...counts('services'),
      { key: 'servicesPerAdvisor', kind: 'number' },
    ],
    chart: { value: 'servicesPerAdvisor', label: ['month'] },
    relations: {},
    stats: { servicesPerAdvisor: { n: 'services', count: 'services' } },
  },
} satisfies Record<string, TableDefinition>;

type Rows = Promise<Record<string, unknown>[]>;

async function assessments(q: Queryable, [from, to]: [string, string]): Rows {
  const res = await q.query<Record<string, unknown>>(
    `with b as (
       select ${MONTH('starts_at')} as month, service_language as language, status from bookings where ${IN_PERIOD('starts_at')}
       union all select starts_month, language, status from booking_facts where starts_month >= $1::date and starts_month < $2::date)
     select to_char(month, 'YYYY-MM') as month, language,
            -- A hold never confirmed (expired, README "Security") was never a booking, like a cancelled one.
            count(*) filter (where status not in ('cancelled', 'expired'))::int as booked,
            count(*) filter (where status = 'attended')::int as held,
            count(*) filter (where status = 'no_show')::int as "noShow"
       from b where month >= $1::date and month < $2::date group by 1, 2 order by 1, 2`,
    [from, to],
  );
  return res.rows;
}

async function daysToFirstFree(q: Queryable, [from, to]: [string, string]): Rows {
  const res = await q.query<Record<string, unknown>>(
    `with d as (
       select ${MONTH('created_at')} as month, extract(epoch from earliest_offered_at - created_at) / 86400 as days
         from bookings where earliest_offered_at is not null and status <> 'expired' and ${IN_PERIOD('created_at')}
       union all select created_month, days_to_first_free from booking_facts where days_to_first_free is not null and status <> 'expired' and created_month >= $1::date and created_month < $2::date)
     select to_char(month, 'YYYY-MM') as month, count(*)::int as bookings,
            percentile_cont(0.5) within group (order by days) as "medianDays",
            percentile_cont(0.9) within group (order by days) as "p90Days"
       from d where month >= $1::date and month < $2::date group by 1 order by 1`,
    [from, to],
  );
  return res.rows;
}

async function walkIn(q: Queryable, [from, to]: [string, string]): Rows {
  const res = await q.query<Record<string, unknown>>(
    `with t as (
       select service_day, language, topic, status, case when first_called_at is null then null else extract(epoch from first_called_at - created_at) / 60 end as wait
         from queue_tickets where service_day >= $1::date and service_day < $2::date
       union all select service_day, language, topic, status, wait_minutes from queue_ticket_facts where service_day >= $1::date and service_day < $2::date)
     select to_char(service_day, 'YYYY-"Q"Q') as quarter, language, topic,
            count(*) filter (where status = 'served')::int as visits,
            count(wait)::int as waited,
            percentile_cont(0.5) within group (order by wait) filter (where wait is not null) as "medianWaitMinutes",
            percentile_cont(0.9) within group (order by wait) filter (where wait is not null) as "p90WaitMinutes"
       from t group by 1, 2, 3 order by 1, 2, 3`,
    [from, to],
  );
  return res.rows;
}

async function orientation(q: Queryable, [from, to]: [string, string]): Rows {
  const res = await q.query<Record<string, unknown>>(
    `with g as (
       select g.id, g.language, g.capacity, ${QUARTER('f.first')} as quarter from course_groups g
         join lateral (select min(starts_at) as first from course_sessions s where s.group_id = g.id) f on true
        where g.status <> 'cancelled'
          and f.first >= ($1::date::timestamp at time zone 'Europe/Helsinki') and f.first < ($2::date::timestamp at time zone 'Europe/Helsinki')),
     e as (
       select e.group_id, exists (select 1 from attendance a where a.enrolment_id = e.id and a.present) as attended
         from enrolments e where e.status = 'enrolled'
       union all select group_id, attended from enrolment_facts where status = 'enrolled'),
     per_group as (
       select g.quarter, g.language, g.capacity,
              (select count(*) from e where e.group_id = g.id) as filled,
              (select count(*) from e where e.group_id = g.id and e.attended) as attended
         from g)
     select quarter, language, sum(capacity)::int as "seatsOffered", sum(filled)::int as "seatsFilled", sum(attended)::int as attended
       from per_group group by quarter, language order by 1, 2`,
    [from, to],
  );
  return res.rows;
}

async function referrals(q: Queryable, [from, to]: [string, string]): Rows {
  const res = await q.query<Record<string, unknown>>(
    `select ${QUARTER('received_at')} as quarter, coalesce(org_kind, 'other') as source, source as channel, count(*)::int as received,
            count(*) filter (where contacted_at is not null and contacted_at <= due_at)::int as "contactedInTime"
       from requests where kind = 'referral' and ${IN_PERIOD('received_at')}
      group by 1, 2, 3 order by 1, 2, 3`,
    [from, to],
  );
  return res.rows;
}

async function employers(q: Queryable, [from, to]: [string, string]): Rows {
  const res = await q.query<Record<string, unknown>>(
    `select to_char(${MONTH('r.received_at')}, 'YYYY-MM') as month, count(*)::int as received,
            count(*) filter (where r.contacted_at is not null and r.contacted_at <= r.due_at)::int as "answeredInTime",
            count(t.done_at)::int as "followedUp"
       from requests r left join request_tasks t on t.request_id = r.id and t.kind = 'follow_up'
      where r.kind = 'employer' and ${IN_PERIOD('r.received_at')}
      group by 1 order by 1`,
    [from, to],
  );
  return res.rows;
}

async function satisfaction(q: Queryable, [from, to]: [string, string]): Rows {
  const res = await q.query<Record<string, unknown>>(
    `select to_char(month, 'YYYY-"Q"Q') as quarter, context, count(*)::int as answers,
            count(*) filter (where score = 1)::int as score1, count(*) filter (where score = 2)::int as score2, count(*) filter (where score = 3)::int as score3,
            count(*) filter (where score = 4)::int as score4, count(*) filter (where score = 5)::int as score5
       from feedback where month >= $1::date and month < $2::date group by 1, 2 order by 1, 2`,
    [from, to],
  );
  return res.rows;
}

/**
 * Workload: the services each advisor gave, by Helsinki month (one row per service, never per
 * client: walk-in visitors are anonymous). An assessment held (the appointment's month), a walk-in
 * visit served (the visit's day; a checked-in appointment's ticket is its assessment, not counted
 * again) and a referral or employer request contacted for the first time (that moment). Who: the
 * booking's advisor, whoever called the ticket, the request's assignee; once retention has
 * deleted a booking or ticket, its statistical row's pseudonymous key (advisor_keys).
 */
const SERVICES = `
  months as (select m::date as month from generate_series($1::date, ($2::date - interval '1 month'), interval '1 month') m),
  served as (
    select ${MONTH('starts_at')} as month, advisor_id as staff, null::uuid as key, 'assessments' as kind
      from bookings where status = 'attended' and ${IN_PERIOD('starts_at')}
    union all select starts_month, null, advisor_key, 'assessments'
      from booking_facts where status = 'attended' and starts_month >= $1::date and starts_month < $2::date
    union all select date_trunc('month', service_day)::date, called_by, null, 'walkIn'
      from queue_tickets where status = 'served' and topic <> 'appointment' and service_day >= $1::date and service_day < $2::date
    union all select date_trunc('month', service_day)::date, null, advisor_key, 'walkIn'
      from queue_ticket_facts where status = 'served' and topic <> 'appointment' and service_day >= $1::date and service_day < $2::date
    union all select ${MONTH('contacted_at')}, assigned_to, null, 'requests'
      from requests where contacted_at is not null and ${IN_PERIOD('contacted_at')}),
  services as (
    select s.month, s.kind, coalesce(s.staff, k.staff_id) as staff, case when coalesce(s.staff, k.staff_id) is null then s.key end as key
      from served s left join advisor_keys k on k.key = s.key),
  available as (
    select m.month, t.advisor_id as staff from months m join availability_templates t
        on t.valid_from < (m.month + interval '1 month')::date and (t.valid_until is null or t.valid_until >= m.month)
    union select m.month, e.advisor_id from months m join availability_exceptions e
        on e.kind = 'extra' and e.date >= m.month and e.date < (m.month + interval '1 month')::date
    union select m.month, d.staff_id from months m join queue_desks d
        on d.started_at < ((m.month + interval '1 month')::date::timestamp at time zone 'Europe/Helsinki')
       and coalesce(d.ended_at, d.started_at) >= (m.month::timestamp at time zone 'Europe/Helsinki'))`;

/**
 * The city's indicator: services per advisor-month. The denominator is the advisors (any staff
 * account) with availability (a weekly template valid in the month, or extra hours) or time at
 * the walk-in desk in the month; the numerator every service of the month, whoever gave it.
 */
async function workload(q: Queryable, [from, to]: [string, string]): Rows {
  const res = await q.query<{ month: string; advisors: number; services: number }>(
    `with ${SERVICES}
     select to_char(m.month, 'YYYY-MM') as month,
            (select count(distinct staff) from available a where a.month = m.month)::int as advisors,
            (select count(*) from services s where s.month = m.month)::int as services
       from months m order by 1`,
    [from, to],
  );
  return res.rows
    .filter((r) => r.advisors > 0 || r.services > 0)
    .map((r) => ({ ...r, servicesPerAdvisor: r.advisors ? r.services / r.advisors : null }));
}

/**
 * Per advisor and month, for coordinators only (never in a CSV: these are figures about staff,
 * and they are not put through the disclosure rule).
 */
export async function advisorWorkload(q: Queryable, period: Period): Promise<AdvisorWorkload[]> {
  const res = await q.query<AdvisorWorkload>(
    `with ${SERVICES},
     given as (
       select month, staff, key,
              count(*) filter (where kind = 'assessments')::int as assessments,
              count(*) filter (where kind = 'walkIn')::int as "walkIn",
              count(*) filter (where kind = 'requests')::int as requests
         from services group by 1, 2, 3),
     present as (select distinct month, staff from available)
     select to_char(coalesce(g.month, p.month), 'YYYY-MM') as month, u.display_name as advisor,
            substr(g.key::text, 1, 8) as key,
            coalesce(g.assessments, 0) as assessments, coalesce(g."walkIn", 0) as "walkIn", coalesce(g.requests, 0) as requests,
            (coalesce(g.assessments, 0) + coalesce(g."walkIn", 0) + coalesce(g.requests, 0))::int as services,
            (p.staff is not null) as available
       from given g full join present p on p.month = g.month and p.staff = g.staff
       left join staff_users u on u.id = coalesce(g.staff, p.staff)
      order by 1, 2 nulls last, 3 nulls last`,
    bounds(period),
  );
  return res.rows;
}

export const REPORT_IDS = [
  'assessments',
  'daysToFirstFree',
  'walkIn',
  'orientation',
  'referrals',
  'employers',
  'satisfaction',
  'workload',
] as const;

type ReportId = (typeof REPORT_IDS)[number];
const QUERIES: Record<ReportId, (q: Queryable, b: [string, string]) => Rows> = {
  assessments,
  daysToFirstFree,
  walkIn,
  orientation,
  referrals,
  employers,
  satisfaction,
  workload,
};

export async function buildReports(
  db: Db,
  period: Period,
  only: readonly ReportId[] = REPORT_IDS,
): Promise<ReportTable[]> {
  const b = bounds(period);
  // A report over a long history takes up to a second (server/db/client.ts, `longReads`).
  return db.longReads(async (q) => {
    const out: ReportTable[] = [];
    for (const id of only) out.push(publish(DEFINITIONS[id], await QUERIES[id](q, b)));
    return out;
  });
}

/** The latest free-text answers of the satisfaction question in the period (anonymous by design). */
export async function latestComments(q: Queryable, period: Period, limit = 20) {
  const [from, to] = bounds(period);
  const res = await q.query<{ context: string; month: string; language: string; comment: string }>(
    `select context, to_char(month, 'YYYY-MM') as month, language, comment from feedback
      where comment is not null and month >= $1::date and month < $2::date order by id desc limit $3`,
    [from, to, limit],
  );
  return res.rows;
}

/** A table as CSV (RFC 4180), with the same cells as the page: "<5", and empty where withheld. */
export function toCsv(table: ReportTable): string {
  const esc = (v: Cell) => {
    const s = v === null ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[table.columns.map((c) => c.key), ...table.rows].map((r) => r.map((v) => esc(v as Cell)).join(',')).join('\r\n')}\r\n`;
}
