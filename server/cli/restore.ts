/**
 * `npm run db:restore -- <file>`: restores a backup made by db:backup or the automatic backups.
 * Embedded: the server must be stopped; the current data directory is kept aside, not deleted.
 * PostgreSQL: replaces the database's objects with the backup's (pg_restore --clean), in one transaction.
 * Then the migrations run and the erasure journal is replayed: a person erased after the backup was
 * taken is erased again (server/erasure-journal.ts); the server does the same at every start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { configuredClock } from '../clock.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { restorePglite, restorePostgres } from '../db/backup.ts';
import { acquireDataDirLock, DataDirLockedError } from '../db/lock.ts';
import { openPostgres } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { openConfiguredDb } from '../db/open.ts';
import { erasureJournalDir } from '../erasure-journal.ts';
import { replayErasureJournal } from '../services/person-data.ts';

const file = process.argv[2];
try {
  if (!file || !fs.existsSync(file))
    throw new ConfigError('Usage: npm run db:restore -- <backup file>  (the file must exist)');
  const config = loadConfig();
  if (config.database.engine === 'pglite') {
    const release = acquireDataDirLock(config.database.dataDir);
    try {
      const { movedAside } = await restorePglite(path.resolve(file), config.database.dataDir);
      console.log(
        `Restored ${file} into ${path.join(config.database.dataDir, 'pglite')}.${movedAside ? ` The previous directory is kept as ${movedAside}.` : ''}`,
      );
    } finally {
      release();
    }
  } else {
    const db = await openPostgres(config.database.url);
    try {
      await restorePostgres(db, path.resolve(file), config.database.url);
      console.log(`Restored ${file} into the database in DATABASE_URL.`);
    } finally {
      await db.close();
    }
  }
  const db = await openConfiguredDb(config);
  try {
    const now = configuredClock(config);
    await migrate(db, now());
    const journal = erasureJournalDir(config);
    const n = await replayErasureJournal(db, journal, now());
    console.log(
      `Erasure journal ${journal} replayed: erased again ${n.bookings} bookings, ${n.enrolments} enrolments, ${n.requests} requests, ${n.queueTexts} queue text numbers.`,
    );
  } finally {
    await db.close();
  }
} catch (err) {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 1;
  } else throw err;
}
