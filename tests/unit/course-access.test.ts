/** Who may open a course group's roster, and who can be its teacher (server/domain/course-access.ts). */
import { describe, expect, test } from 'vitest';
import { managesCourses, mayOpenRoster, mayTeach } from '../../server/domain/course-access.ts';

describe('course rosters: least privilege', () => {
  test('an advisor opens only the rosters of the groups they teach', () => {
    expect(mayOpenRoster('advisor', true)).toBe(true);
    expect(mayOpenRoster('advisor', false)).toBe(false);
  });

  test('coordinators and admins open every roster and assign teachers', () => {
    for (const role of ['coordinator', 'admin'] as const) {
      expect(mayOpenRoster(role, false)).toBe(true);
      expect(managesCourses(role)).toBe(true);
    }
    expect(managesCourses('advisor')).toBe(false);
  });

  test('only active advisor accounts can be assigned as teachers', () => {
    expect(mayTeach({ role: 'advisor', active: true })).toBe(true);
    expect(mayTeach({ role: 'advisor', active: false })).toBe(false);
    expect(mayTeach({ role: 'coordinator', active: true })).toBe(false);
    expect(mayTeach({ role: 'admin', active: true })).toBe(false);
  });
});
