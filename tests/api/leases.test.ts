/** Leases on each engine: one holder at a time, renewable by its holder, free again when it ends. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freshDb, engine, type TestDb } from '../support/db.ts';
import { TEST_START } from '../support/clock.ts';
import { tryLease } from '../../server/services/leases.ts';

let database: TestDb;
beforeAll(async () => {
  database = await freshDb();
});
afterAll(() => database.drop());

describe(`job leases (${engine})`, () => {
  test('one instance holds a job until the instant it claimed; then another may take it', async () => {
    const at = (s: number) => new Date(TEST_START.getTime() + s * 1000);
    expect(await tryLease(database.db, 'close-queues', at(0), 50_000, 'a')).toBe(true);
    expect(await tryLease(database.db, 'close-queues', at(10), 50_000, 'b')).toBe(false);
    // The holder renews its own lease.
    expect(await tryLease(database.db, 'close-queues', at(20), 50_000, 'a')).toBe(true);
    expect(await tryLease(database.db, 'close-queues', at(60), 50_000, 'b')).toBe(false);
    // Other jobs are separate.
    expect(await tryLease(database.db, 'retention', at(60), 50_000, 'b')).toBe(true);
    // At 70 s the renewed lease has ended.
    expect(await tryLease(database.db, 'close-queues', at(70), 50_000, 'b')).toBe(true);
    expect(await tryLease(database.db, 'close-queues', at(71), 50_000, 'a')).toBe(false);
  });

  test('two instances asking at the same instant: exactly one gets the lease', async () => {
    const results = await Promise.all(
      ['x', 'y', 'z', 'w'].map((h) => tryLease(database.db, 'reminders', TEST_START, 4_000, h)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
