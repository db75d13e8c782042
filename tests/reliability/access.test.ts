/**
 * Reliability: access control and headers over every route, on each engine. The API routes come
 * from the Hono router and the per-request pages from the Astro sources (`prerender = false`),
 * never from a hand-made list, so a new route is checked the day it is added:
 * - workspace routes answer 401 without a session (the role matrix is in tests/api/staff.test.ts);
 * - the partner API answers 401 without a key, with an unknown one and with a revoked one;
 * - public routes never ask for credentials, and per-request pages answer an unknown token with 404;
 * - every answer, whatever its status, carries the security headers.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';
import { createApiKey, createPartner, revokeApiKey } from '../../server/services/partners.ts';
import { createStaffUser } from '../../server/services/auth.ts';

let t: TestApp;
let revokedKey = '';
let server: ServerType;
let base = '';
beforeAll(async () => {
  t = await testApp({ siteDir: path.resolve('dist/client'), astro: true });
  // The per-request pages render through Node's own request objects: serve the app on a port.
  server = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const admin = await createStaffUser(
    t.deps.db,
    {
      email: 'access-admin@ihl.example',
      displayName: 'Admin',
      role: 'admin',
      languages: ['fi'],
      password: 'kolme vihreää omenaa pöydällä',
    },
    t.deps.now(),
  );
  const partner = await createPartner(t.deps.db, admin, { name: 'Access Partner', orgKind: 'ngo' }, t.deps.now());
  const key = await createApiKey(t.deps.db, admin, partner.id, t.deps.now());
  await revokeApiKey(t.deps.db, admin, key.id, t.deps.now());
  revokedKey = key.key;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await t.close();
});

const SAMPLE: Record<string, string> = {
  id: '00000000-0000-4000-8000-000000000000',
  token: 'A'.repeat(43),
  point: 'palvelutori',
  locale: 'fi',
  lang: 'fi',
  table: 'assessments',
};
const concrete = (p: string) =>
  p
    .replace(/:(\w+)\{[^}]*\\\.csv\}/, `${SAMPLE.table}.csv`)
    .replace(/:(\w+)/g, (_, name: string) => SAMPLE[name] ?? 'x')
    .replace(/\[(\w+)\]/g, (_, name: string) => SAMPLE[name] ?? 'x');

function apiRoutes() {
  const seen = new Map<string, { method: string; path: string }>();
  for (const r of t.app.routes)
    if (r.method !== 'ALL' && r.path.startsWith('/api/'))
      seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  return [...seen.values()];
}

/** Astro pages rendered per request: their files say `export const prerender = false`. */
function perRequestPages(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.astro') && /export const prerender = false/.test(fs.readFileSync(full, 'utf8'))) {
        out.push(
          `/${path
            .relative('src/pages', full)
            .replace(/index\.astro$/, '')
            .replace(/\.astro$/, '/')}`,
        );
      }
    }
  };
  walk('src/pages');
  return out;
}

function expectSecurityHeaders(res: Response, what: string) {
  expect(res.headers.get('content-security-policy'), what).toMatch(/default-src 'self'/);
  expect(res.headers.get('content-security-policy'), what).not.toMatch(/unsafe-inline/);
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(res.headers.get('x-frame-options'), what).toBe('DENY');
}

async function call(method: string, p: string, headers: Record<string, string> = {}) {
  const res = await t.app.request(p, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }),
  });
  await res.body?.cancel();
  return res;
}

describe(`access control and headers over every route (${engine})`, () => {
  test('the router has the routes we expect to check', () => {
    expect(apiRoutes().length).toBeGreaterThan(80);
    expect(perRequestPages().sort()).toEqual([
      '/[locale]/booking/manage/[token]/',
      '/[locale]/courses/manage/[token]/',
      '/[locale]/queue/[token]/',
      '/workspace/[lang]/reset/[token]/',
    ]);
  });

  test('workspace routes: 401 without a session, with the security headers', async () => {
    for (const r of apiRoutes().filter(
      (x) =>
        x.path.startsWith('/api/staff/') &&
        !['/api/staff/login', '/api/staff/password-reset', '/api/staff/password-reset/authenticator'].includes(x.path),
    )) {
      const res = await call(r.method, concrete(r.path));
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
      expectSecurityHeaders(res, `${r.method} ${r.path}`);
    }
  });

  test('the partner API: 401 without a key, with an unknown one and with a revoked one', async () => {
    for (const r of apiRoutes().filter((x) => x.path.startsWith('/api/partner/'))) {
      for (const authorization of [
        undefined,
        `Bearer ihlp_${'z'.repeat(43)}`,
        `Bearer ${revokedKey}`,
        'Basic dXNlcjpwYXNz',
      ]) {
        const res = await call(r.method, concrete(r.path), authorization ? { authorization } : {});
        expect(res.status, `${r.path} ${authorization}`).toBe(401);
        expectSecurityHeaders(res, r.path);
      }
    }
  });

  test('public routes never ask for credentials and never fail with 500', async () => {
    for (const r of apiRoutes().filter(
      (x) => !x.path.startsWith('/api/staff/') && !x.path.startsWith('/api/partner/'),
    )) {
      const res = await call(r.method, concrete(r.path));
      expect([401, 403], `${r.method} ${r.path}`).not.toContain(res.status);
      expect(res.status, `${r.method} ${r.path}`).toBeLessThan(500);
      expectSecurityHeaders(res, `${r.method} ${r.path}`);
    }
  });

  test('per-request pages: an unknown token gets 404 in the page language (the password page shows its form whatever the token), with the security headers', async () => {
    for (const page of perRequestPages()) {
      // Public pages in Finnish and Arabic; the workspace's in its own languages.
      const workspace = page.startsWith('/workspace/');
      for (const locale of workspace ? ['fi', 'sv'] : ['fi', 'ar']) {
        const res = await fetch(base + concrete(page).replace('/fi/', `/${locale}/`));
        expect(res.status, page).toBe(workspace ? 200 : 404);
        expect(res.headers.get('cache-control'), page).toBe('no-store');
        expectSecurityHeaders(res, page);
        const html = await res.text();
        expect(html, page).toContain(`<html lang="${locale}"`);
      }
    }
  });

  test('every built page is served with the security headers', async () => {
    const pages: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else if (e.name === 'index.html')
          pages.push(
            `/${path.relative('dist/client', dir).split(path.sep).join('/')}${dir.endsWith('client') ? '' : '/'}`,
          );
      }
    };
    walk('dist/client');
    expect(pages.length).toBeGreaterThan(200);
    for (const p of pages) {
      const res = await t.app.request(p.replace('//', '/'));
      expect(res.status, p).toBe(200);
      expectSecurityHeaders(res, p);
      await res.body?.cancel();
    }
  });
});
