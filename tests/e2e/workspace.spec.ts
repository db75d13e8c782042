/**
 * Issue 5 end to end: a demo advisor signs in, opens their working hours, a client books from the
 * public booking API meanwhile, the booking appears in the advisor's list without a reload, and
 * the advisor marks it attended. axe checks each workspace page on the way.
 * Each test books its own time, enrols in its own group, and changes the walk-in hours only on a
 * server of its own (tests/e2e/staff.ts, tests/e2e/own-server.ts).
 */
import { expect, test } from './fixtures.ts';
import { axeViolations } from './axe.ts';
import { days, e2eNow } from './clock.ts';
import { E2E_CLOCK_START } from './env.ts';
import { DEMO, ownGroup, ownTimes, signIn, staffApi } from './staff.ts';
import { helsinkiInstant } from '../../src/domain/calendar.ts';
import { createFormatter } from '../../src/i18n/format.ts';
import fiFormat from '../../locales/fi/format.json' with { type: 'json' };

const ADVISOR = DEMO.advisorAr;

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

test('an advisor signs in, sees a new booking appear without a reload, and marks it attended', async ({
  page,
  request,
  baseURL,
}) => {
  // An Arabic in-person time of the advisor's own, at an hour no other test uses (tests/e2e/booking.spec.ts has 17:00–19:00).
  const staff = await staffApi(ADVISOR, { baseURL: baseURL!, now: e2eNow });
  const [slot] = await ownTimes(staff, {
    date: days(e2eNow()).firstBookable,
    times: ['19:00'],
    slotMinutes: 60,
    language: 'ar',
    mode: 'in_person',
  });
  await staff.dispose();

  await signIn(page, ADVISOR, { now: e2eNow });
  await expect(page.locator('ihl-staff-bookings')).toContainText('Kirjautunut');

  await page.getByRole('link', { name: 'Työajat' }).click();
  await expect(page.locator('.template-list li').first()).toBeVisible();
  expect(await axeViolations(page), 'availability').toEqual([]);
  await page.getByRole('link', { name: 'Varaukset' }).click();
  await expect(page.locator('ihl-staff-bookings')).toContainText('Kirjautunut');
  expect(await axeViolations(page), 'bookings').toEqual([]);

  // A client books that time (advisor A's) from the public side.
  const created = await request.post('/api/bookings', {
    data: {
      slotId: slot!.slotId,
      serviceLanguage: 'ar',
      mode: 'in_person',
      name: 'Workspace Client',
      email: `ws-${crypto.randomUUID()}@example.com`,
      contactLanguage: 'ar',
      locale: 'ar',
    },
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

test('a coordinator signs in with a TOTP code and changes the walk-in hours; the public schedule follows', async ({
  page,
  request,
  ownServer,
}) => {
  // The walk-in hours are everyone's: they change on a server of this test's own.
  const server = await ownServer({ clockStart: E2E_CLOCK_START, demo: true });
  await page.clock.setSystemTime(server.now());
  await signIn(page, DEMO.coordinator, { lang: 'en', base: server.base, now: server.now });
  // Saves and waits for the server's answer: the "Saved" of an earlier save stays on screen meanwhile.
  const save = async () => {
    const saved = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/staff/coordinator/walk-in' && r.request().method() === 'PUT',
    );
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    expect((await saved).status()).toBe(200);
    await expect(page.locator('.walk-in-message')).toContainText('Saved');
  };
  await page.getByRole('link', { name: 'Walk-in desk' }).click();
  await expect(page.locator('.row-editor').first()).toBeVisible();
  expect(await axeViolations(page), 'walk-in editor').toEqual([]);
  await page.getByRole('button', { name: 'Add hours' }).click();
  const last = page.locator('fieldset').first().locator('.row-editor').last();
  await last.locator('select').selectOption('6');
  await last.locator('input').nth(2).fill('th, fi');
  await last.locator('input').nth(2).press('Tab');
  await save();
  const pub = await (await request.get(`${server.base}/api/walk-in`)).json();
  expect(
    pub.schedule.sessions.some(
      (s: { weekday: number; languages: string[] }) => s.weekday === 6 && s.languages.includes('th'),
    ),
  ).toBe(true);
  // And back.
  await last.getByRole('button').click();
  await save();
  const restored = await (await request.get(`${server.base}/api/walk-in`)).json();
  expect(restored.schedule.sessions.some((s: { weekday: number }) => s.weekday === 6)).toBe(false);
  await page.getByRole('link', { name: 'Administration' }).click();
  await expect(page.locator('ihl-staff-admin .notice')).toBeVisible(); // a coordinator is not an admin
  expect(await axeViolations(page), 'admin page as coordinator').toEqual([]);
});

test('an advisor opens a course roster and downloads it as CSV', async ({ page }) => {
  await signIn(page, DEMO.advisorRu, { lang: 'en', now: e2eNow });
  await page.getByRole('link', { name: 'Courses' }).click();
  await expect(page.locator('.template-list li').first()).toBeVisible();
  expect(await axeViolations(page), 'courses page').toEqual([]);
  // Only the groups the advisor teaches (marked as theirs; demo data) offer the roster (#17, least privilege).
  const mine = page.locator('.template-list li').filter({ has: page.locator('.badge', { hasText: 'Your group' }) });
  await expect(page.locator('.template-list li').filter({ hasNotText: 'Your group' }).getByRole('button')).toHaveCount(
    0,
  );
  await mine
    .first()
    .getByRole('button', { name: /^Participants/ })
    .click();
  await expect(page.locator('#roster-title')).toBeFocused();
  expect(await axeViolations(page), 'roster').toEqual([]);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download the roster (CSV)' }).click();
  expect((await download).suggestedFilename()).toBe('roster.csv');
});

test('a certificate prints in Finnish and in the course language at 80 % attendance', async ({
  page,
  request,
  baseURL,
}) => {
  // An Arabic orientation group of this test's own (its first session at an hour no other group has), one person enrolled from the public side.
  const { today, plus } = days(e2eNow());
  const coordinator = await staffApi(DEMO.coordinator, { baseURL: baseURL!, now: e2eNow });
  const group = await ownGroup(coordinator, {
    course: 'society-orientation',
    language: 'ar',
    capacity: 20,
    enrolOpens: today,
    firstDate: plus(18),
    weeks: 5,
    start: '16:15',
    end: '18:15',
  });
  // The advisor teaches it: only a group's teachers (and coordinators) open its roster.
  const advisor = await staffApi(ADVISOR, { baseURL: baseURL!, now: e2eNow });
  await coordinator.post(`/api/staff/coordinator/courses/groups/${group.id}/teachers`, { staffId: advisor.user.id });
  await advisor.dispose();
  await coordinator.dispose();
  const enrolled = await request.post(`/api/courses/groups/${group.id}/enrolments`, {
    data: {
      name: 'Certificate Person',
      email: `cert-${crypto.randomUUID()}@example.com`,
      contactLanguage: 'ar',
      consent: true,
    },
  });
  expect(enrolled.status()).toBe(201);
  await signIn(page, ADVISOR, { now: e2eNow });
  await page.getByRole('link', { name: 'Kurssit' }).click();
  // The group's line shows its first session as the workspace formats it (src/i18n/format.ts).
  const first = createFormatter('fi', fiFormat).dateTime(
    helsinkiInstant(group.sessions[0]!.date, group.sessions[0]!.start),
  );
  const item = page
    .locator('.template-list li')
    .filter({ hasText: '(ar)' })
    .filter({ hasText: 'Monikielinen yhteiskuntaorientaatio' })
    .filter({ hasText: first });
  await expect(item).toHaveCount(1);
  await item.getByRole('button').first().click();
  const row = page.locator('tr').filter({ hasText: 'Certificate Person' });
  const boxes = row.locator('input[type=checkbox]');
  await expect(boxes).toHaveCount(group.sessions.length);
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
