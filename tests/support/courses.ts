/** A course group of a test's own (an Arabic society-orientation group, open for enrolment in Nov–Dec 2026). */
import type { TestApp } from './app.ts';

export async function newGroup(t: Pick<TestApp, 'deps'>, capacity: number, now: Date): Promise<string> {
  const g = await t.deps.db.query<{ id: string }>(
    `insert into course_groups (course_slug, language, format, place, capacity, enrol_opens, enrol_closes, created_at)
     values ('society-orientation', 'ar', 'in_person', 'Aleksanterinkatu 24B', $1, '2026-11-01', '2026-12-31', $2) returning id`,
    [capacity, now],
  );
  return g.rows[0]!.id;
}
