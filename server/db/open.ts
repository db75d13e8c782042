/**
 * Opens the configured database for a process: PGlite under its directory lock, or a PostgreSQL
 * pool. Every command that touches the database (server, migrate, seed) opens it through here, so
 * a second process on the same embedded directory gets the same clear refusal.
 */
import path from 'node:path';
import type { Config } from '../config.ts';
import { openPglite, openPostgres, type Db } from './client.ts';
import { acquireDataDirLock } from './lock.ts';

export async function openConfiguredDb(config: Config): Promise<Db> {
  if (config.database.engine === 'postgres') return openPostgres(config.database.url);
  // DATA_DIR holds the lock, the database (pglite/) and the development message sinks.
  const release = acquireDataDirLock(config.database.dataDir);
  try {
    const db = await openPglite(path.join(config.database.dataDir, 'pglite'));
    return {
      ...db,
      async close() {
        await db.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/** Demo content goes into an empty embedded database outside production, or wherever it is asked for by name. */
export function shouldLoadDemo(config: Config, state: { empty: boolean }): boolean {
  if (config.DEMO_CONTENT === 'no') return false;
  if (config.DEMO_CONTENT === 'yes') return true;
  return config.database.engine === 'pglite' && !config.production && state.empty;
}
