/**
 * Issue 9 in the browser: a coordinator opens the reports, each table has its chart and a CSV
 * with the same cells, axe finds nothing; an advisor is turned away.
 */
import { expect, test } from './fixtures.ts';
import { axeViolations } from './axe.ts';
import { days, e2eNow } from './clock.ts';
import { E2E_CLOCK_START } from './env.ts';
import { DEMO, signIn } from './staff.ts';

test('a coordinator reads the reports: chart, table and the same cells in the CSV', async ({ page, ownServer }) => {
  // Reports count everything in a month: on a server of its own, the only rows are this test's,
  // and nothing changes between reading the table and downloading the CSV.
  const server = await ownServer({ clockStart: E2E_CLOCK_START, demo: true });
  await page.clock.setSystemTime(server.now());
  // One employer request this month, so that the employers table has a row.
  const employer = await page.request.post(`${server.base}/api/requests/employer`, {
    data: {
      company: 'Raporttitesti Oy',
      businessId: '0112038-9',
      contactName: 'R T',
      email: 'rt@example.invalid',
      needs: ['eures'],
      sector: 'ict',
      languages: [],
      locale: 'fi',
    },
  });
  expect(employer.status()).toBe(201);

  await signIn(page, DEMO.coordinator, { base: server.base, now: server.now });
  await page.getByRole('link', { name: 'Raportit' }).click();
  const employers = page.locator('section.report', {
    has: page.getByRole('heading', { name: 'Työnantajien yhteydenottopyynnöt' }),
  });
  await expect(employers.locator('table')).toBeVisible();
  await expect(employers.locator('svg[role=img]')).toHaveAttribute(
    'aria-label',
    'Kaavio: Työnantajien yhteydenottopyynnöt',
  );
  expect(await axeViolations(page), 'reports').toEqual([]);

  const cells = await employers.locator('tbody tr').last().locator('td').allInnerTexts();
  const href = await employers.getByRole('link', { name: /Lataa CSV/ }).getAttribute('href');
  // (A GET on a kept-alive connection the server closes just then is reset: once more is the same GET.)
  const csv = await (await page.request.get(new URL(href!, server.base).href, { maxRetries: 1 })).text();
  const last = csv
    .trim()
    .split('\r\n')
    .at(-1)!
    .split(',')
    .map((v) => (v === '' ? '–' : v));
  expect(last).toEqual(cells);
  // This month's row: the one request, fewer than five, shown as "<5".
  expect(cells[1]).toBe('<5');
});

test('an advisor is turned away from the reports', async ({ page }) => {
  await signIn(page, DEMO.advisorRu, { now: e2eNow });
  await page.goto('/workspace/fi/reports/');
  await expect(page.locator('ihl-staff-reports .notice')).toBeVisible();
  const { year } = days(e2eNow());
  expect((await page.request.get(`/api/staff/coordinator/reports?from=${year}-01&to=${year}-12`)).status()).toBe(403);
});
