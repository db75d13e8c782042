/**
 * `npm run bench`: the numbers behind "fast" (not part of the tests). Prints tables and writes
 * reports/bench.json.
 *
 * 1. API throughput and 99th-percentile latency at 50 concurrent connections for listing free
 *    times, booking (a mix of 201 and 409) and taking a queue ticket, on the embedded database and
 *    on PostgreSQL (a throwaway cluster, or DATABASE_URL), each also as a ratio to a bare Hono
 *    "hello" route in a process of its own (as the portal is) measured in the same run. At a
 *    city's real size (scripts/bench-city.ts: 25 advisors, 30-minute slots, a 90-day horizon,
 *    5,000 future bookings), again with the advisors and the horizon doubled (growth), with the
 *    p99 from a queue change's commit to its arrival at the last of 2,000 live subscribers, and
 *    the uncached free-times computation alone at 1×, 2× and 4× the advisors.
 *    The portal runs with LIMITS_PROFILE=load-test: the public-write limits stay on, with the
 *    load-test budgets of their configuration (README "Performance").
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
import { freeSlots } from '../server/services/free-slots.ts';
import { openPglite, openPostgres, type Db } from '../server/db/client.ts';
import { CITY, seedCity, type CitySize } from './bench-city.ts';
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
  /** Answers by HTTP status, e.g. { "201": 2400, "409": 2390 }. */
  statuses: Record<string, number>;
}

async function load(url: string, opts: Partial<autocannon.Options> = {}): Promise<Result> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, ...opts });
  const statuses = Object.fromEntries(
    Object.entries(r.statusCodeStats ?? {}).map(([code, stat]) => [code, (stat as { count: number }).count]),
  );
  return { rps: Math.round(r.requests.average), p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors, statuses };
}

/** A different client address per request (the portal trusts the bench's X-Forwarded-For). */
const benchAddress = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

async function startPortal(env: Record<string, string>): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  // BENCH_CPU_PROF=DIR writes the portal's CPU profile there (open it in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(node, [...profile, 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      NODE_ENV: 'test',
      // The public-write limits stay on, with their load-test budgets (README "Performance").
      LIMITS_PROFILE: 'load-test',
      TRUST_PROXY: 'true',
      BACKUP_INTERVAL_HOURS: '0',
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

/** The bare baseline: a Hono "hello" on Node, in a process of its own (as the portal is). */
async function hello(): Promise<Result> {
  const port = await freePort();
  const child = spawn(node, ['scripts/bench-hello.ts'], {
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/`;
  for (
    let i = 0;
    i < 100 &&
    !(await fetch(url)
      .then((r) => r.ok)
      .catch(() => false));
    i++
  )
    await new Promise((r) => setTimeout(r, 50));
  try {
    return await load(url);
  } finally {
    await stop(child);
  }
}

/** A city of `size` in a database: migrated and seeded, its walk-in queue open for the next six hours. */
async function seeded(db: Db, size: CitySize) {
  const now = new Date();
  await seedCity(db, size, now);
  await db.query(
    `insert into queue_openings (service_point, opens_at, closes_at, created_at) values ('palvelutori', $1, $2, $1)`,
    [new Date(now.getTime() - 60_000), new Date(now.getTime() + 6 * 3_600_000)],
  );
}

/**
 * Waits until the portal's outbox has sent what the previous scenario queued (each booking queues
 * its confirmation, sent by the housekeeping worker in the same process), so that a scenario is
 * not measured against the one before it.
 */
async function settled(base: string) {
  for (let i = 0; i < 600; i++) {
    const metrics = await (await fetch(`${base}/metrics`)).text();
    const pending = /ihl_outbox_messages\{status="(?:pending|sending)"\} (\d+)/g;
    if ([...metrics.matchAll(pending)].every((m) => m[1] === '0')) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function apiScenarios(base: string) {
  const slots = await (await fetch(`${base}/api/bookings/slots?language=fi&mode=phone`)).json();
  const free: string[] = (slots.days ?? []).flatMap((d: { times: { slotId: string }[] }) =>
    d.times.map((t) => t.slotId),
  );
  let n = 0;
  // Measured warm, as a running portal is: the start-up's work done (messages of the seeding sent)
  // and two seconds of free-times requests first (the code compiled, the answers made and kept).
  // As a browser asks: compressed (the kept answer's brotli bytes).
  const freeTimes = {
    url: `${base}/api/bookings/slots?language=fi&mode=phone`,
    headers: { 'accept-encoding': 'br, gzip' },
  };
  await settled(base);
  await autocannon({ ...freeTimes, connections: CONNECTIONS, duration: 2 });
  const listing = await load(freeTimes.url, { headers: freeTimes.headers });
  const ticket = await load(`${base}/api/queue/points/palvelutori/tickets`, {
    method: 'POST',
    setupClient: (client) => {
      const next = () =>
        client.setHeadersAndBody(
          { 'content-type': 'application/json', 'x-forwarded-for': benchAddress(++n) },
          JSON.stringify({ topic: 'general', language: 'fi', channel: 'kiosk' }),
        );
      next();
      client.on('response', next);
    },
  });
  await settled(base);
  // A mix of 201 and 409, as when many people want the same times: each connection alternates a
  // request that takes a free time as a new person (201) with one that asks for that same time
  // again (409); as a person would, the free times a 409 offers go to the list of times to take.
  // (autocannon keeps a connection's context through one round of `requests`, then clears it.)
  // Each from its own address, so that the per-address limits (load-test budgets) are not what is
  // measured; the per-contact limit holds, one booking each.
  const toTake = [...free];
  const offered = new Set(free);
  const bookingRequest = (slotFor: (context: { taken?: string }) => string) => ({
    method: 'POST' as const,
    setupRequest: (req: autocannon.Request, ctx: unknown) => {
      const context = ctx as { taken?: string };
      const i = ++n;
      const slotId = slotFor(context);
      return {
        ...req,
        headers: { 'content-type': 'application/json', 'x-forwarded-for': benchAddress(i) },
        body: JSON.stringify({
          slotId,
          serviceLanguage: 'fi',
          mode: 'phone',
          name: `Bench ${i}`,
          email: `bench-${i}@example.invalid`,
          contactLanguage: 'fi',
          locale: 'fi',
        }),
      };
    },
    onResponse: (status: number, body: string) => {
      if (status !== 409) return;
      const next = (JSON.parse(body) as { error?: { details?: { nextTimes?: { slotId: string }[] } } }).error?.details
        ?.nextTimes;
      for (const { slotId } of next ?? [])
        if (!offered.has(slotId)) {
          offered.add(slotId);
          toTake.push(slotId);
        }
    },
  });
  const booking = await load(`${base}/api/bookings`, {
    requests: [
      bookingRequest((context) => (context.taken = toTake.shift() ?? free[n % free.length]!)),
      bookingRequest((context) => context.taken!),
    ],
  });
  await settled(base);
  return { listing, booking, ticket, freeTimes: free.length };
}

/**
 * The p99, over `changes` queue changes, from a change's request (its commit follows) to its arrival
 * at the last of `subscribers` live views: half displays, half phones watching tickets of their own.
 * A new ticket changes every display (and no phone's place), so the displays carry the timing.
 */
async function liveLatency(base: string, subscribers = 2000, changes = 20) {
  // Each client its own address (the portal trusts the bench's X-Forwarded-For): the live streams'
  // per-address cap (LIVE_MAX_PER_ADDRESS, README "Security") is not what is measured here.
  const address = (i: number) => `10.200.${(i >> 8) & 255}.${i & 255}`;
  const take = (i: number) =>
    fetch(`${base}/api/queue/points/palvelutori/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address(i) },
      body: JSON.stringify({ topic: 'general', language: 'fi', channel: 'phone' }),
    });
  const aborter = new AbortController();
  const displays: { waiting: number; at: number }[] = [];
  let watchers = 0;
  const watch = async (path: string, onState: (data: string) => void) => {
    const res = await fetch(`${base}${path}`, {
      signal: aborter.signal,
      headers: { 'x-forwarded-for': address(watchers++ + 8192) },
    });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: '', done: true }));
        if (done) return;
        buffer += value;
        // Server-sent events end with a blank line; a state event has `event: state`, its data and
        // (from the portal) a `retry:` line.
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const data = lines.find((l) => l.startsWith('data: '));
          if (lines.includes('event: state') && data) onState(data.slice('data: '.length));
        }
      }
    })();
  };
  const phones = Math.floor(subscribers / 2);
  const tokens: string[] = [];
  for (let i = 0; i < phones; i++) {
    const res = await take(i);
    if (res.ok) tokens.push(((await res.json()) as { token: string }).token);
  }
  for (let i = 0; i < subscribers - phones; i++) {
    const d = { waiting: -1, at: 0 };
    displays.push(d);
    await watch('/api/queue/points/palvelutori/display/events', (data) => {
      d.waiting = (JSON.parse(data) as { waiting: number }).waiting;
      d.at = performance.now();
    });
  }
  for (const token of tokens) await watch(`/api/queue/tickets/${token}/events`, () => {});
  await new Promise((r) => setTimeout(r, 2000));
  const delays: number[] = [];
  let missed = 0;
  for (let c = 0; c < changes; c++) {
    const before = Math.max(...displays.map((d) => d.waiting));
    // From the change's request (its commit lies between the request and the answer): an upper bound.
    const committed = performance.now();
    const res = await take(phones + c);
    if (!res.ok) continue;
    for (let i = 0; i < 500 && displays.some((d) => d.waiting <= before); i++)
      await new Promise((r) => setTimeout(r, 10));
    if (displays.some((d) => d.waiting <= before)) missed++;
    else delays.push(Math.max(...displays.map((d) => d.at)) - committed);
  }
  aborter.abort();
  delays.sort((a, b) => a - b);
  return {
    subscribers: displays.length + tokens.length,
    changes: delays.length,
    // Changes that had not reached every display after 5 s.
    missed,
    p99ms: Math.round(delays[Math.min(delays.length - 1, Math.ceil(delays.length * 0.99) - 1)] ?? NaN),
  };
}

/** The uncached free-times computation alone (free-slots.ts freeSlots), median of 5, at a city of `size`. */
async function uncachedFreeTimes(size: CitySize) {
  const db = await openPglite();
  try {
    await seeded(db, size);
    const now = new Date();
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await freeSlots(db, now, { horizonDays: size.horizonDays, noticeWorkingDays: 1 });
      times.push(performance.now() - t);
    }
    return Math.round(times.sort((a, b) => a - b)[2]!);
  } finally {
    await db.close();
  }
}

const DOUBLE: CitySize = {
  advisors: CITY.advisors * 2,
  horizonDays: CITY.horizonDays * 2,
  bookings: CITY.bookings * 2,
};

/** One engine at one size: seeds the city, starts the portal, runs the scenarios. */
async function engineRun(
  engine: 'pglite' | 'postgres',
  size: CitySize,
  options: { url?: string; live?: boolean } = {},
) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ihl-bench-'));
  const url = options.url;
  if (engine === 'pglite') {
    // The portal's embedded database lives in DATA_DIR/pglite (server/db/open.ts).
    const db = await openPglite(path.join(dataDir, 'pglite'));
    await seeded(db, size);
    await db.close();
  } else {
    const db = await openPostgres(url!);
    await db.exec('drop schema public cascade; create schema public;');
    await seeded(db, size);
    await db.close();
  }
  const portal = await startPortal({
    ...(engine === 'postgres' ? { DATABASE_URL: url! } : {}),
    DATA_DIR: dataDir,
    DEMO_CONTENT: 'no',
    BOOKING_HORIZON_DAYS: String(size.horizonDays),
  });
  try {
    const scenarios = await apiScenarios(portal.base);
    return options.live ? { ...scenarios, live: await liveLatency(portal.base) } : scenarios;
  } finally {
    await stop(portal.child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function api() {
  const baseline = await hello();
  const out: Record<string, unknown> = { baseline, city: CITY, doubled: DOUBLE };
  // BENCH_ENGINE=postgres or pglite measures one engine only (a quick run while working on one).
  const only = process.env.BENCH_ENGINE;
  if (only !== 'postgres') {
    out.pglite = await engineRun('pglite', CITY, { live: true });
    out.pgliteDoubled = await engineRun('pglite', DOUBLE);
  }
  // PostgreSQL: DATABASE_URL, or a throwaway cluster from Debian's binaries.
  let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;
  let url = process.env.DATABASE_URL;
  if (!url && only !== 'pglite') {
    try {
      cluster = await startCluster();
      url = cluster.url;
    } catch (err) {
      out.postgres = { skipped: (err as Error).message };
    }
  }
  if (url && only !== 'pglite') {
    out.postgres = await engineRun('postgres', CITY, { url, live: true });
    out.postgresDoubled = await engineRun('postgres', DOUBLE, { url });
  }
  await cluster?.stop();
  out.uncachedFreeTimesMs = {
    '1×': await uncachedFreeTimes(CITY),
    '2×': await uncachedFreeTimes({ ...CITY, advisors: CITY.advisors * 2 }),
    '4×': await uncachedFreeTimes({ ...CITY, advisors: CITY.advisors * 4 }),
  };
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

/** Lighthouse's default (mobile, throttled) runs, one page at a time, on the embedded portal: the median of 3. */
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
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  try {
    for (const locale of ['fi', 'ar']) {
      for (const page of ['', 'book/', 'courses/']) {
        const url = `${portal.base}/${locale}/${page}`;
        await fetch(url); // a first request warms the server, as a visited portal is
        // The median of three runs (issue #18), as one run varies by a few points.
        const runs: { performance: number; accessibility: number }[] = [];
        for (let i = 0; i < 3; i++) {
          const result = await lighthouse(url, {
            port: chrome.port,
            onlyCategories: ['performance', 'accessibility'],
            logLevel: 'error',
            output: 'json',
          });
          const c = result!.lhr.categories;
          runs.push({
            performance: Math.round((c.performance!.score ?? 0) * 100),
            accessibility: Math.round((c.accessibility!.score ?? 0) * 100),
          });
        }
        out[`/${locale}/${page}`] = {
          performance: median(runs.map((r) => r.performance)),
          accessibility: median(runs.map((r) => r.accessibility)),
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
// BENCH_ONLY=api skips the build, the page weights and Lighthouse (a quick run of the API part);
// BENCH_ONLY=pages runs only those. BENCH_ENGINE: see api().
const apiOnly = process.env.BENCH_ONLY === 'api';
const pagesOnly = process.env.BENCH_ONLY === 'pages';
const build = apiOnly ? 0 : await buildTime();
const weights = apiOnly ? {} : pageWeights();
const scores = apiOnly ? {} : await lighthouseScores();
const apiResults: Record<string, unknown> = pagesOnly ? { baseline: { rps: 0, p99: 0 } } : await api();
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

function printApi() {
  const base = (apiResults.baseline as Result).rps;
  console.log(`\nAPI at ${CONNECTIONS} connections for ${DURATION} s (machine: ${result.machine})`);
  const table: Record<string, Record<string, string | number>> = {
    'hello (bare Hono)': { 'req/s': base, 'p99 ms': (apiResults.baseline as Result).p99, 'vs hello': '1.00' },
  };
  for (const engine of ['pglite', 'pgliteDoubled', 'postgres', 'postgresDoubled']) {
    const e = apiResults[engine] as Record<string, Result> | { skipped: string } | undefined;
    if (!e || 'skipped' in e) continue;
    for (const s of ['listing', 'booking', 'ticket']) {
      const r = e[s]!;
      table[`${s} (${engine})`] = {
        'req/s': r.rps,
        'p99 ms': r.p99,
        'vs hello': (r.rps / base).toFixed(3),
        answers: Object.entries(r.statuses)
          .map(([code, count]) => `${code}×${count}`)
          .join(' '),
      };
    }
  }
  console.table(table);
  console.log('\nLive views: p99 from a queue change to the last subscriber');
  console.table(
    Object.fromEntries(
      ['pglite', 'postgres'].flatMap((e) => {
        const live = (apiResults[e] as { live?: unknown } | undefined)?.live;
        return live ? [[e, live]] : [];
      }),
    ),
  );
  console.log('\nUncached free-times computation alone (ms, median of 5)');
  console.table(apiResults.uncachedFreeTimesMs);
}

function printPages() {
  console.log('\nPage weight (bytes; gzip and brotli of all files together)');
  console.table(weights);
  console.log('\nLighthouse (mobile), scores out of 100');
  console.table(scores);
}

// A partial run (BENCH_ONLY) prints only what it measured.
if (!pagesOnly) printApi();
if (!apiOnly) printPages();
printQueueSimulation(queueEstimate);
if (!apiOnly) console.log(`\nBuild: ${build} s`);
console.log('written: reports/bench.json');
