/**
 * Issue 9 in the browser: a coordinator opens the reports, each table has its chart and a CSV
 * with the same cells, axe finds nothing; an advisor is turned away.
 */
import { expect, test } from '@playwright/test';
import { axeViolations } from './axe.ts';

const PASSWORD = 'demo only, never for real use';

test('a coordinator reads the reports: chart, table and the same cells in the CSV', async ({ page, request }) => {
  // An employer request this month, so that the employers table has a row.
  const employer = await request.post('/api/requests/employer', {
    data: { company: 'Raporttitesti Oy', businessId: '0112038-9', contactName: 'R T', email: 'rt@example.invalid', needs: ['eures'], sector: 'ict', languages: [], locale: 'fi' },
  });
  expect(employer.status()).toBe(201);

  const { TOTP, Secret } = await import('otpauth');
  await page.goto('/workspace/fi/');
  await page.locator('#login-email').fill('demo.coordinator@example.invalid');
  await page.locator('#login-password').fill(PASSWORD);
  await page.locator('#login-totp').fill(new TOTP({ secret: Secret.fromBase32('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'), digits: 6, period: 30 }).generate());
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/bookings/);
  await page.getByRole('link', { name: 'Raportit' }).click();
  const employers = page.locator('section.report', { has: page.getByRole('heading', { name: 'Työnantajien yhteydenottopyynnöt' }) });
  await expect(employers.locator('table')).toBeVisible();
  await expect(employers.locator('svg[role=img]')).toHaveAttribute('aria-label', 'Kaavio: Työnantajien yhteydenottopyynnöt');
  expect(await axeViolations(page), 'reports').toEqual([]);

  const cells = await employers.locator('tbody tr').last().locator('td').allInnerTexts();
  const href = await employers.getByRole('link', { name: /Lataa CSV/ }).getAttribute('href');
  const csv = await (await page.request.get(href!)).text();
  const last = csv.trim().split('\r\n').at(-1)!.split(',').map((v) => (v === '' ? '–' : v));
  expect(last).toEqual(cells);
  // One request this month at least, but fewer than five in a fresh database: shown as "<5".
  expect(cells[1]).toMatch(/^(<5|\d+)$/);
});

test('an advisor is turned away from the reports', async ({ page }) => {
  await page.goto('/workspace/fi/');
  await page.locator('#login-email').fill('demo.advisor.ru@example.invalid');
  await page.locator('#login-password').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/bookings/);
  await page.goto('/workspace/fi/reports/');
  await expect(page.locator('ihl-staff-reports .notice')).toBeVisible();
  expect((await page.request.get('/api/staff/coordinator/reports?from=2026-01&to=2026-12')).status()).toBe(403);
});
