/**
 * The portal under abuse, through `app.request` (no port needed): redirects that try to leave the
 * site, control characters in tokens. The attacks that need a started server (streamed bodies,
 * memory, the socket's address) are in tests/reliability/abuse.test.ts.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';
import { localPath } from '../../server/http/paths.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ siteDir: path.resolve('tests/fixtures/site') });
});
afterAll(() => t.close());

const TOKEN_ROUTES: [string, string][] = [
  ['GET', '/api/bookings/manage/{}'],
  ['GET', '/api/bookings/manage/{}/calendar.ics'],
  ['POST', '/api/bookings/manage/{}/cancel'],
  ['POST', '/api/bookings/manage/{}/change'],
  ['POST', '/api/bookings/manage/{}/feedback'],
  ['POST', '/api/courses/enrolments/manage/{}/cancel'],
  ['GET', '/api/queue/tickets/{}'],
  ['GET', '/api/queue/tickets/{}/events'],
  ['POST', '/api/queue/tickets/{}/leave'],
  ['POST', '/api/queue/tickets/{}/feedback'],
];

describe(`open redirects and header injection (${engine})`, () => {
  test.each([
    '//evil.example/x%2f..%2f..%2ffi',
    '//evil.example/..%2ffi',
    '/%2f%2fevil.example/..%2f..%2ffi',
    '/\\evil.example/..%2ffi',
    '/fi/..%2far/about',
  ])('%s never redirects off the site', async (p) => {
    const res = await t.app.request(p);
    const location = res.headers.get('location');
    if (location) {
      expect(location).toMatch(/^\/(?![/\\])/);
      expect(new URL(location, 'https://portal.example').origin).toBe('https://portal.example');
    }
  });

  test('a directory without its slash still gets its canonical address', async () => {
    const res = await t.app.request('/ar/about');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/ar/about/');
  });

  test('localPath: always one leading slash, nothing a header cannot carry', () => {
    expect(localPath('//evil.example/x')).toBe('/evil.example/x');
    expect(localPath('/\\evil.example/x')).toBe('/evil.example/x');
    expect(localPath('\\/\\/evil')).toBe('/evil');
    expect(localPath('/fi/a\r\nSet-Cookie: x')).toBe('/fi/a%0D%0ASet-Cookie:%20x');
    expect(localPath('/fi/ä/?done=1')).toBe('/fi/%C3%A4/?done=1');
    expect(localPath('https://evil.example/')).toBe('/https://evil.example/');
    expect(localPath('/fi/\ud800')).toBe('/fi/%EF%BF%BD');
  });

  test.each(TOKEN_ROUTES)('%s %s: a CR/LF or other odd token is 404, never 500', async (method, template) => {
    for (const token of ['%0D%0ALocation:%20//evil.example', `${'A'.repeat(40)}%0A`, '%00', 'a%20b', '..%2f..']) {
      for (const form of [false, true]) {
        const res = await t.app.request(template.replace('{}', token), {
          method,
          headers: form
            ? { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }
            : { 'content-type': 'application/json' },
          ...(method === 'POST' ? { body: form ? 'locale=fi&confirm=no' : '{}' } : {}),
        });
        expect(res.status, `${method} ${template} ${token} form=${form}`).toBe(404);
        expect(res.headers.get('location')).toBeNull();
        await res.body?.cancel();
      }
    }
  });
});
