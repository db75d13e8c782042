/**
 * Issue 6 end to end: a ticket from the kiosk (in Arabic, touch) and one from a phone (in Finnish,
 * keyboard only, 320 px wide); the advisor's console calls them; the display and the phone page
 * show the calls live; axe on every screen. Then a server of its own is stopped and started
 * again, and the display's live connection recovers and shows what happened after the restart.
 *
 * The tests that call the next person do it on a server of their own, on the e2e clock's Monday
 * morning (the walk-in desk and its queue open): the queue holds only their tickets, so the order
 * of calls and the count of people ahead are theirs alone, whichever tests run alongside.
 */
import { expect, test } from './fixtures.ts';
import { axeViolations } from './axe.ts';
import { E2E_CLOCK_START } from './env.ts';
import { DEMO, signIn, staffApi } from './staff.ts';

test('kiosk and phone tickets, called from the console, shown on the display and the phone', async ({
  ownServer,
  newContext,
  page: console_,
}) => {
  test.setTimeout(120_000);
  const server = await ownServer({ clockStart: E2E_CLOCK_START, demo: true });
  const base = server.base;
  const device = (viewport: { width: number; height: number }) => newContext({ viewport, now: server.now });
  await console_.clock.setSystemTime(server.now());

  // The advisor opens a desk. The queue is open on Monday morning by the desk's hours, and empty.
  await signIn(console_, DEMO.advisorSo, { base, now: server.now });
  await console_.getByRole('link', { name: 'Jono' }).click();
  await expect(console_.locator('ihl-staff-queue h2').first()).toBeVisible();
  await expect(console_.locator('ihl-staff-queue')).toContainText(/Jono on auki kello 15[.:]00 asti\./);
  await expect(console_.getByLabel('Avaa jono nyt, kello')).toHaveCount(0);
  await expect(console_.locator('ihl-staff-queue')).toContainText('Ei odottajia.');
  await console_.getByLabel('Palvelupiste', { exact: true }).selectOption('4');
  await console_.getByRole('checkbox', { name: 'arabia' }).check();
  await console_.getByRole('button', { name: 'Avaa palvelupiste' }).click();
  await expect(console_.getByRole('heading', { name: 'Palvelupiste 4, Palvelutori' })).toBeVisible();
  expect(await axeViolations(console_), 'console').toEqual([]);

  // The display, on its own screen.
  const display = await (await device({ width: 1280, height: 720 })).newPage();
  await display.goto(`${base}/kiosk/palvelutori/display/`);
  await expect(display.locator('.live-status')).toHaveAttribute('data-connected', 'true');
  expect(await axeViolations(display), 'display').toEqual([]);

  // The kiosk: Arabic, then a topic; the number comes in Arabic, right to left.
  const kiosk = await (await device({ width: 1024, height: 768 })).newPage();
  await kiosk.goto(`${base}/kiosk/palvelutori/`);
  expect(await axeViolations(kiosk), 'kiosk: languages').toEqual([]);
  await kiosk.getByRole('button', { name: 'العربية' }).click();
  const root = kiosk.locator('ihl-kiosk [data-island-root]');
  await expect(root).toHaveAttribute('lang', 'ar');
  await expect(root).toHaveAttribute('dir', 'rtl');
  expect(await axeViolations(kiosk), 'kiosk: topics in Arabic').toEqual([]);
  await kiosk.getByRole('button', { name: 'تصريح الإقامة والتسجيل' }).click();
  // The optional text messages (tests/e2e/queue-phone.spec.ts): skipped.
  await kiosk.getByRole('button', { name: 'تخطَّ' }).click();
  const kioskCode = (await kiosk.locator('.ticket-code--kiosk').innerText()).trim();
  expect(kioskCode).toMatch(/^C-\d{3}$/);
  expect(await axeViolations(kiosk), 'kiosk: ticket').toEqual([]);
  await kiosk.getByRole('button', { name: 'تم' }).click();
  await expect(kiosk.getByRole('button', { name: 'Suomi' })).toBeVisible();

  // A phone, 320 px wide, keyboard only: Finnish, "work and jobs".
  const phone = await (await device({ width: 320, height: 640 })).newPage();
  await phone.goto(`${base}/fi/walk-in/queue/`);
  await expect(phone.locator('ihl-queue-join')).toContainText('Jono on auki');
  await phone.getByRole('radio', { name: 'Yleinen neuvonta' }).focus();
  for (let i = 0; i < 3; i++) await phone.keyboard.press('ArrowDown');
  await expect(phone.getByRole('radio', { name: 'Työ ja työnhaku' })).toBeChecked();
  await phone.getByRole('button', { name: 'Ota jonotusnumero' }).focus();
  await phone.keyboard.press('Enter');
  await expect(phone).toHaveURL(/\/fi\/queue\/[A-Za-z0-9_-]{43}\/$/);
  const phoneCode = (await phone.locator('.ticket-code').innerText()).trim();
  expect(phoneCode).toMatch(/^D-\d{3}$/);
  await expect(phone.locator('.ticket-state')).toContainText('Ennen sinua on 1 ihminen.');
  await expect(phone.getByText('Arvio lasketaan')).toBeVisible();
  await expect(phone.locator('.live-status')).toHaveAttribute('data-connected', 'true');
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  expect(await axeViolations(phone), 'phone ticket').toEqual([]);

  // The console calls: the kiosk's Arabic ticket first (it waited longest, and Arabic is served here).
  await console_.getByRole('button', { name: 'Kutsu seuraava' }).click();
  await expect(console_.locator('.queue-message')).toHaveText(`Kutsuttu: ${kioskCode}`);
  const line = display.locator('.display-now__line');
  await expect(line).toHaveText(`الرقم ${kioskCode}، يُرجى التوجّه إلى الشباك 4.`);
  await expect(line).toHaveAttribute('lang', 'ar');
  await expect(line).toHaveAttribute('dir', 'rtl');
  // The phone moves up without a reload; with no time left to estimate, the page no longer explains one.
  await expect(phone.locator('.ticket-state')).toContainText('Olet seuraavana vuorossa.');
  await expect(phone.getByText('Arvio lasketaan')).toHaveCount(0);

  await console_.getByRole('button', { name: 'Palveltu' }).click();
  await console_.getByRole('button', { name: 'Kutsu seuraava' }).click();
  await expect(console_.locator('.queue-message')).toHaveText(`Kutsuttu: ${phoneCode}`);
  await expect(phone.locator('.ticket-state')).toHaveText('Sinun vuorosi! Mene palvelupisteeseen 4.');
  await expect(phone).toHaveTitle('Vuorosi: piste 4');
  await expect(display.locator('.display-now__line')).toHaveText(`Numero ${phoneCode}, tulkaa pisteeseen 4.`);
  await expect(display.locator('.display-table')).toContainText(kioskCode);

  await console_.getByRole('button', { name: 'Palveltu' }).click();
  await expect(phone.locator('.ticket-state')).toHaveText('Sinut on palveltu. Kiitos käynnistä!');
  await expect(phone.locator('.leave-form')).toHaveCount(0);
  await console_.getByRole('button', { name: 'Sulje palvelupiste' }).click();
  await expect(console_.getByRole('button', { name: 'Avaa palvelupiste' })).toBeVisible();
});

test('the phone page in Arabic: right to left, and a person can leave the queue without JavaScript', async ({
  newContext,
}) => {
  // On the e2e server, on Monday morning: the queue is open, so the number comes at once.
  const context = await newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  await page.goto('/ar/walk-in/queue/');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByRole('button', { name: 'خذ رقم دور' }).click();
  await expect(page).toHaveURL(/\/ar\/queue\/[A-Za-z0-9_-]{43}\/$/);
  await expect(page.locator('.ticket-code')).toHaveText(/^A-\d{3}$/);
  await page.getByRole('button', { name: 'غادر طابور الانتظار' }).click();
  await expect(page).toHaveURL(/\?done=left$/);
  await expect(page.locator('.notice--ok')).toHaveText('لقد غادرت طابور الانتظار.');
});

test('the appointments kiosk checks in by booking reference, and says clearly when none is found', async ({ page }) => {
  await page.goto('/kiosk/aleksanterinkatu-24b/');
  await page.getByRole('button', { name: 'Suomi' }).click();
  // This place has no walk-in topics: straight to the check-in.
  await expect(page.getByRole('heading', { name: 'Minulla on varattu aika' })).toBeVisible();
  await expect(page.getByLabel('Varaustunnus')).toBeFocused();
  await page.keyboard.type('ZZZ-ZZZ');
  await page.keyboard.press('Enter');
  await expect(page.locator('.field-error')).toHaveText(
    'Tällä tunnuksella ei löydy tämän päivän aikaa tässä toimipisteessä.',
  );
  await expect(page.getByLabel('Varaustunnus')).toHaveAttribute('aria-invalid', 'true');
  expect(await axeViolations(page), 'check-in with an error').toEqual([]);
});

test('after a server restart the display reconnects by itself and shows a call made after the restart', async ({
  page,
  ownServer,
}) => {
  test.setTimeout(90_000);
  const server = await ownServer({ clockStart: E2E_CLOCK_START, demo: true });
  const base = server.base;
  await page.clock.setSystemTime(server.now());
  // Monday morning: the queue is open by the desk's hours. The advisor opens desk 2.
  const staff = await staffApi(DEMO.advisorSo, { baseURL: base, now: server.now });
  await staff.post('/api/staff/queue/desk', { servicePoint: 'palvelutori', desk: '2', languages: ['fi', 'so'] });
  await staff.dispose();

  await page.goto(`${base}/kiosk/palvelutori/display/`);
  await expect(page.locator('.live-status')).toHaveAttribute('data-connected', 'true');
  await expect(page.locator('.display-empty')).toBeVisible();

  await server.stop();
  await expect(page.locator('.live-status')).toHaveAttribute('data-connected', 'false');
  await server.start();

  // The queue survived the restart (it is in the database): a ticket, a call, on the same display.
  const taken = await fetch(`${base}/api/queue/points/palvelutori/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ topic: 'family', language: 'so' }),
  });
  expect(taken.status).toBe(201);
  const ticket = (await taken.json()) as { ticket: { code: string } };
  const again = await staffApi(DEMO.advisorSo, { baseURL: base, now: server.now });
  const called = (await again.post('/api/staff/queue/call-next', {})) as { called: { code: string } };
  expect(called.called.code).toBe(ticket.ticket.code);
  await again.dispose();
  await expect(page.locator('.live-status')).toHaveAttribute('data-connected', 'true', { timeout: 15_000 });
  await expect(page.locator('.display-now__line')).toHaveAttribute('lang', 'so');
  await expect(page.locator('.display-now__pair')).toContainText(`${ticket.ticket.code} → 2`);
});
