/**
 * `npm run db:seed`: loads the demo content (sample advisors and availability). Refuses on a
 * production configuration unless DEMO_CONTENT=yes asks for it by name.
 */
import { migrate } from '../db/migrate.ts';
import { seedDemo } from '../db/seed.ts';
import { withDatabase } from './run.ts';

await withDatabase(async (db, config, now) => {
  if (config.production && config.DEMO_CONTENT !== 'yes') {
    process.stderr.write(
      'Refusing to load demo content into a production database. Set DEMO_CONTENT=yes to ask for it by name.\n',
    );
    process.exitCode = 1;
    return;
  }
  await migrate(db, now());
  const { loaded } = await seedDemo(db, { accounts: !config.production, now: now() });
  console.log(loaded ? 'Demo content loaded (sample data, marked as demo).' : 'Demo content was already loaded.');
});
