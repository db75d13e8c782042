/**
 * `npm run bench`: the numbers behind "fast" (not part of the tests). Prints tables and writes
 * reports/bench.json.
 *
 * 1. API throughput and 99th-percentile latency at 50 concurrent connections for listing free
 *    times, booking and taking a queue ticket, on the embedded database and on PostgreSQL (a
 *    throwaway cluster, or DATABASE_URL), each also as a ratio to a bare Hono "hello" route
 *    measured in the same run on the same machine.
 * 2. Page weight per page type and locale: HTML, CSS and JavaScript (the whole module graph),
 *    raw and compressed (gzip, brotli).
 * 3. Lighthouse (mobile) performance and accessibility scores of the home, booking and catalogue
 *    pages in Finnish and Arabic, in Debian's Chromium (CHROMIUM_PATH overrides /usr/bin/chromium).
 * 4. The build time of the whole site.
 * 5. The queue's wait estimate, measured by the seeded simulation (scripts/simulate-queue.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { startCluster } from '../tests/support/postgres-cluster.ts';
import { pageAssets } from '../tests/support/page-assets.ts';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { chromiumPath } from '../tests/e2e/env.ts';
import { freePort } from '../tests/support/net.ts';
import { printQueueSimulation, queueSimulationReport } from './simulate-queue.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const node = process.execPath;

interface Result {
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(url: string, opts: Partial<autocannon.Options> = {}): Promise<Result> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, ...opts });
  return { rps: Math.round(r.requests.average), p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

async function startPortal(env: Record<string, string>): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(node, ['server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      NODE_ENV: 'test',
      LIMITS_PROFILE: 'load-test',
      TRUST_PROXY: 'true',
      BACKUP_INTERVAL_HOURS: '0',
      MESSAGE_WORKER_INTERVAL_MS: '60000',
      ...env,
    },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  for (
    let i = 0;
    i < 300 &&
    !(await fetch(`${base}/api/ready`)
      .then((r) => r.ok)
      .catch(() => false));
    i++
  )
    await new Promise((r) => setTimeout(r, 100));
  return { base, child };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await done;
}

/** The bare baseline: a Hono "hello" on Node, in this process. */
async function hello(): Promise<Result> {
  const app = new Hono().get('/', (c) => c.text('hello'));
  const port = await freePort();
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port });
  const r = await load(`http://127.0.0.1:${port}/`);
  await new Promise((res) => server.close(res));
  return r;
}

/** Opens the walk-in queue for the next hour (an extra opening), so tickets can be taken at any hour. */
async function openQueue(base: string) {
  const login = await fetch(`${base}/api/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'demo.advisor.ar@example.invalid', password: 'demo only, never for real use' }),
  });
  if (!login.ok) return;
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const until = new Intl.DateTimeFormat('fi', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Europe/Helsinki',
  })
    .format(new Date(Date.now() + 3_600_000))
    .replace('.', ':');
  await fetch(`${base}/api/staff/queue/openings`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ servicePoint: 'palvelutori', until: until < '00:59' ? '23:59' : until }),
  });
}

async function apiScenarios(base: string) {
  await openQueue(base);
  const slots = await (await fetch(`${base}/api/bookings/slots?language=fi&mode=phone`)).json();
  const free: string[] = (slots.days ?? []).flatMap((d: { times: { slotId: string }[] }) =>
    d.times.map((t) => t.slotId),
  );
  let n = 0;
  const listing = await load(`${base}/api/bookings/slots?language=fi&mode=phone`);
  // Each booking tries the next free time as a new person: the first ones succeed, the rest meet a
  // taken time (409) and exercise the same locking path; both count.
  const booking = await load(`${base}/api/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    setupClient: (client) => {
      client.setBody = client.setBody.bind(client);
      const next = () => {
        const i = ++n;
        client.setBody(
          JSON.stringify({
            slotId: free[i % Math.max(1, free.length)],
            serviceLanguage: 'fi',
            mode: 'phone',
            name: `Bench ${i}`,
            email: `bench-${i}@example.invalid`,
            contactLanguage: 'fi',
            locale: 'fi',
          }),
        );
      };
      next();
      client.on('response', next);
    },
  });
  const ticket = await load(`${base}/api/queue/points/palvelutori/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    setupClient: (client) => {
      const next = () =>
        client.setHeadersAndBody(
          {
            'content-type': 'application/json',
            'x-forwarded-for': `10.${(++n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
          },
          JSON.stringify({ topic: 'general', language: 'fi', channel: 'kiosk' }),
        );
      next();
      client.on('response', next);
    },
  });
  return { listing, booking, ticket, freeTimes: free.length };
}

async function api() {
  const baseline = await hello();
  const out: Record<string, unknown> = { baseline };
  // The embedded database.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ihl-bench-'));
  const embedded = await startPortal({ DATA_DIR: dataDir, DEMO_CONTENT: 'auto' });
  await fetch(`${embedded.base}/api/health`);
  out.pglite = await apiScenarios(embedded.base).finally(() => stop(embedded.child));
  fs.rmSync(dataDir, { recursive: true, force: true });
  // PostgreSQL: DATABASE_URL, or a throwaway cluster from Debian's binaries.
  let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;
  let url = process.env.DATABASE_URL;
  if (!url) {
    try {
      cluster = await startCluster();
      url = cluster.url;
    } catch (err) {
      out.postgres = { skipped: (err as Error).message };
    }
  }
  if (url) {
    const server = await startPortal({
      DATABASE_URL: url,
      DEMO_CONTENT: 'yes',
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'ihl-bench-pg-')),
    });
    out.postgres = await apiScenarios(server.base).finally(() => stop(server.child));
  }
  await cluster?.stop();
  return out;
}

/** Every file a page loads: its scripts with their static imports, and its stylesheets. */
function pageWeights() {
  const root = 'dist/client';
  const read = (p: string) => fs.readFileSync(path.join(root, p));
  const rows: Record<
    string,
    { html: number; css: number; js: number; gzip: number; brotli: number; requests: number }
  > = {};
  const samples = [
    '',
    'walk-in/',
    'walk-in/queue/',
    'book/',
    'courses/',
    'finder/',
    'search/',
    'employers/request/',
    'services/',
  ];
  for (const locale of ['fi', 'ar']) {
    for (const page of samples) {
      const file = path.join(root, locale, page, 'index.html');
      if (!fs.existsSync(file)) continue;
      const html = fs.readFileSync(file);
      const text = html.toString();
      const { css, js } = pageAssets(root, text);
      const files = [html, ...css.map(read), ...js.map(read)];
      rows[`/${locale}/${page}`] = {
        html: html.length,
        css: css.reduce((s, f) => s + read(f).length, 0),
        js: js.reduce((s, f) => s + read(f).length, 0),
        gzip: files.reduce((s, b) => s + zlib.gzipSync(b).length, 0),
        brotli: files.reduce((s, b) => s + zlib.brotliCompressSync(b).length, 0),
        requests: 1 + css.length + js.length,
      };
    }
  }
  return rows;
}

/** Lighthouse's default (mobile, throttled) run, one page at a time, on the embedded portal. */
async function lighthouseScores() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ihl-bench-lh-'));
  const portal = await startPortal({ DATA_DIR: dataDir, DEMO_CONTENT: 'auto' });
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath(),
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const out: Record<string, { performance: number; accessibility: number }> = {};
  try {
    for (const locale of ['fi', 'ar']) {
      for (const page of ['', 'book/', 'courses/']) {
        const result = await lighthouse(`${portal.base}/${locale}/${page}`, {
          port: chrome.port,
          onlyCategories: ['performance', 'accessibility'],
          logLevel: 'error',
          output: 'json',
        });
        const c = result!.lhr.categories;
        out[`/${locale}/${page}`] = {
          performance: Math.round((c.performance!.score ?? 0) * 100),
          accessibility: Math.round((c.accessibility!.score ?? 0) * 100),
        };
      }
    }
  } finally {
    chrome.kill();
    await stop(portal.child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return out;
}

function buildTime(): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(node, ['scripts/build.ts'], { stdio: 'ignore' });
    child.on('exit', (code) =>
      code === 0 ? resolve(Math.round((performance.now() - started) / 100) / 10) : reject(new Error('build failed')),
    );
  });
}

const started = new Date();
const build = await buildTime();
const weights = pageWeights();
const scores = await lighthouseScores();
const apiResults = await api();
const queueEstimate = queueSimulationReport();
const result = {
  date: started.toISOString(),
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  durationSeconds: DURATION,
  connections: CONNECTIONS,
  buildSeconds: build,
  pages: weights,
  lighthouse: scores,
  api: apiResults,
  queueEstimate,
};
fs.mkdirSync('reports', { recursive: true });
fs.writeFileSync('reports/bench.json', JSON.stringify(result, null, 2));

const base = (apiResults.baseline as Result).rps;
console.log(`\nAPI at ${CONNECTIONS} connections for ${DURATION} s (machine: ${result.machine})`);
const table: Record<string, Record<string, string | number>> = {
  'hello (bare Hono)': { 'req/s': base, 'p99 ms': (apiResults.baseline as Result).p99, 'vs hello': '1.00' },
};
for (const engine of ['pglite', 'postgres']) {
  const e = apiResults[engine] as Record<string, Result> | { skipped: string } | undefined;
  if (!e || 'skipped' in e) continue;
  for (const s of ['listing', 'booking', 'ticket']) {
    const r = e[s]!;
    table[`${s} (${engine})`] = {
      'req/s': r.rps,
      'p99 ms': r.p99,
      'vs hello': (r.rps / base).toFixed(3),
      'non-2xx': r.non2xx,
    };
  }
}
console.table(table);
console.log('\nPage weight (bytes; gzip and brotli of all files together)');
console.table(weights);
console.log('\nLighthouse (mobile), scores out of 100');
console.table(scores);
printQueueSimulation(queueEstimate);
console.log(`\nBuild: ${build} s\nwritten: reports/bench.json`);
