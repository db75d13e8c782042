/**
 * Reliability: crash. The server is killed with SIGKILL in the middle of a booking load and
 * started again, 20 times. Every booking whose request was answered 2xx must be there afterwards,
 * consistent (active, its time held once). On PostgreSQL that is asserted; on the embedded
 * database the same is measured and reported (reports/reliability-crash-pglite.json), and the
 * server must never start silently without its data: after every restart it either holds at
 * least every acknowledged booking or refuses to start with the recovery instructions.
 */
import { TEST_START } from '../support/clock.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { engine, freshDb, type TestDb } from '../support/db.ts';
import { seedDemo } from '../../server/db/seed.ts';
import { freePort } from '../support/net.ts';
import { serverEnv } from '../support/server.ts';

const CYCLES = 20;

let database: TestDb | undefined;
let dataDir = '';
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ihl-crash-'));
  if (engine === 'postgres') {
    database = await freshDb();
    await seedDemo(database.db, { accounts: false, now: TEST_START });
  }
});
afterAll(async () => {
  await database?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  base: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

async function startServer(): Promise<Started | { refused: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['server/main.ts'], {
    env: {
      ...process.env,
      ...serverEnv(port),
      DATA_DIR: dataDir,
      ...(database ? { DATABASE_URL: database.url!, DEMO_CONTENT: 'no' } : { DEMO_CONTENT: 'auto' }),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) return { refused: stderr };
    if (
      await fetch(`${base}/api/ready`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      return { child, base, stderr: () => stderr, exited };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not start: ${stderr}`);
}

describe(`crash: SIGKILL during a booking load, ${CYCLES} times (${engine})`, () => {
  test('acknowledged bookings survive', async () => {
    const acknowledged: { reference: string; start: string; slotId: string }[] = [];
    const report = {
      engine,
      cycles: CYCLES,
      acknowledged: 0,
      lost: 0,
      reofferedAfterRestart: 0,
      refusedToStart: 0,
      recoveryMessageShown: 0,
    };
    let person = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const started = await startServer();
      if ('refused' in started) {
        report.refusedToStart++;
        // Never silently: it names the problem and how to recover.
        expect(started.refused).toMatch(/Cannot open the embedded database/);
        expect(started.refused).toMatch(/db:restore|move the directory aside/);
        report.recoveryMessageShown++;
        break;
      }
      const slots = await (await fetch(`${started.base}/api/bookings/slots?language=fi&mode=phone`)).json();
      const times: { slotId: string; start: string }[] = (slots.days ?? [])
        .flatMap((d: { times: unknown[] }) => d.times)
        .sort(() => Math.random() - 0.5);
      // A time acknowledged as booked must never be offered again: that would mean the booking was lost.
      const free = new Set(times.map((x) => x.slotId));
      const reoffered = acknowledged.filter((a) => free.has(a.slotId));
      report.reofferedAfterRestart += reoffered.length;
      if (engine === 'postgres') expect(reoffered, `cycle ${cycle}: booked times offered again`).toEqual([]);
      // Never silently without data: an empty database would offer every booked time again.
      if (acknowledged.length > 5)
        expect(reoffered.length, `cycle ${cycle}: the server started without its data`).toBeLessThan(
          acknowledged.length,
        );
      let stop = false;
      const worker = async () => {
        while (!stop && times.length) {
          const slot = times.pop()!;
          const i = ++person;
          const res = await fetch(`${started.base}/api/bookings`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              slotId: slot.slotId,
              serviceLanguage: 'fi',
              mode: 'phone',
              name: `Crash Person ${i}`,
              email: `crash-${i}-${cycle}@example.invalid`,
              contactLanguage: 'fi',
              locale: 'fi',
            }),
          }).catch(() => undefined);
          if (res?.status === 201) {
            // The status line is the acknowledgement; the body may be cut off by the kill.
            const answer = (await res.json().catch(() => undefined)) as { booking?: { reference: string } } | undefined;
            acknowledged.push({ reference: answer?.booking?.reference ?? '', start: slot.start, slotId: slot.slotId });
          }
        }
      };
      const load = Promise.all([worker(), worker(), worker(), worker()]);
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 450));
      started.child.kill('SIGKILL');
      stop = true;
      await started.exited;
      await load;
    }
    report.acknowledged = acknowledged.length;
    expect(acknowledged.length, 'the load made bookings').toBeGreaterThan(CYCLES);

    // Read what survived, with the server stopped: straight from the database.
    const { openPglite, openPostgres } = await import('../../server/db/client.ts');
    const db = database ? await openPostgres(database.url!) : await openPglite(path.join(dataDir, 'pglite'));
    try {
      const rows = (
        await db.query<{ reference: string; status: string; starts_at: Date }>(
          'select reference, status, starts_at from bookings',
        )
      ).rows;
      const byRef = new Map(rows.map((r) => [r.reference, r]));
      const at = (a: { start: string }) => new Date(a.start).toISOString();
      // By reference where the answer's body arrived; by its time otherwise.
      const find = (a: { reference: string; start: string }) =>
        a.reference
          ? byRef.get(a.reference)
          : rows.find((r) => r.status === 'active' && new Date(r.starts_at).toISOString() === at(a));
      const missing = acknowledged.filter((a) => !find(a));
      report.lost = missing.length;
      const inconsistent = acknowledged.filter(
        (a) => find(a) && (find(a)!.status !== 'active' || new Date(find(a)!.starts_at).toISOString() !== at(a)),
      );
      expect(inconsistent, 'acknowledged bookings changed').toEqual([]);
      if (engine === 'postgres') expect(missing, 'acknowledged bookings lost on PostgreSQL').toEqual([]);
    } finally {
      await db.close();
    }
    fs.mkdirSync('reports', { recursive: true });
    fs.writeFileSync(`reports/reliability-crash-${engine}.json`, JSON.stringify(report, null, 2));
    console.log(`crash test (${engine}):`, JSON.stringify(report));
  }, 600_000);
});
