/**
 * The queue's QR codes on each engine: a ticket's SVG reads back (tests/support/qr.ts) as the
 * absolute URL of its live page on PUBLIC_BASE_URL, in the kiosk's language or the one asked for,
 * holds nothing but that URL (no number given for text messages, no code), is never cached, and
 * is 404 for a token that is not a ticket's; the display's reads back as the phone page for
 * joining, only at a point that takes walk-ins.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';
import { decodeQrSvg } from '../support/qr.ts';

// Monday 23.11.2026, 10:00 in Helsinki: the sample walk-in session is open.
const clock = new Date('2026-11-23T08:00:00Z');
const BASE = 'https://ihl.example.fi';
let t: TestApp;

beforeAll(async () => {
  t = await testApp({ now: () => clock, env: { PUBLIC_BASE_URL: `${BASE}/` } });
});
afterAll(() => t.close());

const svgOf = async (path: string) => {
  const res = await t.app.request(path);
  return { res, body: await res.text() };
};

describe(`QR codes of the queue (${engine})`, () => {
  test("a kiosk ticket's code opens its live page in the kiosk's language, and carries nothing else", async () => {
    const taken = await t.json('/api/queue/points/palvelutori/tickets', {
      method: 'POST',
      json: { topic: 'work', language: 'uk', channel: 'kiosk' },
    });
    expect(taken.status).toBe(201);
    const { token, pageUrl } = taken.body as { token: string; pageUrl: string };
    expect(pageUrl).toBe(`${BASE}/uk/queue/${token}/`);
    // A number for text messages is given: it must not travel into the code.
    expect(
      (
        await t.json(`/api/queue/tickets/${token}/sms`, {
          method: 'POST',
          json: { phone: '040 765 4321', locale: 'uk' },
        })
      ).status,
    ).toBe(201);

    const { res, body } = await svgOf(`/api/queue/tickets/${token}/qr.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(body).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(decodeQrSvg(body)).toBe(pageUrl);
    // The number in any of its forms (a short piece such as "358" could be in the random token).
    expect(body + pageUrl).not.toMatch(/40\s?765\s?4321|407654321/);
    expect(t.logs.join('\n')).not.toMatch(/7654321/);

    const inArabic = await svgOf(`/api/queue/tickets/${token}/qr.svg?locale=ar`);
    expect(decodeQrSvg(inArabic.body)).toBe(`${BASE}/ar/queue/${token}/`);
  });

  test('an unknown or malformed token has no code, and an unknown language is refused', async () => {
    expect((await svgOf(`/api/queue/tickets/${'A'.repeat(43)}/qr.svg`)).res.status).toBe(404);
    expect((await svgOf('/api/queue/tickets/not-a-token/qr.svg')).res.status).toBe(404);
    const taken = await t.json('/api/queue/points/palvelutori/tickets', {
      method: 'POST',
      json: { topic: 'general', language: 'fi', channel: 'kiosk' },
    });
    expect((await svgOf(`/api/queue/tickets/${taken.body.token}/qr.svg?locale=xx`)).res.status).toBe(422);
  });

  test("the display's code opens the phone page for joining; the display's answer names the same URL", async () => {
    const { res, body } = await svgOf('/api/queue/points/palvelutori/join-qr.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(decodeQrSvg(body)).toBe(`${BASE}/fi/walk-in/queue/`);
    expect(decodeQrSvg((await svgOf('/api/queue/points/palvelutori/join-qr.svg?locale=so')).body)).toBe(
      `${BASE}/so/walk-in/queue/`,
    );
    expect((await t.json('/api/queue/points/palvelutori/display')).body.joinUrl).toBe(`${BASE}/fi/walk-in/queue/`);
    // The appointments-only point has no walk-in queue to join, and an unknown point is not found.
    expect((await svgOf('/api/queue/points/aleksanterinkatu-24b/join-qr.svg')).res.status).toBe(404);
    expect((await t.json('/api/queue/points/aleksanterinkatu-24b/display')).body.joinUrl).toBeUndefined();
    expect((await svgOf('/api/queue/points/nowhere/join-qr.svg')).res.status).toBe(404);
  });
});
