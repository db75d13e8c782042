/**
 * Versioned migrations: server/db/migrations/NNN_name.sql, applied in order, each in its own
 * transaction together with its row in schema_migrations. On PostgreSQL an advisory lock keeps
 * two instances starting at once from applying the same migration twice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './client.ts';

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
  const applied: string[] = [];
  await db.query(`create table if not exists schema_migrations (
    version integer primary key, name text not null, applied_at timestamptz not null)`);
  if (db.engine === 'postgres') await db.query('select pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    const done = new Set(
      (await db.query<{ version: number }>('select version from schema_migrations')).rows.map((r) => r.version),
    );
    for (const m of listMigrations()) {
      if (done.has(m.version)) continue;
      await db.transaction(async (tx) => {
        await tx.exec(m.sql);
        await tx.query('insert into schema_migrations (version, name, applied_at) values ($1, $2, $3)', [
          m.version,
          m.name,
          now,
        ]);
      });
      applied.push(m.name);
    }
  } finally {
    if (db.engine === 'postgres') await db.query('select pg_advisory_unlock($1)', [LOCK_KEY]);
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
