/**
 * PGlite has no lock on its data directory: two processes writing the same directory corrupt it.
 * We hold a lock file with our pid while it is open. A second process refuses with a clear
 * message; a lock left by a process that is no longer alive (crash, SIGKILL) is taken over.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {
  readonly dataDir: string;
  readonly holderPid: number;
  constructor(dataDir: string, holderPid: number) {
    super(
      `The embedded database in ${dataDir} is in use by another process (pid ${holderPid}). ` +
        'Only one process may open it at a time. Stop the running portal first ' +
        '(or, for a shared database, set DATABASE_URL to a PostgreSQL server).',
    );
    this.dataDir = dataDir;
    this.holderPid = holderPid;
  }
}

interface LockInfo {
  pid: number;
  host: string;
  since: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else, so it is alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'portal.lock');
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
          if (current.pid === process.pid) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let holder: LockInfo | undefined;
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
      } catch {
        holder = undefined; // half-written or unreadable: treat as stale
      }
      if (holder && holder.pid !== process.pid && holder.host === os.hostname() && isAlive(holder.pid)) {
        throw new DataDirLockedError(dataDir, holder.pid);
      }
      // Stale: its process is gone. Remove it and try again (another taker may race us; wx decides).
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock on ${dataDir}`);
}
