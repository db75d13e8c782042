/**
 * The real server process on an embedded data directory: it starts, reports its database, and a
 * second process on the same directory exits with a clear message instead of corrupting it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { freePort } from '../support/net.ts';
import { TEST_START } from '../support/clock.ts';

const dirs: string[] = [];
const newDataDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ihl-start-'));
  dirs.push(dir);
  return dir;
};
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function startServer(port: number, dataDir: string) {
  const child = spawn(process.execPath, ['server/main.ts'], {
    env: {
      ...process.env,
      CLOCK_START: TEST_START.toISOString(),
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      SITE_DIR: 'tests/fixtures/no-site',
    },
  });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

test('a second server on the same embedded data directory refuses with a clear message', async () => {
  const dataDir = newDataDir();
  const first = startServer(await freePort(), dataDir);
  const deadline = Date.now() + 60_000;
  while (!first.output().includes('"listening"')) {
    if (Date.now() > deadline || first.child.exitCode !== null) throw new Error(first.output());
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(first.output()).toContain('demo content loaded');

  const second = startServer(await freePort(), dataDir);
  expect(await second.exited).toBe(1);
  expect(second.output()).toMatch(new RegExp(`in use by another process \\(pid ${first.child.pid}\\)`));
  expect(second.output()).toContain('Stop the running portal first');

  // The first is unharmed and still answers.
  first.child.kill('SIGTERM');
  expect(await first.exited).toBe(0);
  expect(fs.existsSync(path.join(dataDir, 'portal.lock'))).toBe(false);
}, 90_000);

test('a damaged embedded data directory: the server refuses to start, names the newest automatic backup, and restoring it brings the data back', async () => {
  // A healthy database with demo content of this test's own; back it up as the automatic job would.
  const dataDir = newDataDir();
  const { openPglite } = await import('../../server/db/client.ts');
  const { backupToFile } = await import('../../server/db/backup.ts');
  const { migrate } = await import('../../server/db/migrate.ts');
  const { seedDemo } = await import('../../server/db/seed.ts');
  const db = await openPglite(path.join(dataDir, 'pglite'));
  await migrate(db, TEST_START);
  await seedDemo(db, { now: TEST_START });
  const staff = (await db.query('select 1 from staff_users')).rows.length;
  const backup = path.join(dataDir, 'backups', 'ihl-2026-11-23T00-00-00-000Z.tar.gz');
  await backupToFile(db, backup);
  await db.close();
  // Damage it: the cluster's global catalog goes missing.
  fs.rmSync(path.join(dataDir, 'pglite', 'global'), { recursive: true, force: true });

  const damaged = startServer(await freePort(), dataDir);
  expect(await damaged.exited).toBe(1);
  expect(damaged.output()).toContain(`Cannot open the embedded database in ${dataDir}`);
  expect(damaged.output()).toContain(`npm run db:restore -- ${backup}`);

  const restore = spawn(process.execPath, ['server/cli/restore.ts', backup], {
    env: { ...process.env, DATA_DIR: dataDir },
  });
  let out = '';
  restore.stdout.on('data', (d) => (out += String(d)));
  expect(await new Promise((r) => restore.on('exit', r))).toBe(0);
  expect(out).toContain('The previous directory is kept as');
  const back = await openPglite(path.join(dataDir, 'pglite'));
  expect((await back.query('select 1 from staff_users')).rows.length).toBe(staff);
  await back.close();
}, 90_000);
