/**
 * Issue 6 end to end: a ticket from the kiosk (in Arabic, touch) and one from a phone (in Finnish,
 * keyboard only, 320 px wide); the advisor's console calls them; the display and the phone page
 * show the calls live; axe on every screen. Then a server of its own is stopped and started
 * again, and the display's live connection recovers and shows what happened after the restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { axeViolations } from './axe.ts';

// One queue on one server: these tests run one after another, so that the calls are predictable.
test.describe.configure({ mode: 'serial' });

const PASSWORD = 'demo only, never for real use';
// Its own advisor, so that no other test's desk or session gets in the way.
const ADVISOR = 'demo.advisor.so@example.invalid';

async function signIn(page: Page, email: string) {
  await page.goto('/workspace/fi/');
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/workspace\/fi\/bookings\/$/);
}

test('kiosk and phone tickets, called from the console, shown on the display and the phone', async ({ browser, page: console_ }) => {
  test.setTimeout(120_000);
  // The advisor opens the queue for the rest of the day (the sample hours may be over) and a desk.
  await signIn(console_, ADVISOR);
  await console_.getByRole('link', { name: 'Jono' }).click();
  await expect(console_.locator('ihl-staff-queue h2').first()).toBeVisible();
  const until = console_.getByLabel('Avaa jono nyt, kello');
  if (await until.isVisible()) {
    await until.fill('23:59');
    await console_.getByRole('button', { name: 'Avaa jono' }).click();
    await expect(console_.locator('.queue-message')).toHaveText('');
  }
  await console_.getByLabel('Palvelupiste', { exact: true }).selectOption('4');
  await console_.getByRole('checkbox', { name: 'arabia' }).check();
  await console_.getByRole('button', { name: 'Avaa palvelupiste' }).click();
  await expect(console_.getByRole('heading', { name: 'Palvelupiste 4, Palvelutori' })).toBeVisible();
  expect(await axeViolations(console_), 'console').toEqual([]);
  // Anyone left in the queue from other runs is served first, so the calls below are ours.
  for (;;) {
    const call = console_.getByRole('button', { name: 'Kutsu seuraava' });
    await call.click();
    const message = await console_.locator('.queue-message').innerText();
    if (!message.startsWith('Kutsuttu')) break;
    await console_.getByRole('button', { name: 'Palveltu' }).click();
  }

  // The display, on its own screen.
  const display = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  await display.goto('/kiosk/palvelutori/display/');
  await expect(display.locator('.live-status')).toHaveAttribute('data-connected', 'true');
  expect(await axeViolations(display), 'display').toEqual([]);

  // The kiosk: Arabic, then a topic; the number comes in Arabic, right to left.
  const kiosk = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
  await kiosk.goto('/kiosk/palvelutori/');
  expect(await axeViolations(kiosk), 'kiosk: languages').toEqual([]);
  await kiosk.getByRole('button', { name: 'العربية' }).click();
  const root = kiosk.locator('ihl-kiosk [data-island-root]');
  await expect(root).toHaveAttribute('lang', 'ar');
  await expect(root).toHaveAttribute('dir', 'rtl');
  expect(await axeViolations(kiosk), 'kiosk: topics in Arabic').toEqual([]);
  await kiosk.getByRole('button', { name: 'تصريح الإقامة والتسجيل' }).click();
  const kioskCode = (await kiosk.locator('.ticket-code').innerText()).trim();
  expect(kioskCode).toMatch(/^C-\d{3}$/);
  expect(await axeViolations(kiosk), 'kiosk: ticket').toEqual([]);
  await kiosk.getByRole('button', { name: 'تم' }).click();
  await expect(kiosk.getByRole('button', { name: 'Suomi' })).toBeVisible();

  // A phone, 320 px wide, keyboard only: Finnish, "work and jobs".
  const phoneContext = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const phone = await phoneContext.newPage();
  await phone.goto('/fi/walk-in/queue/');
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
  // The phone moves up without a reload.
  await expect(phone.locator('.ticket-state')).toContainText('Olet seuraavana vuorossa.');

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
  await phoneContext.close();
});

test('the phone page in Arabic: right to left, and a person can leave the queue without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  await page.goto('/ar/walk-in/queue/');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByRole('button', { name: 'خذ رقم دور' }).click();
  if (!/\/ar\/queue\//.test(page.url())) {
    // Outside opening hours the form comes back with the reason (shown by the island with JavaScript).
    expect(page.url()).toContain('/ar/walk-in/queue/?error=queue_closed');
    await context.close();
    return;
  }
  await expect(page.locator('.ticket-code')).toHaveText(/^A-\d{3}$/);
  await page.getByRole('button', { name: 'غادر طابور الانتظار' }).click();
  await expect(page).toHaveURL(/\?done=left$/);
  await expect(page.locator('.notice--ok')).toHaveText('لقد غادرت طابور الانتظار.');
  await context.close();
});

test('the appointments kiosk checks in by booking reference, and says clearly when none is found', async ({ page }) => {
  await page.goto('/kiosk/aleksanterinkatu-24b/');
  await page.getByRole('button', { name: 'Suomi' }).click();
  // This place has no walk-in topics: straight to the check-in.
  await expect(page.getByRole('heading', { name: 'Minulla on varattu aika' })).toBeVisible();
  await expect(page.getByLabel('Varaustunnus')).toBeFocused();
  await page.keyboard.type('ZZZ-ZZZ');
  await page.keyboard.press('Enter');
  await expect(page.locator('.field-error')).toHaveText('Tällä tunnuksella ei löydy tämän päivän aikaa tässä toimipisteessä.');
  await expect(page.getByLabel('Varaustunnus')).toHaveAttribute('aria-invalid', 'true');
  expect(await axeViolations(page), 'check-in with an error').toEqual([]);
});

test.describe('after a server restart', () => {
  const port = 4398;
  const base = `http://127.0.0.1:${port}`;
  let dataDir = '';
  let server: ChildProcess | undefined;

  async function startServer() {
    server = spawn(process.execPath, ['server/main.ts'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development', PUBLIC_BASE_URL: base },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    for (let i = 0; i < 100; i++) {
      if (await fetch(`${base}/api/health`).then((r) => r.ok).catch(() => false)) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the server did not start');
  }
  async function stopServer() {
    const exited = new Promise((r) => server!.once('exit', r));
    server!.kill('SIGTERM');
    await exited;
  }
  async function staffApi(): Promise<{ api: APIRequestContext; csrf: string }> {
    const api = await playwrightRequest.newContext({ baseURL: base });
    const login = await api.post('/api/staff/login', { data: { email: ADVISOR, password: PASSWORD } });
    expect(login.status()).toBe(200);
    return { api, csrf: (await login.json()).csrfToken };
  }

  test.beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ihl-restart-'));
    await startServer();
  });
  test.afterAll(async () => {
    if (server && server.exitCode === null) await stopServer();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('the display reconnects by itself and shows a call made after the restart', async ({ page }) => {
    test.setTimeout(90_000);
    const { api, csrf } = await staffApi();
    const headers = { 'x-csrf-token': csrf };
    expect((await api.post('/api/staff/queue/openings', { headers, data: { servicePoint: 'palvelutori', until: '23:59' } })).status()).toBe(201);
    expect((await api.post('/api/staff/queue/desk', { headers, data: { servicePoint: 'palvelutori', desk: '2', languages: ['fi', 'so'] } })).status()).toBe(200);
    await api.dispose();

    await page.goto(`${base}/kiosk/palvelutori/display/`);
    await expect(page.locator('.live-status')).toHaveAttribute('data-connected', 'true');
    await expect(page.locator('.display-empty')).toBeVisible();

    await stopServer();
    await expect(page.locator('.live-status')).toHaveAttribute('data-connected', 'false');
    await startServer();

    // The queue survived the restart (it is in the database): a ticket, a call, on the same display.
    const ticket = await (await fetch(`${base}/api/queue/points/palvelutori/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ topic: 'family', language: 'so' }) })).json();
    const again = await staffApi();
    const called = await again.api.post('/api/staff/queue/call-next', { headers: { 'x-csrf-token': again.csrf }, data: {} });
    expect((await called.json()).called.code).toBe(ticket.ticket.code);
    await again.api.dispose();
    await expect(page.locator('.live-status')).toHaveAttribute('data-connected', 'true', { timeout: 15_000 });
    await expect(page.locator('.display-now__line')).toHaveAttribute('lang', 'so');
    await expect(page.locator('.display-now__pair')).toContainText(`${ticket.ticket.code} → 2`);
  });
});
