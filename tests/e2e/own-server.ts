/**
 * A server of a test's own (server/main.ts in a child process, on a free port, with a temporary
 * DATA_DIR and a fresh embedded database), for a test that needs a day of its own (CLOCK_START)
 * or state nobody else touches: a queue nobody else calls from, reports with only its own rows,
 * a walk-in schedule it may change. Stop and start it again to test a restart: its clock runs on
 * from where it was (a restart does not turn the clock back to CLOCK_START).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/net.ts';
import { clockNow, clockStartLogged, type ClockRecord } from './clock.ts';

export interface OwnServer {
  /** http://127.0.0.1:port */
  base: string;
  /** Its DATA_DIR: the mail and SMS sinks are in it. */
  dataDir: string;
  /** Its clock's current time. */
  now(): Date;
  /** Stops it (SIGTERM) and waits until it has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data, its clock going on from where it was. */
  start(): Promise<void>;
  /** Stops it if it runs and removes its data. */
  close(): Promise<void>;
  /** What it wrote on stdout and stderr since it last started, and how it exited if it did. */
  log(): string;
}

export interface OwnServerOptions {
  /** The instant its clock starts at (ISO 8601 with offset). */
  clockStart: string;
  /** Demo content (advisors, availability, course groups); without it the server starts faster. */
  demo?: boolean;
}

// Servers still running when the worker exits (a test that timed out while one started) go with
// it, and so does their data.
const running = new Set<ChildProcess>();
const dataDirs = new Set<string>();
process.on('exit', () => {
  for (const proc of running) proc.kill('SIGKILL');
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** How long a server may take to start: a few seconds alone, more on a busy machine. */
const START_TIMEOUT_MS = 90_000;

export async function startOwnServer(options: OwnServerOptions): Promise<OwnServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ihl-own-'));
  dataDirs.add(dataDir);
  const removeData = () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    dataDirs.delete(dataDir);
  };
  let child: ChildProcess | undefined;
  let clock: ClockRecord = { clockStart: options.clockStart, realStartMs: Date.now(), exact: false };
  let log = '';

  async function start() {
    // A restart goes on from the clock's current time, as a real server's clock would.
    const clockStart = child ? clockNow(clock).toISOString() : options.clockStart;
    clock = { clockStart, realStartMs: Date.now(), exact: false };
    log = '';
    const proc = spawn(process.execPath, ['server/main.ts'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        NODE_ENV: 'development',
        LIMITS_PROFILE: 'load-test',
        DEMO_CONTENT: options.demo ? 'auto' : 'no',
        PUBLIC_BASE_URL: base,
        CLOCK_START: clockStart,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    running.add(proc);
    proc.once('exit', (code, signal) => {
      running.delete(proc);
      log += `\n[exited: code ${code}, signal ${signal}]\n`;
    });
    // Read both streams to the end (a full pipe would stall the server); the log explains a failure.
    let partial = '';
    proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      log += chunk;
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        const at = clockStartLogged(line);
        if (at !== undefined) clock = { clockStart, realStartMs: at, exact: true };
      }
    });
    proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline && proc.exitCode === null) {
      if (
        await fetch(`${base}/api/health`)
          .then((r) => r.ok)
          .catch(() => false)
      )
        return;
      await new Promise((r) => setTimeout(r, 100));
    }
    await stop();
    throw new Error(`the server of its own (${base}, CLOCK_START ${clockStart}) did not start:\n${log.slice(-2000)}`);
  }

  async function stop() {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await exited;
  }

  try {
    await start();
  } catch (err) {
    removeData();
    throw err;
  }
  return {
    base,
    dataDir,
    now: () => clockNow(clock),
    log: () => log,
    stop,
    start,
    async close() {
      await stop();
      removeData();
    },
  };
}
