/**
 * Issue 17 (item 1) end to end: the coordinator pairs a walk-in kiosk in the workspace by keyboard
 * at 320 px, gets its link once, opens it on the tablet, whose queue numbers then carry the kiosk's
 * key (so they count on the kiosk's own budget, not the address's), and revokes it after a
 * confirmation. axe on each state. On a server of its own, on the e2e clock's Monday morning (the
 * queue is open): its tickets and its kiosks are nobody else's.
 */
import { expect, test } from './fixtures.ts';
import { axeViolations } from './axe.ts';
import { E2E_CLOCK_START } from './env.ts';
import { DEMO, signIn } from './staff.ts';
import { createFormatter } from '../../src/i18n/format.ts';
import enFormat from '../../locales/en/format.json' with { type: 'json' };

test('a coordinator pairs a kiosk by keyboard at 320 px, the tablet uses its key, and it is revoked', async ({
  ownServer,
  newContext,
  page,
}) => {
  test.setTimeout(120_000);
  const server = await ownServer({ clockStart: E2E_CLOCK_START, demo: true });
  const base = server.base;
  await page.clock.setSystemTime(server.now());
  await page.setViewportSize({ width: 320, height: 720 });
  await signIn(page, DEMO.coordinator, { base, lang: 'en', now: server.now });
  await page.goto(`${base}/workspace/en/walk-in/`);
  const section = page.locator('ihl-staff-kiosks');
  await expect(section.getByRole('heading', { name: 'Kiosks', exact: true })).toBeVisible();
  await expect(section).toContainText('No kiosk is paired.');
  expect(await axeViolations(page), 'kiosks, none paired').toEqual([]);

  // By keyboard: the name, Tab to the service point (the first, Palvelutori), Tab to the button.
  await section.getByLabel(/^Name of the kiosk/).focus();
  await page.keyboard.type('Palvelutori, left desk');
  await page.keyboard.press('Tab');
  await expect(section.getByLabel('Service point')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(section.getByRole('button', { name: 'Pair a kiosk' })).toBeFocused();
  await page.keyboard.press('Enter');

  // The link, once: the focus moves to it.
  await expect(section.getByRole('heading', { name: 'Pairing link for Palvelutori, left desk' })).toBeFocused();
  const link = await section.getByLabel('The link as text').inputValue();
  expect(link).toMatch(new RegExp(`^${base}/kiosk/palvelutori/#pair=ihlk_[A-Za-z0-9_-]{43}$`));
  const key = link.split('#pair=')[1]!;
  const row = section.locator('tbody tr').filter({ hasText: 'Palvelutori, left desk' });
  await expect(row).toContainText('In use');
  // The date the kiosk was paired, as the workspace writes dates in English (src/i18n/format.ts).
  const paired = row.locator('time').first();
  const pairedAt = new Date((await paired.getAttribute('datetime'))!);
  await expect(paired).toHaveText(createFormatter('en', enFormat).dateTime(pairedAt));
  expect(await axeViolations(page), 'kiosks, link shown').toEqual([]);
  // Nothing overflows the 320 px screen sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

  // The tablet opens the link once: it keeps the key and sends it with every ticket.
  const tablet = await (await newContext({ viewport: { width: 1024, height: 768 }, now: server.now })).newPage();
  await tablet.goto(link);
  await expect(tablet.getByRole('button', { name: 'English' })).toBeVisible();
  expect(await tablet.evaluate(() => localStorage.getItem('ihl-kiosk-key'))).toBe(key);
  await tablet.getByRole('button', { name: 'English' }).click();
  const ticket = tablet.waitForRequest(
    (r) => r.url().endsWith('/api/queue/points/palvelutori/tickets') && r.method() === 'POST',
  );
  await tablet.getByRole('button', { name: 'Work and jobs' }).click();
  const sent = await ticket;
  expect(sent.headers()['x-kiosk-key']).toBe(key);
  expect((await sent.response())?.status()).toBe(201);

  // Revoke, by keyboard, after a confirmation that takes the focus; "Keep it" would leave it.
  await row.getByRole('button', { name: 'Revoke Palvelutori, left desk' }).focus();
  await page.keyboard.press('Enter');
  const confirm = section.locator('#kiosk-confirm');
  await expect(confirm).toBeFocused();
  await expect(confirm).toContainText('Revoke Palvelutori, left desk?');
  expect(await axeViolations(page), 'kiosks, confirming').toEqual([]);
  await page.keyboard.press('Tab');
  await expect(confirm.getByRole('button', { name: 'Yes, revoke' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(section.locator('#kiosks-message')).toHaveText('Palvelutori, left desk is revoked.');
  await expect(row).not.toContainText('In use');
  await expect(row.locator('time')).toHaveCount(2);
  await expect(row.getByRole('button')).toHaveCount(0);
  // The link is not shown again.
  await expect(section.getByLabel('The link as text')).toHaveCount(0);
  expect(await axeViolations(page), 'kiosks, revoked').toEqual([]);
});
