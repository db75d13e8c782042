import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PRODUCTION_ENV } from '../support/keys.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { engine, freshDb } from '../support/db.ts';
import { openPostgres } from '../../server/db/client.ts';
import { listMigrations, migrate, pendingMigrations } from '../../server/db/migrate.ts';
import { isDemoLoaded, seedDemo } from '../../server/db/seed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ siteDir: path.resolve('tests/fixtures/site') });
});
afterAll(() => t.close());

describe(`health (${engine})`, () => {
  test('reports the engine and a reachable, migrated database', async () => {
    const res = await t.json('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { engine, reachable: true, pendingMigrations: 0 } });
  });

  test('answers 503 when the database is gone', async () => {
    const broken = await testApp();
    await broken.close();
    const res = await broken.json('/api/health');
    expect(res.status).toBe(503);
    expect(res.body.database.reachable).toBe(false);
  });
});

describe.skipIf(engine !== 'postgres')(
  'statements outside transactions share one pipelined connection (postgres)',
  () => {
    // (PGlite has one connection and no pipeline.)
    test('statements sent together each get their own answer, and one failing fails no other', async () => {
      const { db } = t.deps;
      const [one, broken, two] = await Promise.allSettled([
        db.query<{ n: number }>('select $1::int as n', [1]),
        db.query('select 1 / $1::int as n', [0]),
        db.query<{ n: number }>('select $1::int + 1 as n', [1]),
      ]);
      expect(one.status === 'fulfilled' && one.value.rows[0]!.n).toBe(1);
      expect(broken.status === 'rejected' && (broken.reason as { code?: string }).code).toBe('22012');
      expect(two.status === 'fulfilled' && two.value.rows[0]!.n).toBe(2);
    });

    test('a slow transaction (a long report) holds up no statement outside it', async () => {
      const { db } = t.deps;
      const order: string[] = [];
      const slow = db.transaction(async (tx) => {
        await tx.query('select pg_sleep($1)', [0.3]);
        order.push('transaction');
      });
      await new Promise((r) => setTimeout(r, 20)); // the sleep is on its way
      await db.query('select $1::int', [1]);
      order.push('statement');
      await slow;
      expect(order).toEqual(['statement', 'transaction']);
    });

    test('a dropped connection is opened again for the statements after it', async () => {
      const { db } = t.deps;
      const pid = async () =>
        (await db.query<{ pid: number }>('select pg_backend_pid() as pid, $1::int', [0])).rows[0]!.pid;
      const before = await pid();
      await db.transaction((tx) => tx.query('select pg_terminate_backend($1)', [before]));
      // Statements already on their way when it dropped fail, as on any lost connection; the next work.
      let after: number | undefined;
      for (let i = 0; i < 20 && after === undefined; i++) {
        after = await pid().catch(() => undefined);
        if (after === undefined) await new Promise((r) => setTimeout(r, 50));
      }
      expect(after).toBeDefined();
      expect(after).not.toBe(before);
    });

    test('a closed database refuses statements instead of opening a new connection', async () => {
      const other = await openPostgres(t.dbUrl!);
      await other.query('select $1::int', [1]);
      await other.close();
      await expect(other.query('select $1::int', [1])).rejects.toThrow();
    });
  },
);

describe('the one error format', () => {
  test('an unknown API route is a 404 in the requester’s language', async () => {
    const ar = await t.json('/api/no-such-thing', { headers: { 'accept-language': 'ar-IQ,ar;q=0.9' } });
    expect(ar.status).toBe(404);
    expect(ar.body.error.code).toBe('not_found');
    expect(ar.body.error.lang).toBe('ar');
    expect(ar.body.error.message).toMatch(/[\u0600-\u06FF]/);
    expect(ar.body.error.requestId).toBeTruthy();
    const fi = await t.json('/api/no-such-thing', { locale: 'fi' });
    expect(fi.body.error.message).toBe('Pyydettyä kohdetta ei löytynyt.');
    expect(fi.headers.get('content-language')).toBe('fi');
  });
});

describe('security headers', () => {
  // Answers made the usual way (health, pages) and plain answers (errors, the kept free times).
  test.each(['/api/health', '/fi/', '/fi/missing/', '/api/nope', '/api/bookings/slots?language=fi&mode=phone'])(
    '%s carries them',
    async (p) => {
      const res = await t.app.request(p, { headers: { 'accept-encoding': 'br' } });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      // Development: no HSTS (a local http:// server must stay reachable).
      expect(res.headers.get('strict-transport-security')).toBeNull();
    },
  );

  test('every answer carries the same set, and a request id (a proxy’s kept when it is plain)', async () => {
    const security = (res: Response) =>
      [...res.headers].filter(([name]) => !/^(content-|etag|cache-control|vary|x-request-id)/.test(name));
    const health = await t.app.request('/api/health');
    const slots = await t.app.request('/api/bookings/slots?language=fi&mode=phone');
    const error = await t.app.request('/api/nope', { headers: { 'x-request-id': 'proxy-7f3a' } });
    expect(security(slots)).toEqual(security(health));
    expect(security(error)).toEqual(security(health));
    expect(error.headers.get('x-request-id')).toBe('proxy-7f3a');
    expect(((await error.json()) as { error: { requestId: string } }).error.requestId).toBe('proxy-7f3a');
    const odd = await t.app.request('/api/health', { headers: { 'x-request-id': 'a b<script>' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(health.headers.get('x-request-id')).not.toBe(slots.headers.get('x-request-id'));
  });

  test('production adds HSTS of at least a year', async () => {
    // Production refuses the load-test budgets the other API tests run with, and needs its address and keys.
    const prod = await testApp({
      env: {
        NODE_ENV: 'production',
        ...PRODUCTION_ENV,
      },
    });
    const res = await prod.app.request('/api/health');
    const maxAge = Number(/max-age=(\d+)/.exec(res.headers.get('strict-transport-security') ?? '')?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(31_536_000);
    await prod.close();
  });
});

describe('the built site', () => {
  test('serves pages, redirects to the trailing slash, and caches hashed assets for a year', async () => {
    const page = await t.app.request('/fi/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Etusivu');
    expect(page.headers.get('cache-control')).toContain('must-revalidate');
    const redirect = await t.app.request('/ar/about');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/ar/about/');
    const asset = await t.app.request('/_astro/app.abc123.css', { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('gzip');
  });

  test('an unknown page under a locale gets that locale’s 404 page, elsewhere the all-language one', async () => {
    const fi = await t.app.request('/fi/ei-ole/');
    expect(fi.status).toBe(404);
    expect(await fi.text()).toContain('Sivua ei löytynyt');
    const root = await t.app.request('/nowhere');
    expect(root.status).toBe(404);
    expect(await root.text()).toContain('404 all languages');
  });

  test('never serves files outside the site directory', async () => {
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/fi/%2e%2e/%2e%2e/package.json', '/%00']) {
      const res = await t.app.request(p);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('"dependencies"');
    }
  });
});

describe('request logs', () => {
  test('are JSON lines without query strings, and with tokens in paths redacted', async () => {
    t.logs.length = 0;
    await t.app.request('/api/bookings/manage/Zx8kq2LrT0aB9cD4eF6gH1jK?email=maria@example.com');
    const line = t.logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'request');
    expect(line).toBeDefined();
    expect(line.path).toBe('/api/bookings/manage/:redacted');
    expect(t.logs.join('\n')).not.toContain('maria@example.com');
    expect(t.logs.join('\n')).not.toContain('Zx8kq2LrT0aB9cD4eF6gH1jK');
  });
});

describe(`migrations and demo content (${engine})`, () => {
  test('one clock: no column takes its time from the database (no now() or current_date default)', async () => {
    // Every instant the portal writes comes from its injected clock; a database default would mix
    // a second clock in (it once left every message unsent when the two disagreed about the date).
    const defaults = await t.deps.db.query<{ table_name: string; column_name: string; column_default: string }>(
      `select table_name, column_name, column_default from information_schema.columns
        where table_schema = 'public' and column_default is not null`,
    );
    expect(defaults.rows.length).toBeGreaterThan(10); // the query sees the schema's other defaults
    const clockDefaults = defaults.rows.filter((c) =>
      /now\(\)|current_(date|time|timestamp)|localtime|clock_timestamp|statement_timestamp|transaction_timestamp/i.test(
        c.column_default,
      ),
    );
    expect(clockDefaults.map((c) => `${c.table_name}.${c.column_name} default ${c.column_default}`)).toEqual([]);
  });

  test('migrating twice changes nothing and leaves none pending', async () => {
    const again = await migrate(t.deps.db, t.deps.now());
    expect(again.applied).toEqual([]);
    expect(await pendingMigrations(t.deps.db)).toEqual([]);
  });

  test.skipIf(engine !== 'postgres')(
    'two instances starting at once on an empty database apply each migration once, between them',
    // (PGlite: one process owns its database, so there is no second instance.)
    async () => {
      const empty = await freshDb({ migrate: false });
      const other = await openPostgres(empty.url!);
      try {
        const [a, b] = await Promise.all([migrate(empty.db, t.deps.now()), migrate(other, t.deps.now())]);
        expect([...a.applied, ...b.applied].sort()).toEqual(listMigrations().map((m) => m.name));
        const rows = await other.query<{ n: number }>('select count(*)::int as n from schema_migrations');
        expect(rows.rows[0]!.n).toBe(listMigrations().length);
      } finally {
        await other.close();
        await empty.drop();
      }
    },
  );

  test('demo content loads once, marked as demo', async () => {
    expect(await isDemoLoaded(t.deps.db)).toBe(false);
    expect((await seedDemo(t.deps.db, { now: t.deps.now() })).loaded).toBe(true);
    expect((await seedDemo(t.deps.db, { now: t.deps.now() })).loaded).toBe(false);
    // Every account the seed made is marked as demo (other tests' accounts are not the seed's).
    const staff = await t.deps.db.query<{ is_demo: boolean; n: number }>(
      `select is_demo, count(*)::int as n from staff_users where email like '%@example.invalid' group by is_demo`,
    );
    expect(staff.rows).toEqual([{ is_demo: true, n: 4 }]);
    const slots = await t.deps.db.query<{ n: number }>('select count(*)::int as n from availability_templates');
    expect(slots.rows[0]!.n).toBeGreaterThan(0);
  });

  test('the database refuses an availability that ends before it starts', async () => {
    const advisor = await t.deps.db.query<{ id: string }>(
      `insert into staff_users (email, display_name, role, languages, created_at) values ('check@ihl.example', 'Check', 'advisor', '{fi}', $1) returning id`,
      [t.deps.now()],
    );
    await expect(
      t.deps.db.query(
        `insert into availability_templates (advisor_id, weekday, start_time, end_time, modes, languages, valid_from, created_at)
         values ($1, 1, '12:00', '09:00', '{in_person}', '{fi}', '2027-03-01', $2)`,
        [advisor.rows[0]!.id, t.deps.now()],
      ),
    ).rejects.toThrow(/check/);
  });
});
