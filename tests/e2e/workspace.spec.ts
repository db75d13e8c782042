/**
 * Issue 5 end to end: a demo advisor signs in, opens their working hours, a client books from the
 * public booking API meanwhile, the booking appears in the advisor's list without a reload, and
 * the advisor marks it attended. axe checks each workspace page on the way.
 */
import { expect, test } from '@playwright/test';
import { axeViolations } from './axe.ts';

const ADVISOR = 'demo.advisor.ar@example.invalid';
const PASSWORD = 'demo only, never for real use';

test('the sign-in page passes axe in every staff language', async ({ page }) => {
  for (const lang of ['fi', 'sv', 'en']) {
    await page.goto(`/workspace/${lang}/`);
    await expect(page.locator('#login-email')).toBeVisible();
    expect(await axeViolations(page), lang).toEqual([]);
  }
});

test('a failed sign-in says one generic thing', async ({ page }) => {
  await page.goto('/workspace/en/');
  await page.locator('#login-email').fill(ADVISOR);
  await page.locator('#login-password').fill('not the password');
  await page.locator('button[type=submit]').click();
  await expect(page.locator('.error-summary')).toContainText('Sign-in failed');
  await expect(page).toHaveURL(/\/workspace\/en\/$/);
});

test('an advisor signs in, sees a new booking appear without a reload, and marks it attended', async ({ page, request }) => {
  await page.goto('/workspace/fi/');
  await page.locator('#login-email').fill(ADVISOR);
  await page.locator('#login-password').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/workspace\/fi\/bookings\/$/);
  await expect(page.locator('ihl-staff-bookings')).toContainText('Kirjautunut');

  await page.getByRole('link', { name: 'Työajat' }).click();
  await expect(page.locator('.template-list li').first()).toBeVisible();
  expect(await axeViolations(page), 'availability').toEqual([]);
  await page.getByRole('link', { name: 'Varaukset' }).click();
  await expect(page.locator('ihl-staff-bookings')).toContainText('Kirjautunut');
  expect(await axeViolations(page), 'bookings').toEqual([]);

  // A client books an Arabic in-person time (advisor A's) from the public side.
  const slots = await (await request.get('/api/bookings/slots?language=ar&mode=in_person')).json();
  const slot = slots.days[0].times[0];
  const created = await request.post('/api/bookings', {
    data: { slotId: slot.slotId, serviceLanguage: 'ar', mode: 'in_person', name: 'Workspace Client', email: `ws-${Date.now()}@example.com`, contactLanguage: 'ar', locale: 'ar' },
  });
  expect(created.status()).toBe(201);
  const reference = (await created.json()).booking.reference as string;

  // It appears within 5 seconds, without a reload.
  const row = page.locator(`tr[data-reference="${reference}"]`);
  await expect(row).toBeVisible({ timeout: 5000 });
  await row.getByRole('button').click();
  await expect(page.locator('#booking-detail-title')).toBeFocused();
  expect(await axeViolations(page), 'booking detail').toEqual([]);
  await page.getByRole('button', { name: 'Merkitse käydyksi' }).click();
  await expect(page.locator('.detail')).toContainText('käyty');
});

test('a coordinator signs in with a TOTP code and changes the walk-in hours; the public schedule follows', async ({ page, request }) => {
  const { TOTP, Secret } = await import('otpauth');
  const code = new TOTP({ secret: Secret.fromBase32('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'), digits: 6, period: 30 }).generate();
  await page.goto('/workspace/en/');
  await page.locator('#login-email').fill('demo.coordinator@example.invalid');
  await page.locator('#login-password').fill(PASSWORD);
  await page.locator('#login-totp').fill(code);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/workspace\/en\/bookings\/$/);
  await page.getByRole('link', { name: 'Walk-in desk' }).click();
  await expect(page.locator('.row-editor').first()).toBeVisible();
  expect(await axeViolations(page), 'walk-in editor').toEqual([]);
  await page.getByRole('button', { name: 'Add hours' }).click();
  const last = page.locator('fieldset').first().locator('.row-editor').last();
  await last.locator('select').selectOption('6');
  await last.locator('input').nth(2).fill('th, fi');
  await last.locator('input').nth(2).press('Tab');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('.walk-in-message')).toContainText('Saved');
  const pub = await (await request.get('/api/walk-in')).json();
  expect(pub.schedule.sessions.some((s: { weekday: number; languages: string[] }) => s.weekday === 6 && s.languages.includes('th'))).toBe(true);
  // Put the schedule back, so that the walk-in tests running alongside see the sample week.
  await last.getByRole('button').click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('.walk-in-message')).toContainText('Saved');
  const restored = await (await request.get('/api/walk-in')).json();
  expect(restored.schedule.sessions.some((s: { weekday: number }) => s.weekday === 6)).toBe(false);
  await page.getByRole('link', { name: 'Administration' }).click();
  await expect(page.locator('ihl-staff-admin .notice')).toBeVisible(); // a coordinator is not an admin
  expect(await axeViolations(page), 'admin page as coordinator').toEqual([]);
});

test('an advisor opens a course roster and downloads it as CSV', async ({ page }) => {
  await page.goto('/workspace/en/');
  await page.locator('#login-email').fill('demo.advisor.ru@example.invalid');
  await page.locator('#login-password').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/workspace\/en\/bookings\/$/);
  await page.getByRole('link', { name: 'Courses' }).click();
  await expect(page.locator('.template-list li').first()).toBeVisible();
  expect(await axeViolations(page), 'courses page').toEqual([]);
  await page.locator('.template-list li').first().getByRole('button').first().click();
  await expect(page.locator('#roster-title')).toBeFocused();
  expect(await axeViolations(page), 'roster').toEqual([]);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download the roster (CSV)' }).click();
  expect((await download).suggestedFilename()).toBe('roster.csv');
});

test('a certificate prints in Finnish and in the course language at 80 % attendance', async ({ page, request }) => {
  // An Arabic orientation group: enrol one person from the public side.
  const groups = (await (await request.get('/api/courses/groups?language=ar')).json()).groups as { id: string; course: string }[];
  const group = groups.find((g) => g.course === 'society-orientation')!;
  const enrolled = await request.post(`/api/courses/groups/${group.id}/enrolments`, { data: { name: 'Certificate Person', email: `cert-${Date.now()}@example.com`, contactLanguage: 'ar', consent: true } });
  expect(enrolled.status()).toBe(201);
  await page.goto('/workspace/fi/');
  await page.locator('#login-email').fill('demo.advisor.ar@example.invalid');
  await page.locator('#login-password').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/bookings/);
  await page.getByRole('link', { name: 'Kurssit' }).click();
  const item = page.locator('.template-list li').filter({ hasText: '(ar)' }).filter({ hasText: 'Monikielinen yhteiskuntaorientaatio' }).first();
  await item.getByRole('button').first().click();
  const row = page.locator('tr').filter({ hasText: 'Certificate Person' });
  const boxes = row.locator('input[type=checkbox]');
  await expect(boxes.first()).toBeVisible();
  const n = await boxes.count();
  expect(n).toBeGreaterThanOrEqual(5);
  for (let i = 0; i < n; i++) {
    const saved = page.waitForResponse((r) => r.url().includes('/attendance') && r.request().method() === 'POST');
    await boxes.nth(i).check();
    expect((await saved).status()).toBe(200);
  }
  await expect(boxes.nth(n - 1)).toBeChecked();
  await row.getByRole('button').click();
  const certificate = page.locator('.certificate');
  await expect(certificate.locator('[lang=fi]')).toContainText('Certificate Person on osallistunut kurssille');
  await expect(certificate.locator('[lang=ar]')).toHaveAttribute('dir', 'rtl');
  expect(await axeViolations(page), 'certificate').toEqual([]);
});
