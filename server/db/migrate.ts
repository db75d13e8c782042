/**
 * Versioned migrations: server/db/migrations/NNN_name.sql, applied in order, each in its own
 * transaction together with its row in schema_migrations. On PostgreSQL each of those
 * transactions holds an advisory lock: two instances starting at once take turns, and the second
 * finds the first's migrations done. (A transaction's lock, not a session's: the statements
 * outside transactions share a connection, server/db/client.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db, Queryable } from './client.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const LOCK_KEY = 4_815_162_342; // any constant; shared by every instance of this app

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.slice(0, 3)),
      name: f.replace(/\.sql$/, ''),
      sql: fs.readFileSync(path.join(dir, f), 'utf8'),
    }));
}

/** `now` is the application's clock: the time of record comes from it, never from the database. */
export async function migrate(db: Db, now: Date): Promise<{ applied: string[] }> {
  const locked = async <T>(fn: (tx: Queryable) => Promise<T>) =>
    db.transaction(async (tx) => {
      if (db.engine === 'postgres') await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
      return fn(tx);
    });
  const done = await locked(async (tx) => {
    await tx.query(`create table if not exists schema_migrations (
      version integer primary key, name text not null, applied_at timestamptz not null)`);
    const res = await tx.query<{ version: number }>('select version from schema_migrations');
    return new Set(res.rows.map((r) => r.version));
  });
  const applied: string[] = [];
  for (const m of listMigrations()) {
    if (done.has(m.version)) continue;
    const ran = await locked(async (tx) => {
      // Another instance may have applied it while this one waited for the lock.
      if ((await tx.query('select 1 from schema_migrations where version = $1', [m.version])).rowCount) return false;
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (version, name, applied_at) values ($1, $2, $3)', [
        m.version,
        m.name,
        now,
      ]);
      return true;
    });
    if (ran) applied.push(m.name);
  }
  return { applied };
}

export async function pendingMigrations(db: Db): Promise<string[]> {
  const exists = await db.query<{ t: string | null }>(`select to_regclass('schema_migrations')::text as t`);
  if (!exists.rows[0]?.t) return listMigrations().map((m) => m.name);
  const done = new Set(
    (await db.query<{ version: number }>('select version from schema_migrations')).rows.map((r) => r.version),
  );
  return listMigrations()
    .filter((m) => !done.has(m.version))
    .map((m) => m.name);
}
