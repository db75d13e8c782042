/**
 * Prometheus metrics at /metrics: request rate and latency by route pattern (never by concrete
 * path: tokens and ids would explode the series and leak), the outbox backlog and failures, and
 * the walk-in queue's length, read from the database at scrape time so every instance reports
 * the same shared state. Guarded: with METRICS_TOKEN set, a scraper sends it as a bearer token;
 * without it, only requests from this machine (loopback) are answered.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppEnv } from '../context.ts';
import type { Db } from '../db/client.ts';
import { outboxBacklog } from '../services/outbox.ts';
import { waitingByServicePoint } from '../services/queue-display.ts';
import { smsSentToday } from '../services/sms-budget.ts';
import { NO_PROXY, clientAddress } from '../domain/client-address.ts';
import { socketAddress } from './client-ip.ts';

export interface Metrics {
  middleware: MiddlewareHandler<AppEnv>;
  handler: (c: Context<AppEnv>) => Promise<Response>;
}

export function createMetrics(
  db: Db,
  options: { token?: string | undefined; production?: boolean; now: () => Date; smsDailyCap: number },
): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'ihl_http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'ihl_http_request_duration_seconds',
    help: 'HTTP request latency by method and route pattern',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'ihl_outbox_messages',
    help: 'Outbox messages by status (pending and sending are the backlog; failed gave up)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const backlog = await outboxBacklog(db);
      this.reset();
      for (const [status, n] of Object.entries(backlog)) this.set({ status }, n);
    },
  });
  new Gauge({
    name: 'ihl_queue_waiting',
    help: 'Walk-in queue tickets waiting, by service point',
    labelNames: ['service_point'],
    registers: [registry],
    async collect() {
      const waiting = await waitingByServicePoint(db);
      this.reset();
      for (const [point, n] of Object.entries(waiting)) this.set({ service_point: point }, n);
    },
  });
  new Gauge({
    name: 'ihl_sms_sent_today',
    help: 'SMS sent this Helsinki day (all instances); alert at 80 % of ihl_sms_daily_cap',
    registers: [registry],
    async collect() {
      this.set(await smsSentToday(db, options.now()));
    },
  });
  new Gauge({
    name: 'ihl_sms_daily_cap',
    help: 'SMS_DAILY_CAP: SMS per day at most; over it SMS wait for the next day',
    registers: [registry],
    collect() {
      this.set(options.smsDailyCap);
    },
  });

  return {
    middleware: async (c, next) => {
      const started = performance.now();
      await next();
      // The matched pattern (e.g. /api/queue/tickets/:token), or one label for everything unmatched.
      // After next(), the route index points at the handler that answered.
      const handler = routePath(c);
      const route = handler && handler !== '*' && handler !== '/*' ? handler : 'other';
      requests.inc({ method: c.req.method, route, status: String(c.res.status) });
      latency.observe({ method: c.req.method, route }, (performance.now() - started) / 1000);
    },
    handler: async (c) => {
      const allowed = options.token
        ? c.req.header('authorization') === `Bearer ${options.token}`
        : // Without a token: this machine only, and in production nobody (a local proxy would pass for this machine).
          !options.production && ['127.0.0.1', '::1'].includes(clientAddress(socketAddress(c), undefined, NO_PROXY));
      if (!allowed) return c.text('Not found', 404);
      return c.body(await registry.metrics(), 200, {
        'Content-Type': registry.contentType,
        'Cache-Control': 'no-store',
      });
    },
  };
}
