/**
 * Issue 17 (item 6, least privilege) in the workspace: a coordinator, at 320 px and by keyboard,
 * assigns a teacher to a course group of the test's own and removes them again; the advisor sees
 * the group's roster only while they teach it. axe on each state. The rule itself is tested on the
 * API (tests/api/course-teachers.test.ts).
 */
import { expect, test } from './fixtures.ts';
import { axeViolations } from './axe.ts';
import { days, e2eNow } from './clock.ts';
import { DEMO, ownGroup, signIn, staffApi } from './staff.ts';
import { helsinkiInstant } from '../../src/domain/calendar.ts';
import { createFormatter } from '../../src/i18n/format.ts';
import enFormat from '../../locales/en/format.json' with { type: 'json' };

const TEACHER = 'Demo Advisor C (so, en, sv)';

test('a coordinator assigns and removes a group teacher by keyboard at 320 px', async ({
  page,
  baseURL,
  newContext,
}) => {
  // A Somali orientation group of the test's own, at an hour no other test's group has.
  const { today, plus } = days(e2eNow());
  const coordinator = await staffApi(DEMO.coordinator, { baseURL: baseURL!, now: e2eNow });
  const group = await ownGroup(coordinator, {
    course: 'parents-group',
    language: 'so',
    capacity: 8,
    enrolOpens: today,
    firstDate: plus(19),
    weeks: 2,
    start: '15:05',
    end: '16:35',
  });
  await coordinator.dispose();

  await page.setViewportSize({ width: 320, height: 720 });
  await signIn(page, DEMO.coordinator, { lang: 'en', now: e2eNow });
  await page.goto('/workspace/en/courses/');
  const select = page.locator(`#assign-${group.id}`);
  await expect(select).toBeVisible();
  const item = page.locator('.template-list > li').filter({ has: select });
  await expect(item).toContainText('Teachers');
  await expect(item).toContainText('none yet');
  expect(await axeViolations(page), 'courses as coordinator').toEqual([]);

  // By keyboard: the teacher in the labelled list, Tab to its button, Enter.
  await select.focus();
  await select.selectOption({ label: TEACHER });
  await page.keyboard.press('Tab');
  await expect(item.getByRole('button', { name: /^Add as teacher/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('ihl-staff-courses [role=status]').first()).toHaveText(`${TEACHER} now teaches the group.`);
  await expect(page.locator(`#teachers-${group.id}`)).toBeFocused();
  await expect(item.getByRole('button', { name: `Remove ${TEACHER}`, exact: false })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  expect(await axeViolations(page), 'a teacher assigned').toEqual([]);

  // The advisor now sees the group (found by its first session) as theirs, with its roster.
  const first = createFormatter('en', enFormat).dateTime(
    helsinkiInstant(group.sessions[0]!.date, group.sessions[0]!.start),
  );
  const advisorPage = await (await newContext({ viewport: { width: 320, height: 720 } })).newPage();
  await signIn(advisorPage, DEMO.advisorSo, { lang: 'en', now: e2eNow });
  await advisorPage.goto('/workspace/en/courses/');
  const theirs = advisorPage.locator('.template-list > li').filter({ hasText: '(so)' }).filter({ hasText: first });
  await expect(theirs).toHaveCount(1);
  await expect(theirs.locator('.badge')).toHaveText('Your group');
  await theirs.getByRole('button', { name: /^Participants/ }).click();
  await expect(advisorPage.locator('#roster-title')).toBeFocused();
  expect(await axeViolations(advisorPage), "the teacher's roster").toEqual([]);

  // Removed again, by keyboard: the advisor loses the roster.
  await item.getByRole('button', { name: `Remove ${TEACHER}`, exact: false }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('ihl-staff-courses [role=status]').first()).toHaveText(
    `${TEACHER} no longer teaches the group.`,
  );
  await expect(item).toContainText('none yet');
  const roster = await advisorPage.request.get(`/api/staff/courses/groups/${group.id}/roster`);
  expect(roster.status()).toBe(403);
});
