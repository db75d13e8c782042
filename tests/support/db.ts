/**
 * A fresh, migrated database for one test file, on the engine of the running project:
 * PGlite in memory, or a new database in the throwaway PostgreSQL cluster.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Db, type Engine } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { TEST_START } from './clock.ts';

export const engine: Engine = process.env.TEST_DB_ENGINE === 'postgres' ? 'postgres' : 'pglite';

export interface TestDb {
  db: Db;
  /** For tests that need a second, independent connection (PostgreSQL only). */
  url?: string;
  drop: () => Promise<void>;
}

export async function freshDb(options: { migrate?: boolean } = {}): Promise<TestDb> {
  let result: TestDb;
  if (engine === 'pglite') {
    const db = await openPglite();
    result = { db, drop: () => db.close() };
  } else {
    const admin = inject('postgresAdminUrl');
    const name = `t_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    const url = admin.replace(/\/postgres$/, `/${name}`);
    const db = await openPostgres(url, { max: 20 });
    result = {
      db,
      url,
      drop: async () => {
        await db.close();
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  if (options.migrate !== false) await migrate(result.db, TEST_START);
  return result;
}
