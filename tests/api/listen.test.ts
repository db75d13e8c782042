/**
 * NOTIFY reaching this process (server/db/client.ts `listen`): on PostgreSQL one connection
 * listens to every channel (each listening connection is woken by every NOTIFY), each channel's
 * handlers hear only that channel, a stopped handler hears nothing more, and after the
 * connection drops (a server restart) it is opened again and listens to the same channels.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { engine, freshDb, type TestDb } from '../support/db.ts';
import { eventually } from '../support/eventually.ts';

let database: TestDb;
beforeAll(async () => {
  database = await freshDb({ migrate: false });
});
afterAll(async () => {
  await database.drop();
});

describe(`NOTIFY to this process (${engine})`, () => {
  test('each channel’s handlers hear only that channel, and a stopped one hears nothing more', async () => {
    const heard: string[] = [];
    const stopA = await database.db.listen('test_a', (p) => heard.push(`a:${p}`));
    const stopB = await database.db.listen('test_b', (p) => heard.push(`b:${p}`));
    await database.db.query(`select pg_notify('test_a', '1'), pg_notify('test_b', '2'), pg_notify('test_c', '3')`);
    await eventually(() => heard.length === 2);
    expect(heard.sort()).toEqual(['a:1', 'b:2']);
    await stopA();
    await database.db.query(`select pg_notify('test_a', '4'), pg_notify('test_b', '5')`);
    await eventually(() => heard.includes('b:5'));
    expect(heard).not.toContain('a:4');
    await stopB();
  });

  test.skipIf(engine === 'pglite')(
    'one connection listens to every channel, and listens again after it drops',
    async () => {
      // Reason for skipping on PGlite: it has no connections; its NOTIFY stays in the process.
      const heard: string[] = [];
      const stops = await Promise.all(
        ['test_x', 'test_y', 'test_z'].map((ch) => database.db.listen(ch, (p) => heard.push(`${ch}:${p}`))),
      );
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      try {
        const listeners = async () =>
          (
            await admin.query<{ pid: number }>(
              `select l.pid from pg_stat_activity l where l.datname = current_database() and l.query like 'listen %'`,
            )
          ).rows;
        expect(await listeners()).toHaveLength(1);
        // The server drops the connection, as a restart would.
        await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where pid = $1', [
          (await listeners())[0]!.pid,
        ]);
        await eventually(async () => {
          await admin.query(`select pg_notify('test_z', 'again')`);
          return heard.includes('test_z:again');
        });
        await admin.query(`select pg_notify('test_x', 'x1')`);
        await eventually(() => heard.includes('test_x:x1'));
        expect(await listeners()).toHaveLength(1);
      } finally {
        await admin.end();
        for (const stop of stops) await stop();
      }
    },
  );
});
