/**
 * Starts the portal: reads the configuration, opens the database (under its lock), runs the
 * migrations, loads demo content where it belongs, and serves the site and the API on one port.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, type Http2Bindings, type HttpBindings } from '@hono/node-server';
import { createApp } from './app.ts';
import { configuredClock } from './clock.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { migrate } from './db/migrate.ts';
import type { Db } from './db/client.ts';
import { openConfiguredDb, shouldLoadDemo } from './db/open.ts';
import { DataDirLockedError } from './db/lock.ts';
import { isEmpty, seedDemo } from './db/seed.ts';
import { createLogger } from './log.ts';
import { astroPageRenderer } from './http/astro.ts';
import { isPlainAnswer } from './http/answers.ts';
import { createTransports } from './messages/transports.ts';
import { startHousekeeping } from './workers/housekeeping.ts';
import { createQueueEvents } from './services/queue-events.ts';
import { createFreeTimesCache } from './services/free-times-cache.ts';
import { createQueueHours } from './services/queue-openings.ts';
import { loadQueueSettings } from './queue-settings.ts';
import { listBackups } from './db/backup.ts';
import { erasureJournalDir } from './erasure-journal.ts';
import { replayErasureJournal } from './services/person-data.ts';

function fail(message: string): never {
  process.stderr.write(`\n${message}\n\n`);
  process.exit(1);
}

export async function start(env: Record<string, string | undefined> = process.env) {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const log = createLogger(config.LOG_LEVEL);
  let db: Db;
  try {
    db = await openConfiguredDb(config);
  } catch (err) {
    if (err instanceof DataDirLockedError) fail(err.message);
    if (config.database.engine === 'postgres')
      fail(`Cannot reach the PostgreSQL server in DATABASE_URL: ${(err as Error).message}`);
    const newest = listBackups(path.resolve(config.DATA_DIR, 'backups'))[0];
    fail(
      `Cannot open the embedded database in ${config.DATA_DIR}: ${(err as Error).message}\n` +
        (newest
          ? `Restore the newest automatic backup (the damaged directory is kept aside):\n  npm run db:restore -- ${newest}`
          : 'No automatic backup was found. Restore one you keep elsewhere with `npm run db:restore -- <file>`, or move the directory aside to start empty.'),
    );
  }
  const now = configuredClock(config);
  if (config.CLOCK_START)
    log.warn('the clock starts at CLOCK_START, not the real time', { clockStart: config.CLOCK_START });
  const { applied } = await migrate(db, now());
  if (applied.length) log.info('migrations applied', { applied });
  // Erasures the database may have lost to a restore are made again (idempotent: usually nothing).
  const replayed = await replayErasureJournal(db, erasureJournalDir(config), now());
  if (Object.values(replayed).some(Boolean)) log.warn('erasure journal replayed: erased records were back', replayed);
  if (shouldLoadDemo(config, { empty: await isEmpty(db) })) {
    // Demo accounts can sign in only outside production; in production demo data has no accounts.
    const { loaded } = await seedDemo(db, { accounts: !config.production, now: now() });
    if (loaded) log.info('demo content loaded (sample data, not real)');
  }

  const siteDir = path.resolve(config.SITE_DIR, 'client');
  if (!fs.existsSync(siteDir))
    log.warn('the site is not built: run `npm run build` (npm start does it for you)', { siteDir });
  const queueEvents = createQueueEvents(db, (err) => log.warn('queue events: cannot listen', { error: err.message }));
  const freeTimes = createFreeTimesCache(db, config.booking, {
    onError: (err) => log.warn('free times: cannot listen', { error: err.message }),
  });
  const queueHours = createQueueHours(db, {
    onError: (err) => log.warn('queue hours: cannot listen', { error: err.message }),
  });
  const deps = { config, db, log, now, queue: loadQueueSettings(), queueEvents, freeTimes, queueHours };
  const renderPage = await astroPageRenderer(
    path.resolve(config.SITE_DIR, 'server', 'entry.mjs'),
    config.production,
    deps,
  );
  const app = createApp(deps, { siteDir, renderPage });
  const transports = createTransports({
    smtpUrl: config.SMTP_URL,
    sinkDir: path.resolve(config.DATA_DIR),
    sms: { provider: config.SMS_PROVIDER, url: config.SMS_HTTP_URL, token: config.SMS_HTTP_TOKEN },
    now,
  });
  if (!config.SMTP_URL)
    log.info('emails go to the local sink, not sent', { dir: path.resolve(config.DATA_DIR, 'mail-sink') });
  // Every periodic job (messages, purge, queue closing, retention, backups): workers/housekeeping.ts.
  const stopHousekeeping = startHousekeeping({ ...deps, transports });

  // Requests being answered: a stop lets them finish before the database closes, so a deploy
  // breaks no one's booking half-way. A request counts until its answer has been written out (the
  // adapter writes it after `fetch` returns); a live view only until its stream has started.
  let answering = 0;
  let stopping = false;
  const drained: (() => void)[] = [];
  const answered = () => {
    if (--answering === 0) for (const done of drained.splice(0)) done();
  };
  const fetch = async (req: Request, env: HttpBindings | Http2Bindings) => {
    answering++;
    let res: Response;
    try {
      res = await app.fetch(req, env as never);
    } catch (err) {
      answered();
      throw err;
    }
    const outgoing = env?.outgoing;
    // (A plain answer is never a live view: asking its headers would only slow it down.)
    const live = !isPlainAnswer(res) && res.headers.get('content-type')?.startsWith('text/event-stream');
    if (!outgoing || live) answered();
    else outgoing.once('close', answered);
    // A kept-alive connection would otherwise go on carrying new requests through a stop.
    if (stopping) res.headers.set('connection', 'close');
    return res;
  };
  const allAnswered = (withinMs: number) =>
    new Promise<void>((resolve) => {
      if (answering === 0) return resolve();
      drained.push(resolve);
      setTimeout(resolve, withinMs).unref();
    });

  const server = serve({ fetch, hostname: config.HOST, port: config.PORT }, (info) => {
    const shown = config.HOST === '0.0.0.0' || config.HOST === '127.0.0.1' ? 'localhost' : config.HOST;
    log.info('listening', { url: `http://${shown}:${info.port}/`, engine: db.engine });
  });
  server.on('error', (err: NodeJS.ErrnoException) => {
    void db
      .close()
      .finally(() =>
        fail(
          err.code === 'EADDRINUSE' ? `Port ${config.PORT} is already in use. Set PORT to another port.` : err.message,
        ),
      );
  });

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    const http = server as import('node:http').Server;
    http.close();
    http.closeIdleConnections?.();
    void allAnswered(3000)
      .then(() => {
        // Live views (Server-Sent Events) would hold the server open; their browsers reconnect.
        http.closeAllConnections?.();
        void queueEvents.close();
        void freeTimes.close();
        void queueHours.close();
        // The jobs' runs in progress finish before the database closes.
        return stopHousekeeping();
      })
      .then(() => db.close())
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 8000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return { app, server, db, config };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await start();
}
