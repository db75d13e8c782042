/** `npm run db:migrate`: applies pending migrations to the configured database. */
import { migrate } from '../db/migrate.ts';
import { withDatabase } from './run.ts';

await withDatabase(async (db) => {
  const { applied } = await migrate(db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
});
