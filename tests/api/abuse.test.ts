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
import { TEST_START } from '../support/clock.ts';
import { STAFF_PASSWORD, staffAgent, staffCall } from '../support/staff.ts';
import { PRODUCTION_ENV } from '../support/keys.ts';
import {
  createStaffUser,
  LOGIN_LIMITS,
  newTotpSecret,
  totpFor,
  type Role,
  type StaffUser,
} from '../../server/services/auth.ts';
import { createAccount } from '../../server/services/accounts.ts';
import { claimDueMessages } from '../../server/services/outbox.ts';

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

describe(`live streams: capped, short-lived, and a staff stream ends with its session (${engine})`, () => {
  let live: TestApp;
  let clock = TEST_START.getTime();
  beforeAll(async () => {
    live = await testApp({
      now: () => new Date(clock),
      env: {
        TRUST_PROXY: 'loopback',
        LIVE_MAX_PER_ADDRESS: '2',
        LIVE_MAX_TOTAL: '3',
        LIVE_MAX_MINUTES: '0.05',
        LIVE_HEARTBEAT_MS: '100',
      },
    });
  });
  afterAll(() => live.close());

  const DISPLAY = '/api/queue/points/palvelutori/display/events';
  const open = (from: string, path = DISPLAY, headers: Record<string, string> = {}) =>
    live.app.request(path, { headers: { 'x-forwarded-for': from, accept: 'text/event-stream', ...headers } });
  async function readAll(res: Response, ms: number): Promise<{ text: string; ended: boolean }> {
    const reader = res.body!.getReader();
    let text = '';
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const next = await Promise.race([
        reader.read(),
        new Promise<'wait'>((r) => setTimeout(() => r('wait'), until - Date.now())),
      ]);
      if (next === 'wait') break;
      if (next.done) return { text, ended: true };
      text += new TextDecoder().decode(next.value);
    }
    await reader.cancel();
    return { text, ended: false };
  }

  test('per address and in total; a closed stream frees its place', async () => {
    const a1 = await open('198.51.100.1');
    const a2 = await open('198.51.100.1');
    expect([a1.status, a2.status]).toEqual([200, 200]);
    const a3 = await open('198.51.100.1');
    expect(a3.status).toBe(429);
    expect((await a3.json()).error.code).toBe('rate_limited');
    const b1 = await open('198.51.100.2');
    expect(b1.status).toBe(200);
    // Three open in total: a fourth address is refused too.
    expect((await open('198.51.100.3')).status).toBe(429);
    await a1.body!.cancel();
    await new Promise((r) => setTimeout(r, 50));
    const c1 = await open('198.51.100.3');
    expect(c1.status).toBe(200);
    for (const r of [a2, b1, c1]) await r.body!.cancel();
  });

  test('a stream ends after its longest life (the browser reconnects)', async () => {
    const res = await open('198.51.100.9');
    const started = Date.now();
    const { text, ended } = await readAll(res, 10_000);
    expect(ended).toBe(true);
    expect(text).toContain('event: state');
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  test('a staff stream ends when the session ends, and streams and background polls keep no one signed in', async () => {
    const agent = await staffAgent(live, 'advisor');
    const stream = await open('198.51.100.10', '/api/staff/queue/events', { cookie: agent.cookie });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('cache-control')).toBe('no-store');
    await staffCall(live, agent, 'POST', '/api/staff/logout');
    const { text, ended } = await readAll(stream, 2_000);
    expect(ended).toBe(true);
    expect(text).toContain('event: gone\ndata: unauthorized');

    // Idle time: a background poll does not extend it; a user's request does.
    const other = await staffAgent(live, 'advisor');
    const poll = (background: boolean) =>
      live.app.request('/api/staff/bookings/version', {
        headers: { cookie: other.cookie, ...(background ? { 'x-background': '1' } : {}) },
      });
    clock += 20 * 60_000;
    expect((await poll(true)).status).toBe(200);
    clock += 20 * 60_000; // 40 minutes since the user last did something
    expect((await poll(true)).status).toBe(401);

    const third = await staffAgent(live, 'advisor');
    clock += 20 * 60_000;
    expect((await live.app.request('/api/staff/me', { headers: { cookie: third.cookie } })).status).toBe(200);
    clock += 20 * 60_000; // 20 minutes since the last request the user made
    const me = await live.app.request('/api/staff/me', { headers: { cookie: third.cookie } });
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
  });

  test('every /api/staff answer is no-store, errors and sign-in included', async () => {
    for (const [method, path] of [
      ['GET', '/api/staff/me'],
      ['POST', '/api/staff/login'],
      ['GET', '/api/staff/nothing-here'],
    ] as const) {
      const res = await live.app.request(path, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: '{}' } : {}),
      });
      expect(res.headers.get('cache-control'), `${method} ${path}`).toBe('no-store');
    }
  });
});

describe(`staff sign-in under attack (${engine})`, () => {
  let auth: TestApp;
  let clock = TEST_START.getTime();
  let address = 0;
  beforeAll(async () => {
    auth = await testApp({ now: () => new Date(clock), env: { TRUST_PROXY: 'loopback' } });
  });
  afterAll(() => auth.close());

  const signIn = (body: Record<string, unknown>, from = `198.51.100.${++address}`) =>
    auth.app.request('/api/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify(body),
    });
  const account = async (over: { role?: Role; secret?: string; isDemo?: boolean } = {}) => {
    const email = `guess-${Math.random().toString(36).slice(2)}@ihl.example`;
    const user = await createStaffUser(
      auth.deps.db,
      {
        email,
        displayName: 'Target',
        role: over.role ?? 'advisor',
        languages: ['fi'],
        password: STAFF_PASSWORD,
        ...(over.secret ? { totpSecret: over.secret } : {}),
        ...(over.isDemo ? { isDemo: true } : {}),
      },
      new Date(clock),
    );
    return { email, id: user.id };
  };
  const auditOf = async (id: string) =>
    (
      await auth.deps.db.query<{ action: string; detail: unknown }>(
        'select action, detail from audit_log where record_id = $1 order by id',
        [id],
      )
    ).rows;

  test('parallel guesses are all counted: no more than the limit are checked, then even the right password waits', async () => {
    const { email, id } = await account();
    const guesses = await Promise.all(
      Array.from({ length: 25 }, (_, i) => signIn({ email, password: `wrong guess number ${i}` })),
    );
    const statuses = guesses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_LIMITS.account);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25 - LOGIN_LIMITS.account);
    expect((await signIn({ email, password: STAFF_PASSWORD })).status).toBe(429);
    // Audited by the account's id: each failure, and the lockout once; never the password typed.
    const entries = await auditOf(id);
    expect(entries.filter((e) => e.action === 'login_failed')).toHaveLength(LOGIN_LIMITS.account);
    expect(entries.filter((e) => e.action === 'login_locked')).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toMatch(/wrong guess|guess-/);
  });

  test('a successful sign-in does not count as a failure; an unknown address typed is written nowhere', async () => {
    const { email } = await account();
    for (let i = 0; i < LOGIN_LIMITS.account + 2; i++)
      expect((await signIn({ email, password: STAFF_PASSWORD })).status).toBe(200);
    expect((await signIn({ email: 'nobody-typed-this@ihl.example', password: 'x' })).status).toBe(401);
    const log = await auth.deps.db.query('select detail::text as d from audit_log');
    expect(JSON.stringify(log.rows)).not.toContain('nobody-typed-this');
  });

  test('a TOTP code is accepted once only, and the secret is not in the database in plain text', async () => {
    const secret = newTotpSecret();
    const { email, id } = await account({ role: 'coordinator', secret });
    const code = totpFor(secret, 'x').generate({ timestamp: clock });
    expect((await signIn({ email, password: STAFF_PASSWORD, totp: code })).status).toBe(200);
    expect((await signIn({ email, password: STAFF_PASSWORD, totp: code })).status).toBe(401);
    expect((await auditOf(id)).map((e) => e.action)).toContain('login_failed');
    clock += 30_000;
    const next = totpFor(secret, 'x').generate({ timestamp: clock });
    expect((await signIn({ email, password: STAFF_PASSWORD, totp: next })).status).toBe(200);
    const stored = await auth.deps.db.query<{ totp_secret: string }>('select totp_secret from staff_users');
    for (const row of stored.rows) if (row.totp_secret) expect(row.totp_secret).toMatch(/^sealed:/);
    expect(JSON.stringify(stored.rows)).not.toContain(secret);
  });

  test('demo accounts cannot sign in to a production portal, whatever the database holds', async () => {
    const prod = await testApp({ env: { NODE_ENV: 'production', ...PRODUCTION_ENV } });
    try {
      const email = 'demo-in-prod@ihl.example';
      await createStaffUser(
        prod.deps.db,
        { email, displayName: 'Demo', role: 'advisor', languages: ['fi'], password: STAFF_PASSWORD, isDemo: true },
        prod.deps.now(),
      );
      const res = await prod.json('/api/staff/login', { method: 'POST', json: { email, password: STAFF_PASSWORD } });
      expect(res.status).toBe(401);
    } finally {
      await prod.close();
    }
  });

  test('the admin never sees the authenticator secret: its owner enrols from the one-time link', async () => {
    const admin = await account({ role: 'admin', secret: newTotpSecret() });
    const [actor] = (await auth.deps.db.query<StaffUser>('select * from staff_users where id = $1', [admin.id])).rows;
    const email = `new-${Math.random().toString(36).slice(2)}@ihl.example`;
    const created = await createAccount(
      auth.deps.db,
      actor!,
      { email, displayName: 'New Coordinator', role: 'coordinator', languages: ['fi'] },
      new Date(clock),
    );
    expect(JSON.stringify(created)).not.toMatch(/otpauth|secret/i);
    const enrol = await auth.json('/api/staff/password-reset/authenticator', {
      method: 'POST',
      json: { token: created.resetToken },
    });
    expect(enrol.status).toBe(200);
    const uri = new URL(enrol.body.enrolment.totpUri);
    const secret = uri.searchParams.get('secret')!;
    // A coordinator must enrol: without a code, the password is not set.
    const without = await auth.json('/api/staff/password-reset', {
      method: 'POST',
      json: { token: created.resetToken, password: STAFF_PASSWORD },
    });
    expect(without.status).toBe(422);
    const set = await auth.json('/api/staff/password-reset', {
      method: 'POST',
      json: {
        token: created.resetToken,
        password: STAFF_PASSWORD,
        totp: totpFor(secret, 'x').generate({ timestamp: clock }),
      },
    });
    expect(set.status).toBe(200);
    clock += 30_000;
    const code = totpFor(secret, 'x').generate({ timestamp: clock });
    expect((await signIn({ email, password: STAFF_PASSWORD, totp: code })).status).toBe(200);
    // The link is used: it shows the setting no more.
    expect(
      (
        await auth.json('/api/staff/password-reset/authenticator', {
          method: 'POST',
          json: { token: created.resetToken },
        })
      ).status,
    ).toBe(400);
  });
});

describe(`tokens at rest and answers about oneself only (${engine})`, () => {
  let app: TestApp;
  const clock = new Date('2026-11-23T08:00:00Z');
  beforeAll(async () => {
    app = await testApp({ now: () => clock });
  });
  afterAll(() => app.close());

  test('the outbox holds no manage token in plain text; the sender still gets the working link', async () => {
    const g = await app.deps.db.query<{ id: string }>(
      `insert into course_groups (course_slug, language, format, place, capacity, enrol_opens, enrol_closes, created_at)
       values ('society-orientation', 'ar', 'in_person', 'Aleksanterinkatu 24B', 1, '2026-11-01', '2026-12-31', $1) returning id`,
      [clock],
    );
    const enrol = (i: number) =>
      app.json(`/api/courses/groups/${g.rows[0]!.id}/enrolments`, {
        method: 'POST',
        json: { name: `Henkilö ${i}`, email: `h${i}@example.com`, contactLanguage: 'ar', consent: true },
      });
    const first = await enrol(1);
    const second = await enrol(2);
    expect([first.status, second.status]).toEqual([201, 201]);
    const token = first.body.manageToken as string;
    const rows = await app.deps.db.query<{ data: string }>('select data::text as data from outbox');
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows.rows)).not.toContain(token);
    expect(JSON.stringify(rows.rows)).not.toContain(second.body.manageToken);
    expect(JSON.stringify(rows.rows)).toContain('sealed:');
    const claimed = await claimDueMessages(app.deps.db, clock, new Date(clock.getTime() + 60_000), 50);
    expect(claimed.map((r) => r.data.manageToken)).toContain(token);

    // Cancelling answers about the caller's own enrolment: not who moved up from the waitlist.
    const cancelled = await app.json(`/api/courses/enrolments/manage/${token}/cancel`, { method: 'POST', json: {} });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toEqual({ status: 'cancelled' });
  });
});
