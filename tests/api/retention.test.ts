/**
 * The retention of what had none, on each engine with a set clock: satisfaction comments lose their
 * free text a period after the month they were given in (the score stays for the statistics), and
 * requests never closed lose their personal data a period after their last activity (the facts stay),
 * each run audited with counts only.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freshDb, engine, type TestDb } from '../support/db.ts';
import { createEmployerRequest } from '../../server/services/requests.ts';
import { dropFeedbackComments, enforceRetention } from '../../server/services/retention.ts';
import { retentionSchedule } from '../../src/domain/retention-schedule.ts';
import type { EmployerRequest } from '../../src/contracts/requests.ts';

let d: TestDb;
beforeAll(async () => {
  d = await freshDb();
});
afterAll(() => d.drop());

const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);
const rows = async <T>(sql: string, params: unknown[] = []) => (await d.db.query<T>(sql, params)).rows;

const employer = (contactName: string): EmployerRequest => ({
  company: 'Lahden Konepaja Oy',
  businessId: '0112038-9',
  contactName,
  email: `${contactName.toLowerCase()}@konepaja.example`,
  needs: ['recruiting'],
  positions: 2,
  sector: 'industry',
  languages: ['fi'],
  locale: 'fi',
});

describe(`retention of comments and of requests never closed (${engine})`, () => {
  test('a comment loses its text the period after its month has ended; the score stays; audited with the count', async () => {
    const days = retentionSchedule.records.feedbackComments.days;
    await d.db.query(
      `insert into feedback (context, score, comment, language, month) values
        ('booking', 4, 'Helpful, thanks to Aino', 'fi', '2030-01-01'), ('walk_in', 2, null, 'en', '2030-01-01'),
        ('booking', 5, 'Kiitos', 'fi', '2030-02-01')`,
    );
    // January ends on 1.2.2030 (Helsinki): `days` later, not yet; a day after, gone.
    const endOfJanuary = at('2030-01-31T22:00:00Z');
    expect(await dropFeedbackComments(d.db, new Date(endOfJanuary.getTime() + (days - 1) * DAY), days)).toBe(0);
    const now = new Date(endOfJanuary.getTime() + days * DAY + 60_000);
    expect(await dropFeedbackComments(d.db, now, days)).toBe(1);
    const left = await rows<{ score: number; comment: string | null; month: Date }>(
      `select score, comment, month from feedback where month >= '2030-01-01' order by month, score`,
    );
    expect(left.map((r) => [r.score, r.comment])).toEqual([
      [2, null],
      [4, null],
      [5, 'Kiitos'],
    ]);
    const log = await rows<{ detail: unknown; record_type: string }>(
      `select record_type, detail from audit_log where record_type = 'feedback_comment' and at = $1`,
      [now],
    );
    expect(log).toEqual([{ record_type: 'feedback_comment', detail: { retention: true, count: 1 } }]);
  });

  test('a request never closed loses its personal data the period after its last activity; its facts stay', async () => {
    const days = retentionSchedule.records.openRequests.days;
    const received = at('2031-03-03T08:00:00Z');
    const idle = await createEmployerRequest(d.db, employer('Idle'), received);
    const worked = await createEmployerRequest(d.db, employer('Worked'), received);
    // The second is contacted 100 days later: its period counts from then.
    await d.db.query(`update requests set status = 'contacted', contacted_at = $2 where id = $1`, [
      worked.id,
      new Date(received.getTime() + 100 * DAY),
    ]);
    const schedule = retentionSchedule;
    expect(
      (await enforceRetention(d.db, schedule, new Date(received.getTime() + days * DAY - 60_000))).openRequests,
    ).toBe(0);
    const now = new Date(received.getTime() + days * DAY + 60_000);
    const result = await enforceRetention(d.db, schedule, now);
    expect(result.openRequests).toBe(1);
    const after = await rows<{ id: string; status: string; personal: unknown; org_name: string; positions: number }>(
      'select id, status, personal, org_name, positions from requests where id = any($1) order by received_at, reference',
      [[idle.id, worked.id]],
    );
    const byId = new Map(after.map((r) => [r.id, r]));
    expect(byId.get(idle.id)).toMatchObject({
      status: 'new',
      personal: null,
      org_name: 'Lahden Konepaja Oy',
      positions: 2,
    });
    expect(byId.get(worked.id)!.personal).toMatchObject({ contactName: 'Worked' });
    // Its unsent confirmation goes with it.
    expect(await rows(`select 1 from outbox where request_id = $1 and status <> 'sent'`, [idle.id])).toEqual([]);
    const log = await rows<{ detail: unknown; record_id: string | null }>(
      `select record_id, detail from audit_log where action = 'anonymise' and at = $1`,
      [now],
    );
    expect(log).toEqual([{ record_id: null, detail: { retention: true, open: true, count: 1 } }]);
    expect(JSON.stringify(log)).not.toMatch(/Idle|konepaja/i);
    // 100 days later, the worked one goes too.
    expect((await enforceRetention(d.db, schedule, new Date(now.getTime() + 100 * DAY))).openRequests).toBe(1);
  });
});
