/**
 * Backups of either engine, in that engine's own format:
 * - PGlite: its data directory as a gzipped tar (PGlite's dumpDataDir; Debian's pg_dump cannot
 *   read PGlite's PostgreSQL 17), restored by creating a PGlite from it in a fresh directory.
 * - PostgreSQL: pg_dump's custom format made with the pg_dump of the server's own major version
 *   (/usr/lib/postgresql/<major>/bin, or PG_BIN), restored with pg_restore.
 * The embedded server also takes one automatically on a schedule (backupIfDue), so a
 * damaged data directory can be recovered: `npm run db:restore -- <file>`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Db } from './client.ts';

export class BackupError extends Error {}

const stamp = (now: Date) => now.toISOString().replace(/[:.]/g, '-');

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => reject(new BackupError(`${cmd}: ${err.message}`)));
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new BackupError(`${path.basename(cmd)} failed (${code}): ${stderr.trim().slice(0, 500)}`)),
    );
  });
}

/** The directory of the client tools matching the server's major version. */
export async function postgresBin(db: Db): Promise<string> {
  const version = Number(
    (await db.query<{ server_version_num: string }>('show server_version_num')).rows[0]!.server_version_num,
  );
  const major = Math.floor(version / 10000);
  for (const dir of [process.env.PG_BIN, `/usr/lib/postgresql/${major}/bin`].filter(Boolean) as string[]) {
    if (fs.existsSync(path.join(dir, 'pg_dump'))) return dir;
  }
  throw new BackupError(
    `pg_dump for PostgreSQL ${major} not found: install Debian's postgresql-client-${major}, or set PG_BIN to its bin directory`,
  );
}

export async function backupToFile(db: Db, file: string, databaseUrl?: string): Promise<string> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (db.engine === 'pglite') {
    if (!db.dumpDataDir) throw new BackupError('this embedded database cannot be dumped');
    const blob = await db.dumpDataDir();
    // Write beside, then rename: a crash mid-write never leaves a half backup under the real name.
    fs.writeFileSync(`${file}.partial`, Buffer.from(await blob.arrayBuffer()));
    fs.renameSync(`${file}.partial`, file);
    return file;
  }
  if (!databaseUrl) throw new BackupError('DATABASE_URL is needed to back up PostgreSQL');
  await run(path.join(await postgresBin(db), 'pg_dump'), [
    '--format=custom',
    '--no-owner',
    `--file=${file}.partial`,
    `--dbname=${databaseUrl}`,
  ]);
  fs.renameSync(`${file}.partial`, file);
  return file;
}

/** Restores an embedded backup into `dataDir/pglite`, keeping whatever was there aside. */
export async function restorePglite(file: string, dataDir: string, now = new Date()): Promise<{ movedAside?: string }> {
  const target = path.join(dataDir, 'pglite');
  fs.mkdirSync(dataDir, { recursive: true });
  let movedAside: string | undefined;
  if (fs.existsSync(target) && fs.readdirSync(target).length) {
    movedAside = `${target}.before-restore-${stamp(now)}`;
    fs.renameSync(target, movedAside);
  }
  const blob = new Blob([fs.readFileSync(file)]);
  const db = await PGlite.create({ dataDir: target, loadDataDir: blob });
  await db.query('select 1');
  await db.close();
  return movedAside ? { movedAside } : {};
}

export async function restorePostgres(db: Db, file: string, databaseUrl: string): Promise<void> {
  await run(path.join(await postgresBin(db), 'pg_restore'), [
    '--clean',
    '--if-exists',
    '--no-owner',
    '--single-transaction',
    `--dbname=${databaseUrl}`,
    file,
  ]);
}

/** The backups in `dir`, newest first. */
export function listBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^ihl-.*\.tar\.gz$/.test(f))
    .sort()
    .reverse()
    .map((f) => path.join(dir, f));
}

/** When a backup was taken: the clock's instant in its name (the file's time is the system's), else the file's time. */
function takenAt(file: string): number {
  const m = /^ihl-(\d{4}-\d{2}-\d{2}T\d{2})-(\d{2})-(\d{2})-(\d{3})Z/.exec(path.basename(file));
  return m ? Date.parse(`${m[1]}:${m[2]}:${m[3]}.${m[4]}Z`) : fs.statSync(file).mtimeMs;
}

/**
 * Embedded mode: a backup into `dir` when the newest there was taken `intervalHours` ago or more (or
 * there is none), keeping the newest `keep`. Returns the file written, if one was. The housekeeping
 * worker asks every few minutes.
 */
export async function backupIfDue(
  db: Db,
  dir: string,
  opts: { intervalHours: number; keep: number; now: Date },
): Promise<string | undefined> {
  const newest = listBackups(dir)[0];
  if (newest && opts.now.getTime() - takenAt(newest) < opts.intervalHours * 3_600_000) return undefined;
  const file = await backupToFile(db, path.join(dir, `ihl-${stamp(opts.now)}.tar.gz`));
  for (const old of listBackups(dir).slice(opts.keep)) fs.rmSync(old, { force: true });
  return file;
}
