/**
 * Issue 7 so far, in Ukrainian and Arabic: filter the catalogue, enrol by keyboard, see the
 * seat taken (or the waitlist), then cancel. (Emails for enrolments come with their texts later.)
 */
import { expect, test } from '@playwright/test';
import { axeViolations } from './axe.ts';
import { mailsTo } from './mail.ts';

for (const { locale } of [{ locale: 'uk' }, { locale: 'ar' }]) {
  test(`filter, enrol and cancel a society-orientation group (${locale})`, async ({ page }) => {
    await page.goto(`/${locale}/courses/?topic=orientation`);
    await expect(page.locator('#c-language')).toHaveValue(locale);
    const group = page.locator('li.group').first();
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
    const email = `course-${locale}-${Date.now()}@example.com`;
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
    // The confirmation in the person's language, with every session in the calendar file and a manage link.
    const [confirmation] = await mailsTo(email, 1);
    expect(confirmation, 'confirmation email').toBeDefined();
    expect(confirmation!.ics?.match(/BEGIN:VEVENT/g)?.length).toBeGreaterThan(1);
    const manage = /https?:\/\/\S+\/courses\/manage\/[A-Za-z0-9_-]{43}\//.exec(confirmation!.text)![0];
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
    await expect(page.locator('li.group').first().locator('.seats')).toHaveText(seatsBefore);
    const [, cancelled] = await mailsTo(email, 2);
    expect(cancelled?.ics).toContain('METHOD:CANCEL');
  });
}

test('a full group offers the waitlist', async ({ page, request }) => {
  // The demo parents' group in Arabic has 2 seats: fill them.
  const groups = (await (await request.get('/api/courses/groups?language=ar')).json()).groups as { id: string; course: string; seatsLeft: number }[];
  const small = groups.find((g) => g.course === 'parents-group')!;
  for (let i = 0; i < small.seatsLeft; i++) {
    await request.post(`/api/courses/groups/${small.id}/enrolments`, { data: { name: `Filler ${i}`, email: `filler${i}-${Date.now()}@example.com`, contactLanguage: 'ar', consent: true } });
  }
  await page.goto('/ar/courses/?topic=family');
  const group = page.locator(`li.group[data-group="${small.id}"]`);
  await expect(group.locator('.seats')).not.toContainText(/\d/);
  // Its button says "join the waitlist", unlike the button of a group with seats.
  await page.goto('/ar/courses/');
  const open = page.locator(`li.group:not([data-group="${small.id}"])`).first();
  const openLabel = await open.getByRole('button').innerText();
  const fullLabel = await page.locator(`li.group[data-group="${small.id}"]`).getByRole('button').innerText();
  expect(fullLabel).not.toBe(openLabel);
});
