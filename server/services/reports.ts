/**
 * The managers' reports, computed with SQL aggregates over the live tables and the statistical
 * rows that retention leaves behind (booking_facts, enrolment_facts; requests keep their facts
 * when anonymised, queue tickets and feedback hold no personal data). Every table goes through the
 * disclosure rules of server/domain/report-privacy.ts before it leaves this module, so the page
 * and the CSV show exactly the same cells. Months are Helsinki months.
 *
 * Definitions (also in the README):
 * - assessments: by the appointment's month and service language; booked = not cancelled.
 * - days to the first free time: when a booking was made, the days from that moment to the
 *   earliest time then offered; by the month the booking was made.
 * - walk-in: served visits by language and topic; wait = from taking the number to the first call.
 * - orientation: groups (not cancelled) whose first session is in the period, by language:
 *   seats offered, seats filled, and participants present at one session at least.
 * - referrals: by partner kind and channel; contacted within 3 working days = by the due date.
 * - employers: by month received; answered within 3 working days; follow-ups done.
 * - satisfaction: answers by context, the mean score and each score's count.
 */
import type { Queryable } from '../db/client.ts';
import { count, share, stat, type Cell } from '../domain/report-privacy.ts';
import { addMonths } from '../../src/domain/calendar.ts';

export type ColumnKind = 'month' | 'language' | 'topic' | 'text' | 'count' | 'number' | 'percent';
export interface ReportTable {
  id: string;
  columns: { key: string; kind: ColumnKind }[];
  rows: Cell[][];
  /** The column the chart draws, and the columns that name a bar. */
  chart: { value: string; label: string[] };
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
/** A timestamp column within [$1, $2), the period's Helsinki month bounds; uses the column's index. */
const IN_PERIOD = (col: string) =>
  `${col} >= ($1::date::timestamp at time zone 'Europe/Helsinki') and ${col} < ($2::date::timestamp at time zone 'Europe/Helsinki')`;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

async function assessments(q: Queryable, [from, to]: [string, string]): Promise<ReportTable> {
  const res = await q.query<{ month: string; language: string; booked: number; held: number; no_show: number }>(
    `with b as (
       select ${MONTH('starts_at')} as month, service_language as language, status from bookings where ${IN_PERIOD('starts_at')}
       union all select starts_month, language, status from booking_facts where starts_month >= $1::date and starts_month < $2::date)
     select to_char(month, 'YYYY-MM') as month, language,
            count(*) filter (where status <> 'cancelled')::int as booked,
            count(*) filter (where status = 'attended')::int as held,
            count(*) filter (where status = 'no_show')::int as no_show
       from b where month >= $1::date and month < $2::date group by 1, 2 order by 1, 2`,
    [from, to],
  );
  return {
    id: 'assessments',
    columns: [
      { key: 'month', kind: 'month' },
      { key: 'language', kind: 'language' },
      { key: 'booked', kind: 'count' },
      { key: 'held', kind: 'count' },
      { key: 'noShow', kind: 'count' },
    ],
    rows: res.rows.map((r) => [r.month, r.language, count(r.booked), count(r.held), count(r.no_show)]),
    chart: { value: 'booked', label: ['month', 'language'] },
  };
}

async function daysToFirstFree(q: Queryable, [from, to]: [string, string]): Promise<ReportTable> {
  const res = await q.query<{ month: string; n: number; median: number | null; p90: number | null }>(
    `with d as (
       select ${MONTH('created_at')} as month, extract(epoch from earliest_offered_at - created_at) / 86400 as days
         from bookings where earliest_offered_at is not null and ${IN_PERIOD('created_at')}
       union all select created_month, days_to_first_free from booking_facts where days_to_first_free is not null and created_month >= $1::date and created_month < $2::date)
     select to_char(month, 'YYYY-MM') as month, count(*)::int as n,
            percentile_cont(0.5) within group (order by days) as median,
            percentile_cont(0.9) within group (order by days) as p90
       from d where month >= $1::date and month < $2::date group by 1 order by 1`,
    [from, to],
  );
  return {
    id: 'daysToFirstFree',
    columns: [
      { key: 'month', kind: 'month' },
      { key: 'bookings', kind: 'count' },
      { key: 'medianDays', kind: 'number' },
      { key: 'p90Days', kind: 'number' },
    ],
    rows: res.rows.map((r) => [r.month, count(r.n), stat(num(r.median), r.n), stat(num(r.p90), r.n)]),
    chart: { value: 'medianDays', label: ['month'] },
  };
}

async function walkIn(q: Queryable, [from, to]: [string, string]): Promise<ReportTable> {
  const res = await q.query<{
    language: string;
    topic: string;
    visits: number;
    waited: number;
    median: number | null;
    p90: number | null;
  }>(
    `with t as (
       select language, topic, status, case when first_called_at is null then null else extract(epoch from first_called_at - created_at) / 60 end as wait
         from queue_tickets where service_day >= $1::date and service_day < $2::date
       union all select language, topic, status, wait_minutes from queue_ticket_facts where service_day >= $1::date and service_day < $2::date)
     select language, topic,
            count(*) filter (where status = 'served')::int as visits,
            count(wait)::int as waited,
            percentile_cont(0.5) within group (order by wait) filter (where wait is not null) as median,
            percentile_cont(0.9) within group (order by wait) filter (where wait is not null) as p90
       from t group by 1, 2 order by 1, 2`,
    [from, to],
  );
  return {
    id: 'walkIn',
    columns: [
      { key: 'language', kind: 'language' },
      { key: 'topic', kind: 'topic' },
      { key: 'visits', kind: 'count' },
      { key: 'medianWaitMinutes', kind: 'number' },
      { key: 'p90WaitMinutes', kind: 'number' },
    ],
    rows: res.rows.map((r) => [
      r.language,
      r.topic,
      count(r.visits),
      stat(num(r.median), r.waited),
      stat(num(r.p90), r.waited),
    ]),
    chart: { value: 'visits', label: ['language', 'topic'] },
  };
}

async function orientation(q: Queryable, [from, to]: [string, string]): Promise<ReportTable> {
  const res = await q.query<{ language: string; offered: number; filled: number; attended: number }>(
    `with g as (
       select g.id, g.language, g.capacity from course_groups g
         join lateral (select min(starts_at) as first from course_sessions s where s.group_id = g.id) f on true
        where g.status <> 'cancelled'
          and f.first >= ($1::date::timestamp at time zone 'Europe/Helsinki') and f.first < ($2::date::timestamp at time zone 'Europe/Helsinki')),
     e as (
       select e.group_id, exists (select 1 from attendance a where a.enrolment_id = e.id and a.present) as attended
         from enrolments e where e.status = 'enrolled'
       union all select group_id, attended from enrolment_facts where status = 'enrolled'),
     per_group as (
       select g.language, g.capacity,
              (select count(*) from e where e.group_id = g.id) as filled,
              (select count(*) from e where e.group_id = g.id and e.attended) as attended
         from g)
     select language, sum(capacity)::int as offered, sum(filled)::int as filled, sum(attended)::int as attended
       from per_group group by language order by 1`,
    [from, to],
  );
  return {
    id: 'orientation',
    columns: [
      { key: 'language', kind: 'language' },
      { key: 'seatsOffered', kind: 'count' },
      { key: 'seatsFilled', kind: 'count' },
      { key: 'attended', kind: 'count' },
    ],
    rows: res.rows.map((r) => [r.language, count(r.offered), count(r.filled), count(r.attended)]),
    chart: { value: 'seatsFilled', label: ['language'] },
  };
}

async function referrals(q: Queryable, [from, to]: [string, string]): Promise<ReportTable> {
  const res = await q.query<{ source: string; channel: string; received: number; in_time: number }>(
    `select coalesce(org_kind, 'other') as source, source as channel, count(*)::int as received,
            count(*) filter (where contacted_at is not null and contacted_at <= due_at)::int as in_time
       from requests where kind = 'referral' and ${IN_PERIOD('received_at')}
      group by 1, 2 order by 1, 2`,
    [from, to],
  );
  return {
    id: 'referrals',
    columns: [
      { key: 'source', kind: 'text' },
      { key: 'channel', kind: 'text' },
      { key: 'received', kind: 'count' },
      { key: 'contactedInTime', kind: 'count' },
      { key: 'contactedInTimeShare', kind: 'percent' },
    ],
    rows: res.rows.map((r) => [r.source, r.channel, count(r.received), count(r.in_time), share(r.in_time, r.received)]),
    chart: { value: 'received', label: ['source', 'channel'] },
  };
}

async function employers(q: Queryable, [from, to]: [string, string]): Promise<ReportTable> {
  const res = await q.query<{ month: string; received: number; in_time: number; followed_up: number }>(
    `select to_char(${MONTH('r.received_at')}, 'YYYY-MM') as month, count(*)::int as received,
            count(*) filter (where r.contacted_at is not null and r.contacted_at <= r.due_at)::int as in_time,
            count(t.done_at)::int as followed_up
       from requests r left join request_tasks t on t.request_id = r.id and t.kind = 'follow_up'
      where r.kind = 'employer' and ${IN_PERIOD('r.received_at')}
      group by 1 order by 1`,
    [from, to],
  );
  return {
    id: 'employers',
    columns: [
      { key: 'month', kind: 'month' },
      { key: 'received', kind: 'count' },
      { key: 'answeredInTime', kind: 'count' },
      { key: 'answeredInTimeShare', kind: 'percent' },
      { key: 'followedUp', kind: 'count' },
    ],
    rows: res.rows.map((r) => [
      r.month,
      count(r.received),
      count(r.in_time),
      share(r.in_time, r.received),
      count(r.followed_up),
    ]),
    chart: { value: 'received', label: ['month'] },
  };
}

async function satisfaction(q: Queryable, [from, to]: [string, string]): Promise<ReportTable> {
  const res = await q.query<{
    context: string;
    n: number;
    mean: number | null;
    s1: number;
    s2: number;
    s3: number;
    s4: number;
    s5: number;
  }>(
    `select context, count(*)::int as n, avg(score)::float8 as mean,
            count(*) filter (where score = 1)::int as s1, count(*) filter (where score = 2)::int as s2, count(*) filter (where score = 3)::int as s3,
            count(*) filter (where score = 4)::int as s4, count(*) filter (where score = 5)::int as s5
       from feedback where month >= $1::date and month < $2::date group by 1 order by 1`,
    [from, to],
  );
  return {
    id: 'satisfaction',
    columns: [
      { key: 'context', kind: 'text' },
      { key: 'answers', kind: 'count' },
      { key: 'meanScore', kind: 'number' },
      ...[1, 2, 3, 4, 5].map((s) => ({ key: `score${s}`, kind: 'count' as const })),
    ],
    rows: res.rows.map((r) => [
      r.context,
      count(r.n),
      stat(num(r.mean), r.n),
      count(r.s1),
      count(r.s2),
      count(r.s3),
      count(r.s4),
      count(r.s5),
    ]),
    chart: { value: 'meanScore', label: ['context'] },
  };
}

export const REPORT_IDS = [
  'assessments',
  'daysToFirstFree',
  'walkIn',
  'orientation',
  'referrals',
  'employers',
  'satisfaction',
] as const;

const BUILDERS: Record<(typeof REPORT_IDS)[number], (q: Queryable, b: [string, string]) => Promise<ReportTable>> = {
  assessments,
  daysToFirstFree,
  walkIn,
  orientation,
  referrals,
  employers,
  satisfaction,
};

export async function buildReports(
  q: Queryable,
  period: Period,
  only: readonly (typeof REPORT_IDS)[number][] = REPORT_IDS,
): Promise<ReportTable[]> {
  const b = bounds(period);
  // One after another: PGlite has one connection, and on PostgreSQL these are quick.
  const out: ReportTable[] = [];
  for (const id of only) out.push(await BUILDERS[id](q, b));
  return out;
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
