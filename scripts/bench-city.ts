/**
 * A city's real size for `npm run bench` (issue #18): advisors with weekday hours in 30-minute
 * slots, and future bookings spread over the horizon. Written straight into a migrated database
 * before the portal starts. Sample data only (example.invalid addresses).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';

export interface CitySize {
  advisors: number;
  horizonDays: number;
  bookings: number;
}

export const CITY: CitySize = { advisors: 25, horizonDays: 90, bookings: 5000 };

const LANGUAGES = ['fi', 'en', 'ar', 'so', 'ru', 'uk', 'fa'];

export async function seedCity(db: Db, size: CitySize, now: Date): Promise<void> {
  await migrate(db, now);
  const ids = Array.from({ length: size.advisors }, () => randomUUID());
  await db.query(
    `insert into staff_users (id, email, display_name, role, languages, password_hash, created_at)
     select id, 'bench-' || n || '@example.invalid', 'Bench advisor ' || n, 'advisor', $2, 'x', $3
       from unnest($1::uuid[]) with ordinality as a(id, n)`,
    [ids, LANGUAGES, now],
  );
  // Every advisor Monday to Friday 08:00–16:00 in 30-minute slots, every mode, three languages each.
  await db.query(
    `insert into availability_templates (advisor_id, weekday, start_time, end_time, slot_minutes, modes, languages, valid_from, created_at)
     select a.id, w, '08:00', '16:00', 30, '{in_person,phone,video}',
            array['fi', (array['en','ar','so','ru','uk','fa'])[1 + (a.n % 6)::int], 'en'], '2000-01-01', $2
       from unnest($1::uuid[]) with ordinality as a(id, n), generate_series(1, 5) as w`,
    [ids, now],
  );
  // Bookings on the advisors' slots over the horizon (weekday mornings, one per advisor and time).
  await db.query(
    `insert into bookings (reference, manage_token_hash, advisor_id, starts_at, ends_at, mode, service_language, client_name, client_email,
                           contact_language, person_key_email, earliest_offered_at, created_at, updated_at)
     select 'BENCH-' || k, md5('t' || k), s.advisor, s.at, s.at + interval '30 minutes',
            'phone', 'fi', 'Bench client ' || k, 'client-' || k || '@example.invalid', 'fi', md5('p' || k), $2, $2, $2
       from (
         select row_number() over () as k, a.id as advisor, d.day + make_interval(hours => 6 + (h / 2), mins => 30 * (h % 2)) as at
           from unnest($1::uuid[]) as a(id),
                generate_series(date_trunc('day', $2::timestamptz) + interval '3 days', date_trunc('day', $2::timestamptz) + make_interval(days => $3), interval '1 day') as d(day),
                generate_series(0, 15) as h
          where extract(isodow from d.day) between 1 and 5
          order by md5(a.id::text || d.day::text || h::text)
          limit $4
       ) s`,
    [ids, now, size.horizonDays - 1, size.bookings],
  );
}
