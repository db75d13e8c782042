/**
 * How long the reports page's queries take on a large history: seeds 100,000 bookings and
 * 200,000 queue tickets (plus requests, feedback and statistical rows) into a fresh database,
 * then times buildReports for a twelve-month period. Not part of the tests; prints a table and
 * writes reports/bench-reports.json.
 *
 *   npm run bench:reports                 # embedded PGlite, in memory
 *   DATABASE_URL=postgres://… npm run bench:reports   # an empty PostgreSQL database you own
 */
import fs from 'node:fs';
import os from 'node:os';
import { openPglite, openPostgres } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { buildReports } from '../server/services/reports.ts';

const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 100_000);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 200_000);
const RUNS = 5;

const db = process.env.DATABASE_URL ? await openPostgres(process.env.DATABASE_URL) : await openPglite();
await migrate(db, new Date());
const seedStarted = performance.now();
const advisor = (
  await db.query<{ id: string }>(
    `insert into staff_users (email, display_name, role, languages, created_at) values ('bench@example.invalid', 'Bench', 'advisor', '{fi}', timestamptz '2025-01-01 08:00+02') returning id`,
  )
).rows[0]!.id;
// Two years of history from 2025-01, spread over languages, statuses, topics and hours.
await db.query(
  `insert into bookings (reference, manage_token_hash, advisor_id, starts_at, ends_at, mode, service_language, status, client_name, client_phone, contact_language, created_at, earliest_offered_at, updated_at)
   select 'B' || i, 'h' || i, $1,
          timestamptz '2025-01-01 08:00+02' + (i * interval '7 minutes'), timestamptz '2025-01-01 09:00+02' + (i * interval '7 minutes'),
          'phone', (array['fi','en','ar','ru','uk','so','fa','et'])[1 + i % 8],
          (array['attended','attended','attended','no_show','cancelled','active'])[1 + i % 6],
          'Bench Person', '+358401234567', 'fi',
          timestamptz '2025-01-01 08:00+02' + (i * interval '7 minutes') - ((i % 20) * interval '1 day'),
          timestamptz '2025-01-01 08:00+02' + (i * interval '7 minutes') - ((i % 20) * interval '1 day') + ((i % 9) * interval '1 day'),
          timestamptz '2025-01-01 08:00+02' + (i * interval '7 minutes')
     from generate_series(1, $2::int) i`,
  [advisor, BOOKINGS],
);
await db.query(
  `insert into queue_tickets (service_point, service_day, code, topic, language, channel, token_hash, status, created_at, queued_at, first_called_at, called_at, called_desk, ended_at)
   select 'palvelutori', (timestamptz '2025-01-01 09:00+02' + (i * interval '3 minutes'))::date, 'T-' || i,
          (array['general','digital','permits','work','studies','family'])[1 + i % 6], (array['fi','en','ar','ru','uk','so','fa','et','tr','th'])[1 + i % 10],
          'kiosk', 't' || i, (array['served','served','served','no_show','left'])[1 + i % 5],
          timestamptz '2025-01-01 09:00+02' + (i * interval '3 minutes'), timestamptz '2025-01-01 09:00+02' + (i * interval '3 minutes'),
          timestamptz '2025-01-01 09:00+02' + (i * interval '3 minutes') + ((i % 40) * interval '1 minute'),
          timestamptz '2025-01-01 09:00+02' + (i * interval '3 minutes') + ((i % 40) * interval '1 minute'), '1',
          timestamptz '2025-01-01 09:00+02' + (i * interval '3 minutes') + ((i % 40 + 12) * interval '1 minute')
     from generate_series(1, $1::int) i`,
  [TICKETS],
);
await db.query(
  `insert into requests (kind, reference, source, received_at, due_at, contacted_at, status, org_kind, org_name, consent_version, personal)
   select (array['referral','employer'])[1 + i % 2], 'R' || i, 'form', timestamptz '2025-01-01 10:00+02' + (i * interval '1 hour'),
          timestamptz '2025-01-04 10:00+02' + (i * interval '1 hour'), timestamptz '2025-01-03 10:00+02' + (i * interval '1 hour') + ((i % 4) * interval '1 day'),
          'contacted', (array['kela','wellbeing','school','ngo'])[1 + i % 4], 'Org', 'v1', '{}'
     from generate_series(1, 10000) i`,
);
await db.query(
  `insert into feedback (context, score, language, month) select (array['booking','walk_in'])[1 + i % 2], 1 + i % 5, 'fi', date '2025-01-01' + ((i % 24) * interval '1 month') from generate_series(1, 20000) i`,
);
// 200 orientation groups of 20 seats, 15 enrolled each, a session each, two in three present.
await db.query(
  `with g as (
     insert into course_groups (course_slug, language, format, capacity, enrol_opens, enrol_closes, created_at)
     select 'society-orientation', (array['ar','ru','uk','so','en'])[1 + i % 5], 'in_person', 20, '2025-01-01', '2026-12-31', timestamptz '2025-01-01 08:00+02' from generate_series(1, 200) i returning id),
   s as (
     insert into course_sessions (group_id, starts_at, ends_at)
     select id, timestamptz '2025-01-05 09:00+02' + (row_number() over () * interval '3 days'), timestamptz '2025-01-05 12:00+02' + (row_number() over () * interval '3 days') from g returning id, group_id)
   insert into enrolments (group_id, reference, manage_token_hash, arrival, status, client_name, client_phone, contact_language, consent_version, created_at)
   select s.group_id, 'E' || s.id || '-' || n, 'e' || s.id || '-' || n, nextval('enrolment_arrival'), 'enrolled', 'Bench', '+358401234567', 'fi', 'v1',
          timestamptz '2025-01-01 08:00+02'
     from s, generate_series(1, 15) n`,
);
await db.query(
  `insert into attendance (enrolment_id, session_id, present, marked_at)
   select e.id, s.id, e.arrival % 3 <> 0, s.starts_at from enrolments e join course_sessions s on s.group_id = e.group_id`,
);
await db.exec('analyze');
const seedMs = performance.now() - seedStarted;

const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  const tables = await buildReports(db, { from: '2025-07', to: '2026-06' });
  times.push(performance.now() - started);
  if (i === 0 && !tables.every((t) => t.rows.length))
    throw new Error('a report table came back empty: the seed does not match the queries');
}
times.sort((a, b) => a - b);
if (process.env.BENCH_DETAIL) {
  const { REPORT_IDS } = await import('../server/services/reports.ts');
  for (const id of REPORT_IDS) {
    const started = performance.now();
    await buildReports(db, { from: '2025-07', to: '2026-06' }, [id]);
    console.log(id, Math.round(performance.now() - started), 'ms');
  }
}
const result = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  engine: db.engine,
  bookings: BOOKINGS,
  tickets: TICKETS,
  seedSeconds: Math.round(seedMs / 100) / 10,
  reportMs: {
    median: Math.round(times[Math.floor(RUNS / 2)]!),
    min: Math.round(times[0]!),
    max: Math.round(times.at(-1)!),
  },
};
fs.mkdirSync('reports', { recursive: true });
fs.writeFileSync('reports/bench-reports.json', JSON.stringify(result, null, 2));
console.log(
  `\nReports page queries, 12 months over ${BOOKINGS.toLocaleString('en')} bookings and ${TICKETS.toLocaleString('en')} tickets (${db.engine})`,
);
console.table({
  'median ms': result.reportMs.median,
  'min ms': result.reportMs.min,
  'max ms': result.reportMs.max,
  'seed s': result.seedSeconds,
});
console.log(`machine: ${result.machine}\nwritten: reports/bench-reports.json`);
await db.close();
