/**
 * Hostile: an erased person stays erased after a backup is restored, on each engine. A person's
 * booking, enrolment, referral and queue-ticket text number are backed up; the admin erases them;
 * `npm run db:restore` (the real command, in its own process) brings the backup back and replays the
 * erasure journal, so the person's data is gone again, audited with counts. Replaying once more
 * changes nothing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { engine, freshDb } from '../support/db.ts';
import { openGroup, personWithData, type PersonRecords } from '../support/person.ts';
import { staffAgent, staffCall, type Agent } from '../support/staff.ts';
import { openPglite, type Db } from '../../server/db/client.ts';
import { backupToFile } from '../../server/db/backup.ts';
import { seedDemo } from '../../server/db/seed.ts';
import { replayErasureJournal } from '../../server/services/person-data.ts';
import type { PersonCandidate } from '../../src/contracts/person.ts';
import { helsinkiDate } from '../../src/domain/calendar.ts';

let t: TestApp;
let admin: Agent;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ihl-erasure-restore-'));
const PHONE = '+358405557777';

beforeAll(async () => {
  t = await testApp();
  await seedDemo(t.deps.db, { now: t.deps.now() });
  admin = await staffAgent(t, 'admin');
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The person's rows in `db`: how many of each kind still hold their data. */
async function held(db: Db, p: PersonRecords) {
  const n = async (sql: string, params: unknown[]) =>
    (await db.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params)).rows[0]!.n;
  return {
    bookings: await n('bookings where reference = $1', [p.booking]),
    enrolments: await n('enrolments where reference = $1', [p.enrolment]),
    requests: await n('requests where reference = $1 and personal is not null', [p.referral]),
    queueTexts: await n('queue_ticket_sms where phone = $1', [PHONE]),
  };
}

/** `npm run db:restore -- <file>` against `env`'s database, with the app's erasure journal. */
function restoreCommand(file: string, env: Record<string, string>) {
  const res = spawnSync(process.execPath, ['server/cli/restore.ts', file], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      CLOCK_START: new Date(t.deps.now().getTime() + 3_600_000).toISOString(),
      ERASURE_JOURNAL: t.deps.config.ERASURE_JOURNAL!,
      ...env,
    },
    encoding: 'utf8',
  });
  expect(res.status, res.stderr).toBe(0);
  return res.stdout;
}

describe(`an erased person stays erased after a restore (${engine})`, () => {
  test('backup, erase, restore: the journal erases the person again', async () => {
    const person = await personWithData(t, 'Sami Palautus', PHONE, 'sami@example.com', { enrolIn: await openGroup(t) });
    await t.deps.db.query(
      `with t as (insert into queue_tickets (service_point, service_day, code, topic, language, channel, token_hash, created_at, queued_at)
                  values ('palvelutori', $2::date, 'R-001', 'general', 'fi', 'kiosk', 'erasure-restore', $1, $1) returning id)
       insert into queue_ticket_sms (ticket_id, phone, locale, created_at) select id, $3, 'fi', $1 from t`,
      [t.deps.now(), helsinkiDate(t.deps.now()), PHONE],
    );
    const all = { bookings: 1, enrolments: 1, requests: 1, queueTexts: 1 };
    expect(await held(t.deps.db, person)).toEqual(all);

    const file = path.join(dir, engine === 'pglite' ? 'before-erasure.tar.gz' : 'before-erasure.dump');
    await backupToFile(t.deps.db, file, t.dbUrl);

    const found = (
      await staffCall(t, admin, 'GET', `/api/staff/admin/person/candidates?contact=${encodeURIComponent(PHONE)}`)
    ).body.candidates as PersonCandidate[];
    const erased = await staffCall(t, admin, 'POST', '/api/staff/admin/person/erase', {
      records: found.map(({ kind, id }) => ({ kind, id })),
      confirm: true,
    });
    expect(erased.body.erased).toEqual(all);
    expect(await held(t.deps.db, person)).toEqual({ bookings: 0, enrolments: 0, requests: 0, queueTexts: 0 });

    // Restore the backup taken before the erasure, with the real command.
    let restored: Db;
    let cleanup: () => Promise<void>;
    if (engine === 'pglite') {
      const dataDir = path.join(dir, 'data');
      expect(restoreCommand(file, { DATA_DIR: dataDir })).toMatch(
        /erased again 1 bookings, 1 enrolments, 1 requests, 1 queue/,
      );
      restored = await openPglite(path.join(dataDir, 'pglite'));
      cleanup = () => restored.close();
    } else {
      // A new, empty database of the test cluster, restored into by the command.
      const target = await freshDb({ migrate: false });
      expect(restoreCommand(file, { DATABASE_URL: target.url! })).toMatch(
        /erased again 1 bookings, 1 enrolments, 1 requests, 1 queue/,
      );
      restored = target.db;
      cleanup = target.drop;
    }
    try {
      expect(await held(restored, person)).toEqual({ bookings: 0, enrolments: 0, requests: 0, queueTexts: 0 });
      // Erased the same way: folded into the statistics, the request's facts kept.
      expect(
        (
          await restored.query<{ n: number }>(`select count(*)::int as n from requests where reference = $1`, [
            person.referral,
          ])
        ).rows[0]!.n,
      ).toBe(1);
      const log = (
        await restored.query<{ detail: Record<string, unknown>; actor_id: string | null }>(
          `select actor_id, detail from audit_log where record_type = 'person' and detail->>'replay' = 'true'`,
        )
      ).rows;
      expect(log).toEqual([{ actor_id: null, detail: { ...all, erasure: true, replay: true } }]);
      // Idempotent: at the next start, nothing more.
      expect(await replayErasureJournal(restored, t.deps.config.ERASURE_JOURNAL!, t.deps.now())).toEqual({
        bookings: 0,
        enrolments: 0,
        requests: 0,
        queueTexts: 0,
      });
    } finally {
      await cleanup();
    }
  }, 120_000);
});
