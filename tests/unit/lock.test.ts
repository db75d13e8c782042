import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from '../../server/db/lock.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ihl-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('the embedded database lock', () => {
  test('a second holder is refused while a live process holds it', async () => {
    const dir = tmp();
    // A real other process holds the lock.
    const child = spawn(process.execPath, [
      '-e',
      `require('fs').writeFileSync(${JSON.stringify(path.join(dir, 'portal.lock'))}, JSON.stringify({pid: process.pid, host: require('os').hostname(), since: ''})); setTimeout(() => {}, 30000)`,
    ]);
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
      expect(() => acquireDataDirLock(dir)).toThrow(/in use by another process .*Stop the running portal first/);
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('a lock left by a dead process is taken over', async () => {
    const dir = tmp();
    const child = spawn(process.execPath, ['-e', '0']);
    const deadPid = await new Promise<number>((r) => child.on('exit', () => r(child.pid!)));
    fs.writeFileSync(path.join(dir, 'portal.lock'), JSON.stringify({ pid: deadPid, host: os.hostname(), since: '' }));
    const release = acquireDataDirLock(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'portal.lock'), 'utf8')).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(path.join(dir, 'portal.lock'))).toBe(false);
  });

  test('a half-written lock file is treated as stale', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'portal.lock'), '{"pid":');
    const release = acquireDataDirLock(dir);
    release();
  });
});
