/**
 * `npm run db:backup [-- <file>]`: a backup of the configured database (see server/db/backup.ts).
 * Embedded: the server must be stopped (it holds the directory; while it runs it takes its own
 * automatic backups into DATA_DIR/backups). PostgreSQL: any time, with pg_dump of the server's version.
 */
import path from 'node:path';
import { backupToFile } from '../db/backup.ts';
import { withDatabase } from './run.ts';

await withDatabase(async (db, config) => {
  const file =
    process.argv[2] ??
    path.resolve(
      config.DATA_DIR,
      'backups',
      `ihl-${new Date().toISOString().replace(/[:.]/g, '-')}.${db.engine === 'pglite' ? 'tar.gz' : 'dump'}`,
    );
  await backupToFile(db, file, config.database.engine === 'postgres' ? config.database.url : undefined);
  console.log(`Backup written: ${file}`);
});
