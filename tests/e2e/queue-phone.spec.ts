/**
 * Issue 22, wait anywhere: at 320 px and by keyboard alone, a kiosk ticket in Finnish, Arabic and
 * Ukrainian; the SMS step skipped with one key (Enter on the Skip button, which has the focus, or
 * Escape); the ticket's QR code with its address written out and the number beside it, read back
 * from a screenshot (pngjs + jsQR) to the ticket page's absolute URL in the kiosk's language, at
 * least 30 mm wide when printed; the page opened from it takes a Finnish mobile number, and the
 * SMS sink gets the "turn near" message and then the "called" one, in that language. axe on every
 * screen. The display's QR code reads back as the phone page for joining.
 *
 * On a server of its own, on the e2e clock's Monday morning (the walk-in queue open): its queue
 * holds only this test's tickets, so each one is next, and its messages are its own.
 */
import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { axeViolations } from './axe.ts';
import { E2E_CLOCK_START } from './env.ts';
import { smsTo } from './sms.ts';
import { DEMO, staffApi } from './staff.ts';
import { decodeQrPng } from '../support/qr.ts';

const CASES = [
  { locale: 'fi', language: 'Suomi', topic: 'work', skipKey: 'Enter', phone: '040 111 0001' },
  { locale: 'ar', language: 'العربية', topic: 'family', skipKey: 'Escape', phone: '040 111 0002' },
  { locale: 'uk', language: 'Українська', topic: 'digital', skipKey: 'Enter', phone: '040 111 0003' },
] as const;

const strings = (locale: string): Record<string, string> =>
  JSON.parse(fs.readFileSync(`locales/${locale}/common.json`, 'utf8'));
/** A message template as a pattern: its parameters filled in, or any text where not given. */
const pattern = (template: string, params: Record<string, string>) =>
  new RegExp(
    `^${template
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\{\{(\w+)\}\}/g, (_, k: string) => params[k]?.replace(/[.*+?^$()|[\]\\]/g, '\\$&') ?? '.+')}$`,
  );

/** Moves the focus with Tab alone until it is on `target`. */
async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the element');
}

async function readQr(code: Locator): Promise<string | null> {
  await expect(code).toBeVisible();
  await expect.poll(() => code.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  return decodeQrPng(await code.screenshot());
}

test('kiosk ticket by keyboard at 320 px: SMS step skipped with one key, QR read back and opened, SMS from the ticket page', async ({
  ownServer,
  newContext,
}) => {
  test.setTimeout(180_000);
  const server = await ownServer({ clockStart: E2E_CLOCK_START, demo: true });
  const base = server.base;
  const staff = await staffApi(DEMO.advisorAr, { baseURL: base, now: server.now });
  await staff.post('/api/staff/queue/desk', { servicePoint: 'palvelutori', desk: '3', languages: ['fi', 'ar'] });
  const context = await newContext({ viewport: { width: 320, height: 640 }, now: server.now });
  const kiosk = await context.newPage();

  // The display's code opens the phone page for joining.
  const display = await (await newContext({ viewport: { width: 1280, height: 900 }, now: server.now })).newPage();
  await display.goto(`${base}/kiosk/palvelutori/display/`);
  await expect(display.locator('.display-join__url')).toHaveText(`${base}/fi/walk-in/queue/`);
  expect(await readQr(display.locator('.display-join__code'))).toBe(`${base}/fi/walk-in/queue/`);
  expect(await axeViolations(display), 'display with its QR code').toEqual([]);

  for (const c of CASES) {
    const t = strings(c.locale);
    await kiosk.goto(`${base}/kiosk/palvelutori/`);
    await tabTo(kiosk, kiosk.getByRole('button', { name: c.language, exact: true }));
    await kiosk.keyboard.press('Enter');
    await tabTo(kiosk, kiosk.getByRole('button', { name: t[`queue.topic.${c.topic}`] }));
    await kiosk.keyboard.press('Enter');

    // The SMS step: Skip has the focus; one key goes past it.
    const skip = kiosk.getByRole('button', { name: t['queue.kiosk.smsSkip'] });
    await expect(skip).toBeFocused();
    await expect(kiosk.getByLabel(t['queue.sms.phoneLabel']!)).toBeVisible();
    expect(await axeViolations(kiosk), `${c.locale}: the SMS step`).toEqual([]);
    await kiosk.keyboard.press(c.skipKey);

    // The ticket: the number, the QR code, its address and the number beside it.
    await expect(kiosk.getByRole('heading', { name: t['queue.yourNumber'] })).toBeFocused();
    const code = (await kiosk.locator('.ticket-code--kiosk').innerText()).trim();
    expect(code).toMatch(/^[A-Z]-\d{3}$/);
    await expect(kiosk.locator('.ticket-qr__number')).toHaveText(code);
    const url = (await kiosk.locator('.ticket-qr__url').innerText()).trim();
    expect(url).toMatch(new RegExp(`^${base}/${c.locale}/queue/[A-Za-z0-9_-]{43}/$`));
    expect(await readQr(kiosk.locator('.ticket-qr__code'))).toBe(url);
    expect(await kiosk.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await axeViolations(kiosk), `${c.locale}: the ticket with its QR code`).toEqual([]);
    // On the printed slip: at least 30 mm wide (96 CSS px an inch), quiet zone included.
    await kiosk.emulateMedia({ media: 'print' });
    const printed = await kiosk.locator('.ticket-qr__code').evaluate((el) => el.getBoundingClientRect().width);
    expect(printed).toBeGreaterThanOrEqual((30 / 25.4) * 96);
    await expect(kiosk.locator('.ticket-qr__url')).toBeVisible();
    await kiosk.emulateMedia({ media: 'screen' });

    // The phone opens the address the code holds: the ticket's page, in the kiosk's language.
    const phone = await context.newPage();
    await phone.goto(url);
    await expect(phone.locator('html')).toHaveAttribute('lang', c.locale);
    await expect(phone.locator('.ticket-code').first()).toHaveText(code);
    // A Finnish mobile number for text messages, by keyboard.
    const field = phone.getByLabel(t['queue.sms.phoneLabel']!);
    await tabTo(phone, field);
    await phone.keyboard.type(c.phone);
    await phone.keyboard.press('Enter');
    await expect(phone).toHaveURL(/\?done=sms$/);
    await expect(phone.locator('.notice--ok')).toHaveText(t['queue.sms.following']!);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await axeViolations(phone), `${c.locale}: the ticket page following by SMS`).toEqual([]);

    // Alone in the queue, the ticket is next: the "turn near" message, then the call with the desk.
    const to = `+358${c.phone.replace(/\s/g, '').slice(1)}`;
    const near = pattern(t['sms.queue.near']!, { code });
    expect((await smsTo(server.dataDir, to, near)).map((m) => m.text)).toEqual([expect.stringMatching(near)]);
    const { called } = (await staff.post('/api/staff/queue/call-next', {})) as { called: { id: string; code: string } };
    expect(called.code).toBe(code);
    const calledText = pattern(t['sms.queue.called']!, { code, desk: '3' });
    const sent = (await smsTo(server.dataDir, to, calledText)).map((m) => m.text);
    expect(sent).toEqual([expect.stringMatching(near), expect.stringMatching(calledText)]);
    await staff.post(`/api/staff/queue/tickets/${called.id}/served`, {});
    await phone.close();
  }
  await staff.dispose();
});

test('at the kiosk the number for text messages can be given right away; a wrong one is said at the field', async ({
  page,
}) => {
  // On the e2e server, on Monday morning: the queue is open. Swedish, touch.
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/kiosk/palvelutori/');
  await page.getByRole('button', { name: 'Svenska', exact: true }).click();
  await page.getByRole('button', { name: strings('sv')['queue.topic.general'] }).click();
  const field = page.getByLabel('Mobilnummer');
  await field.fill('12');
  await page.keyboard.press('Enter');
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#kiosk-phone-error')).not.toBeEmpty();
  expect(await axeViolations(page), 'kiosk: a wrong number').toEqual([]);
  await field.fill('050 222 3333');
  await page.keyboard.press('Enter');
  await expect(page.locator('.notice--ok')).toHaveText(strings('sv')['queue.sms.following']!);
  await expect(page.locator('.ticket-qr__code')).toBeVisible();
  // The number is not shown back anywhere on the kiosk.
  await expect(page.locator('body')).not.toContainText('3333');
});
