/**
 * Operating the portal, on each engine: readiness, Prometheus metrics (by route pattern, guarded
 * from the public), and the outbox/queue gauges read from the shared database.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PRODUCTION_ENV } from '../support/keys.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';

let t: TestApp;
let open: TestApp;
beforeAll(async () => {
  t = await testApp({ env: { METRICS_TOKEN: 'a-long-scrape-token-0123' } });
  open = await testApp();
});
afterAll(async () => {
  await t.close();
  await open.close();
});

describe(`operations (${engine})`, () => {
  test('/api/ready is 200 when the database answers and every migration is applied', async () => {
    expect((await t.json('/api/ready')).body).toEqual({ status: 'ready' });
    // As if this instance's code had a migration the database has not had yet.
    const last = (
      await t.deps.db.query<{ version: number; name: string }>(
        'select version, name from schema_migrations order by version desc limit 1',
      )
    ).rows[0]!;
    await t.deps.db.query('delete from schema_migrations where version = $1', [last.version]);
    const notReady = await t.json('/api/ready');
    expect(notReady.status).toBe(503);
    expect(notReady.body.reason).toBe('migrations_pending');
    await t.deps.db.query('insert into schema_migrations (version, name, applied_at) values ($1, $2, $3)', [
      last.version,
      last.name,
      t.deps.now(),
    ]);
    expect((await t.json('/api/ready')).status).toBe(200);
  });

  test('/metrics needs the token; with it, requests are counted by route pattern, never by concrete path', async () => {
    await t.json('/api/queue/tickets/not-a-real-token-at-all');
    await t.json('/api/walk-in');
    expect((await t.app.request('/metrics')).status).toBe(404);
    expect(
      (await t.app.request('/metrics', { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status,
    ).toBe(404);
    const res = await t.app.request('/metrics', { headers: { authorization: 'Bearer a-long-scrape-token-0123' } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(
      /ihl_http_requests_total\{method="GET",route="\/api\/queue\/tickets\/:token",status="404"\} 1/,
    );
    expect(text).toMatch(/ihl_http_requests_total\{method="GET",route="\/api\/walk-in",status="200"\} 1/);
    expect(text).not.toContain('not-a-real-token');
    expect(text).toMatch(/ihl_outbox_messages\{status="failed"\} 0/);
    expect(text).toContain('ihl_http_request_duration_seconds_bucket');
  });

  test('without a token, /metrics answers only this machine', async () => {
    const fromOutside = await open.app.request(
      '/metrics',
      {},
      { incoming: { socket: { remoteAddress: '203.0.113.7' } } },
    );
    expect(fromOutside.status).toBe(404);
    const local = await open.app.request('/metrics', {}, { incoming: { socket: { remoteAddress: '127.0.0.1' } } });
    expect(local.status).toBe(200);
    await open.deps.db.query(
      `insert into queue_tickets (service_point, service_day, code, topic, language, channel, token_hash, created_at, queued_at) values ('palvelutori', '2026-11-23', 'A-001', 'general', 'fi', 'kiosk', 'm1', $1, $1)`,
      [open.deps.now()],
    );
    const text = await (
      await open.app.request('/metrics', {}, { incoming: { socket: { remoteAddress: '::1' } } })
    ).text();
    expect(text).toMatch(/ihl_queue_waiting\{service_point="palvelutori"\} 1/);
  });

  test('in production, /metrics without a token answers nobody, not even this machine', async () => {
    const prod = await testApp({ env: { NODE_ENV: 'production', ...PRODUCTION_ENV } });
    try {
      const local = await prod.app.request('/metrics', {}, { incoming: { socket: { remoteAddress: '127.0.0.1' } } });
      expect(local.status).toBe(404);
    } finally {
      await prod.close();
    }
  });
});
