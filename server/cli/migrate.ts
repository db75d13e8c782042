/** `npm run db:migrate`: applies pending migrations to the configured database. */
import { migrate } from '../db/migrate.ts';
import { withDatabase } from './run.ts';

await withDatabase(async (db, _config, now) => {
  const { applied } = await migrate(db, now());
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
});
