/**
 * The walk-in schedule at run time: the database row coordinators edit, or, before anyone has
 * edited it, the sample file shipped in content/settings/walk-in.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db, Queryable } from '../db/client.ts';
import { parseWalkInSchedule } from '../../src/domain/walk-in-data.ts';
import type { WalkInSchedule } from '../../src/domain/walk-in.ts';
import { helsinkiDate } from '../../src/domain/calendar.ts';
import { audit } from './audit.ts';
import type { StaffUser } from './auth.ts';
import type { QueueHours } from './queue-openings.ts';

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'content', 'settings', 'walk-in.json');

/** The shipped file, read once: it changes only with a release (staff edit the database row). */
let shipped: WalkInSchedule | undefined;

export function fileSchedule(): WalkInSchedule {
  shipped ??= parseWalkInSchedule(JSON.parse(fs.readFileSync(FILE, 'utf8')));
  return shipped;
}

/** The schedule as stored (the row's `schedule`, null before anyone has edited it). */
export function storedSchedule(schedule: unknown): WalkInSchedule {
  return schedule ? parseWalkInSchedule(schedule) : fileSchedule();
}

export async function currentSchedule(db: Queryable): Promise<WalkInSchedule> {
  const row = (await db.query<{ schedule: unknown }>('select schedule from walk_in_schedule where id = 1')).rows[0];
  return storedSchedule(row?.schedule);
}

export async function saveSchedule(
  db: Db,
  user: StaffUser,
  schedule: WalkInSchedule,
  now: Date,
  hours: Pick<QueueHours, 'changed'>,
) {
  await db.transaction(async (tx) => {
    await tx.query(
      `insert into walk_in_schedule (id, schedule, updated_at, updated_by) values (1, $1, $2, $3)
       on conflict (id) do update set schedule = excluded.schedule, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      [JSON.stringify({ ...schedule, updated: helsinkiDate(now) }), now, user.id],
    );
    await audit(tx, now, user, 'change', 'walk_in_schedule', '1');
  });
  hours.changed();
}
