/**
 * Advisors at desks: taking a desk with the day's languages, pausing, leaving it. Which desks are
 * open decides who can be called and which languages the display and the ticket page promise, so
 * every change is announced. A unique index keeps one advisor per desk.
 */
import type { Db, Queryable } from '../db/client.ts';
import { uniqueViolation } from '../db/errors.ts';
import { DomainError, invalidField } from '../domain/errors.ts';
import type { QueueSettings } from '../../src/domain/queue-settings.ts';
import { announce } from './queue-events.ts';
import { servicePoint } from './queue-openings.ts';
import type { StaffUser } from './auth.ts';

export async function openDesks(q: Queryable, pointId: string) {
  return (
    await q.query<{ desk: string; languages: string[]; paused: boolean; staff_id: string }>(
      'select desk, languages, paused, staff_id from queue_desks where service_point = $1 and ended_at is null order by desk',
      [pointId],
    )
  ).rows;
}

export interface DeskRow {
  id: string;
  service_point: string;
  desk: string;
  staff_id: string;
  languages: string[];
  paused: boolean;
}

export async function myDesk(q: Queryable, user: StaffUser): Promise<DeskRow | undefined> {
  return (await q.query<DeskRow>('select * from queue_desks where staff_id = $1 and ended_at is null', [user.id]))
    .rows[0];
}

export async function requireDesk(q: Queryable, user: StaffUser): Promise<DeskRow> {
  const desk = await myDesk(q, user);
  if (!desk) throw new DomainError('no_desk');
  return desk;
}

export const INVALID_CHOICE = { code: 'invalid_choice', key: 'errors.field.invalidChoice' };

export async function openDesk(
  db: Db,
  settings: QueueSettings,
  user: StaffUser,
  input: { servicePoint: string; desk: string; languages: string[] },
  now: Date,
) {
  const point = servicePoint(settings, input.servicePoint);
  if (!point.desks.includes(input.desk)) throw invalidField('desk', INVALID_CHOICE);
  await db.transaction(async (tx) => {
    // Moving to another desk ends the advisor's previous one.
    await tx.query(`update queue_desks set ended_at = $2 where staff_id = $1 and ended_at is null`, [user.id, now]);
    await tx
      .query(
        `insert into queue_desks (service_point, desk, staff_id, languages, started_at) values ($1, $2, $3, $4, $5)`,
        [point.id, input.desk, user.id, [...new Set(input.languages)], now],
      )
      .catch((err) => {
        if (uniqueViolation(err)) throw new DomainError('desk_taken');
        throw err;
      });
    await announce(tx, point.id);
  });
}

export async function pauseDesk(db: Db, user: StaffUser, paused: boolean) {
  await db.transaction(async (tx) => {
    const desk = await requireDesk(tx, user);
    await tx.query('update queue_desks set paused = $2 where id = $1', [desk.id, paused]);
    await announce(tx, desk.service_point);
  });
}

export async function closeDesk(db: Db, user: StaffUser, now: Date) {
  await db.transaction(async (tx) => {
    const desk = await requireDesk(tx, user);
    const called = await tx.query(
      `select 1 from queue_tickets where service_point = $1 and called_desk = $2 and status = 'called'`,
      [desk.service_point, desk.desk],
    );
    if (called.rowCount) throw new DomainError('desk_busy');
    await tx.query('update queue_desks set ended_at = $2 where id = $1', [desk.id, now]);
    await announce(tx, desk.service_point);
  });
}
