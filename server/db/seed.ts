/**
 * Demo content: sample advisors and their weekly availability, clearly marked as demo
 * (is_demo, and names that say so). Loaded by `npm run db:seed` and by `npm start` on an empty
 * embedded database; never into production unless DEMO_CONTENT=yes asks for it by name.
 */
import { seal } from '../sealed.ts';
import type { Db } from './client.ts';
import { hashPassword } from '../domain/passwords.ts';
import { addDays, helsinkiDay, helsinkiInstant, weekdayOf } from '../../src/domain/calendar.ts';

export const DEMO_MARKER = 'demo_content_loaded_at';

interface DemoAdvisor {
  email: string;
  name: string;
  role: 'advisor' | 'coordinator' | 'admin';
  languages: string[];
}

const DEMO_ADVISORS: DemoAdvisor[] = [
  {
    email: 'demo.advisor.ar@example.invalid',
    name: 'Demo Advisor A (ar, en, fi)',
    role: 'advisor',
    languages: ['fi', 'en', 'ar'],
  },
  {
    email: 'demo.advisor.ru@example.invalid',
    name: 'Demo Advisor B (ru, uk, fi)',
    role: 'advisor',
    languages: ['fi', 'ru', 'uk'],
  },
  {
    email: 'demo.advisor.so@example.invalid',
    name: 'Demo Advisor C (so, en, sv)',
    role: 'advisor',
    languages: ['fi', 'sv', 'en', 'so'],
  },
  {
    email: 'demo.coordinator@example.invalid',
    name: 'Demo Coordinator',
    role: 'coordinator',
    languages: ['fi', 'sv', 'en'],
  },
];

// [advisor index, ISO weekday, start, end, modes]
const DEMO_WEEK: [number, number, string, string, string[]][] = [
  [0, 1, '09:00', '12:00', ['in_person', 'phone']],
  [0, 3, '12:00', '15:00', ['in_person', 'video']],
  [1, 2, '09:00', '15:00', ['in_person', 'phone', 'video']],
  [1, 4, '09:00', '12:00', ['in_person']],
  [2, 2, '13:00', '16:00', ['phone', 'video']],
  [2, 5, '09:00', '12:00', ['in_person', 'phone']],
];

// [course, language of instruction, format, ISO weekday, capacity, weeks, teachers (advisor indexes)]
// Each demo advisor teaches the groups in their languages, so each sees some rosters and not others;
// digital skills has no teacher yet (only coordinators see its roster).
const DEMO_GROUPS: [string, string, 'in_person' | 'online' | 'hybrid', number, number, number, number[]][] = [
  ['society-orientation', 'ar', 'in_person', 1, 20, 6, [0]],
  ['society-orientation', 'uk', 'in_person', 2, 20, 6, [1]],
  ['society-orientation', 'ru', 'hybrid', 3, 20, 6, [1]],
  ['society-orientation', 'so', 'online', 4, 12, 6, [2]],
  ['digital-skills', 'fi', 'in_person', 5, 10, 4, []],
  ['finnish-beginners', 'en', 'in_person', 2, 15, 8, [0, 2]],
  ['parents-group', 'ar', 'in_person', 4, 2, 4, [0]],
];

export async function isDemoLoaded(db: Db): Promise<boolean> {
  const res = await db.query('select 1 from app_meta where key = $1', [DEMO_MARKER]);
  return res.rows.length > 0;
}

export async function isEmpty(db: Db): Promise<boolean> {
  const res = await db.query<{ n: number }>('select count(*)::int as n from staff_users');
  return res.rows[0]!.n === 0;
}

/**
 * Demo sign-in, only where demo accounts may exist (never in production): every demo account has
 * this password; the demo coordinator's TOTP secret is fixed so the demo can be tried. Sample
 * data, printed in the README: never use either for anything real.
 */
export const DEMO_STAFF_PASSWORD = 'demo only, never for real use';
export const DEMO_COORDINATOR_TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/**
 * Everything dated is relative to `now` (the portal's clock), so the demo never lies in the past:
 * availability from today on, course groups whose first sessions are two to three weeks ahead.
 */
export async function seedDemo(db: Db, options: { accounts?: boolean; now: Date }): Promise<{ loaded: boolean }> {
  const today = helsinkiDay(options.now).date;
  // The Monday of the week three weeks from now: each group meets on its weekday from that week on.
  const firstMonday = addDays(today, 21 - (weekdayOf(today) - 1));
  const passwordHash = options.accounts ? await hashPassword(DEMO_STAFF_PASSWORD) : null;
  return db.transaction(async (tx) => {
    const already = await tx.query('select 1 from app_meta where key = $1 for update', [DEMO_MARKER]);
    if (already.rows.length > 0) return { loaded: false };
    const ids: string[] = [];
    for (const a of DEMO_ADVISORS) {
      const res = await tx.query<{ id: string }>(
        `insert into staff_users (email, display_name, role, languages, is_demo, password_hash, totp_secret, totp_enabled, created_at)
         values ($1, $2, $3, $4, true, $5, $6, $7, $8)
         on conflict (lower(email)) do update set display_name = excluded.display_name returning id`,
        [
          a.email,
          a.name,
          a.role,
          a.languages,
          passwordHash,
          passwordHash && a.role !== 'advisor' ? seal('TOTP_ENCRYPTION_KEY', DEMO_COORDINATOR_TOTP) : null,
          !!passwordHash && a.role !== 'advisor',
          options.now,
        ],
      );
      ids.push(res.rows[0]!.id);
    }
    for (const [advisor, weekday, start, end, modes] of DEMO_WEEK) {
      await tx.query(
        `insert into availability_templates (advisor_id, weekday, start_time, end_time, modes, languages, valid_from, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [ids[advisor], weekday, start, end, modes, DEMO_ADVISORS[advisor]!.languages, today, options.now],
      );
    }
    // Demo course groups: weekly sessions on their weekday, open for enrolment until the last one.
    for (const [course, language, format, weekday, capacity, weeks, teachers] of DEMO_GROUPS) {
      const dates = Array.from({ length: weeks }, (_, w) => addDays(firstMonday, weekday - 1 + w * 7));
      const g = await tx.query<{ id: string }>(
        `insert into course_groups (course_slug, language, format, place, capacity, enrol_opens, enrol_closes, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
        [
          course,
          language,
          format,
          format === 'online' ? null : 'Aleksanterinkatu 24B, Lahti',
          capacity,
          today,
          dates.at(-1),
          options.now,
        ],
      );
      for (const date of dates) {
        await tx.query(`insert into course_sessions (group_id, starts_at, ends_at) values ($1, $2, $3)`, [
          g.rows[0]!.id,
          helsinkiInstant(date, '09:00'),
          helsinkiInstant(date, '12:00'),
        ]);
      }
      for (const teacher of teachers) {
        await tx.query(`insert into course_teachers (group_id, staff_id, assigned_at) values ($1, $2, $3)`, [
          g.rows[0]!.id,
          ids[teacher],
          options.now,
        ]);
      }
    }
    await tx.query('insert into app_meta (key, value, updated_at) values ($1, $2, $3)', [
      DEMO_MARKER,
      options.now.toISOString(),
      options.now,
    ]);
    return { loaded: true };
  });
}
