/**
 * A real server process (server/main.ts) on a free port, on a throwaway database of the engine
 * under test: for attacks that need a socket (streamed bodies, the peer's address, memory).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_START } from './clock.ts';
import { engine, freshDb, type TestDb } from './db.ts';
import { freePort } from './net.ts';

export interface RunningServer {
  base: string;
  port: number;
  child: ChildProcess;
  /** The process's resident memory now, in bytes (Linux /proc). */
  rss: () => number;
  /** What the process has written to stderr (its error log) so far. */
  stderr: () => string;
  stop: () => Promise<void>;
}

/** The environment of a test server on `port`: the test clock, quiet logs, no site, no backups. */
export function serverEnv(port: number): Record<string, string> {
  return {
    CLOCK_START: TEST_START.toISOString(),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    NODE_ENV: 'test',
    // Load tests write many times from one address: the documented load-test budgets (README
    // "Security"); a test of the limits themselves passes LIMITS_PROFILE: 'standard'.
    LIMITS_PROFILE: 'load-test',
    SITE_DIR: '/nonexistent',
    MESSAGE_WORKER_INTERVAL_MS: '60000',
    BACKUP_INTERVAL_HOURS: '0',
  };
}

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  let database: TestDb | undefined;
  let dataDir: string | undefined;
  if (engine === 'postgres') database = await freshDb();
  else dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ihl-server-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['server/main.ts'], {
    env: {
      ...process.env,
      ...serverEnv(port),
      DEMO_CONTENT: 'no',
      ...(database ? { DATABASE_URL: database.url! } : { DATA_DIR: dataDir! }),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await database?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  for (const until = Date.now() + 90_000; Date.now() < until; ) {
    if (child.exitCode !== null) break;
    if (
      await fetch(`${base}/api/ready`)
        .then((r) => r.ok)
        .catch(() => false)
    ) {
      const rss = () => {
        const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
        return Number(kb) * 1024;
      };
      return { base, port, child, rss, stderr: () => stderr, stop };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop();
  throw new Error(`the server did not start: ${stderr}`);
}
