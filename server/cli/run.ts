/** Shared start of the database commands: config, then the database under its lock, with plain errors. */
import { ConfigError, loadConfig, type Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { configuredClock, type Clock } from '../clock.ts';
import { DataDirLockedError } from '../db/lock.ts';
import { openConfiguredDb } from '../db/open.ts';

export async function withDatabase(task: (db: Db, config: Config, now: Clock) => Promise<void>): Promise<void> {
  let db: Db | undefined;
  try {
    const config = loadConfig();
    db = await openConfiguredDb(config);
    await task(db, config, configuredClock(config));
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DataDirLockedError) {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw err;
  } finally {
    await db?.close();
  }
}
