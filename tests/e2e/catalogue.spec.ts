/**
 * Issue 7 so far, in Ukrainian and Arabic: filter the catalogue, enrol by keyboard, see the
 * seat taken (or the waitlist), confirm the held place with the code from the email on the manage
 * page (no JavaScript needed; README "Security"), then cancel.
 * Each test enrols in a group of its own (created by the demo coordinator through the workspace
 * API), so no other test takes or frees a seat while it counts them.
 */
import { expect, test } from './fixtures.ts';
import { axeViolations } from './axe.ts';
import { days, e2eNow } from './clock.ts';
import { mailTo } from './mail.ts';
import { DEMO, ownGroup, ownOrientationGroup, staffApi } from './staff.ts';

for (const { locale } of [{ locale: 'uk' }, { locale: 'ar' }]) {
  test(`filter, enrol and cancel a society-orientation group (${locale})`, async ({ page, baseURL }) => {
    const own = await ownOrientationGroup(baseURL!, locale, e2eNow);

    await page.goto(`/${locale}/courses/?topic=orientation`);
    await expect(page.locator('#c-language')).toHaveValue(locale);
    const group = page.locator(`li.group[data-group="${own.id}"]`);
    await expect(group).toBeVisible();
    expect(await axeViolations(page), 'catalogue with groups').toEqual([]);
    const seatsBefore = await group.locator('.seats').innerText();

    await group.getByRole('button').first().focus();
    await page.keyboard.press('Enter');
    // Sending without consent and contact explains what is missing.
    await page.locator('#en-name').focus();
    await page.keyboard.type('Тест Учасник');
    await group.locator('button[type=submit]').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.error-summary')).toBeFocused();
    expect(await axeViolations(page), 'enrolment form with errors').toEqual([]);
    const email = `course-${locale}-${crypto.randomUUID()}@example.com`;
    await page.locator('#en-email').focus();
    await page.keyboard.type(email);
    await page.locator('input[name=consent]').focus();
    await page.keyboard.press('Space');
    await group.locator('button[type=submit]').focus();
    await page.keyboard.press('Enter');

    const result = group.locator('.enrol-result');
    await expect(result).toBeFocused();
    await expect(result).toContainText(/[2-9A-Z]{3}-[2-9A-Z]{3}/);
    await expect(group.locator('.seats')).not.toHaveText(seatsBefore);
    // A new contact: the place is held until confirmed with the code sent by email.
    await expect(group.locator('.enrol-hold time')).toHaveAttribute('datetime', /T/);
    const held = await mailTo(email, 'enrolment_hold');
    const code = /\b(\d{6})\b/.exec(held.text)![1]!;
    const holdPage = /https?:\/\/\S+\/courses\/manage\/[A-Za-z0-9_-]{43}\//.exec(held.text)![0];
    await page.goto(holdPage);
    expect(await axeViolations(page), 'course manage page, held').toEqual([]);
    await page.locator('#hold-code').focus();
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/done=confirmed/);
    await expect(page.locator('.notice--ok')).toBeFocused();
    // The confirmation in the person's language, with every session in the calendar file and a manage link.
    const confirmation = await mailTo(email, 'enrolment_enrolled');
    expect(confirmation.ics?.match(/BEGIN:VEVENT/g)?.length).toBe(own.sessions.length);
    const manage = /https?:\/\/\S+\/courses\/manage\/[A-Za-z0-9_-]{43}\//.exec(confirmation.text)![0];
    expect(manage).toContain(`/${locale}/courses/manage/`);

    // Cancel from the manage link, without JavaScript.
    await page.goto(manage);
    expect(await axeViolations(page), 'course manage page').toEqual([]);
    await page.locator('input[name=confirm]').focus();
    await page.keyboard.press('Space');
    await page.locator('form button[type=submit]').focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/done=cancelled/);
    await page.goto(`/${locale}/courses/?topic=orientation`);
    await expect(page.locator(`li.group[data-group="${own.id}"]`).locator('.seats')).toHaveText(seatsBefore);
    const cancelled = await mailTo(email, 'enrolment_cancelled');
    expect(cancelled.ics).toContain('METHOD:CANCEL');
  });
}

test('a full group offers the waitlist', async ({ page, request, baseURL }) => {
  // Two Arabic parents' groups of this test's own: one seat, taken here; and five seats, all free.
  const { today, plus } = days(e2eNow());
  const coordinator = await staffApi(DEMO.coordinator, { baseURL: baseURL!, now: e2eNow });
  const small = await ownGroup(coordinator, {
    course: 'parents-group',
    language: 'ar',
    capacity: 1,
    enrolOpens: today,
    firstDate: plus(16),
    weeks: 2,
    start: '17:00',
    end: '18:30',
  });
  const roomy = await ownGroup(coordinator, {
    course: 'parents-group',
    language: 'ar',
    capacity: 5,
    enrolOpens: today,
    firstDate: plus(17),
    weeks: 2,
    start: '17:00',
    end: '18:30',
  });
  await coordinator.dispose();
  const filler = await request.post(`/api/courses/groups/${small.id}/enrolments`, {
    data: { name: 'Filler', email: `filler-${crypto.randomUUID()}@example.com`, contactLanguage: 'ar', consent: true },
  });
  expect((await filler.json()).status).toBe('enrolled');

  await page.goto('/ar/courses/?topic=family');
  const full = page.locator(`li.group[data-group="${small.id}"]`);
  await expect(full.locator('.seats')).toBeVisible();
  await expect(full.locator('.seats')).not.toContainText(/\d/);
  // Its button says "join the waitlist", unlike the button of a group with seats ("enrol").
  const open = page.locator(`li.group[data-group="${roomy.id}"]`);
  await expect(open.getByRole('button')).toHaveText('سجّل');
  await expect(full.getByRole('button')).toHaveText('انضم إلى قائمة الانتظار');
});
