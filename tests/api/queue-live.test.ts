/**
 * Live queue views that scale (server/services/queue-live.ts), on each engine: however many
 * displays and phones watch a service point, a change costs one read of the point, counted here
 * through a wrapped connection; each phone receives only its own ticket's view, and only when it
 * changed.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../server/db/client.ts';
import { createLiveQueue, type LiveWatcher } from '../../server/services/queue-live.ts';
import { takeTicket } from '../../server/services/queue-tickets.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';

// Monday 23.11.2026, 10:00 in Helsinki: the sample walk-in session 09–12 is open.
const clock = new Date('2026-11-23T08:00:00Z');
const POINT = 'palvelutori';
let t: TestApp;

beforeAll(async () => {
  t = await testApp({ now: () => clock });
});
afterAll(async () => {
  await t.close();
});

/** A watcher that keeps what it was sent. */
function watcher() {
  const got: string[] = [];
  const w: LiveWatcher & { got: string[] } = {
    got,
    send: (json) => got.push(json),
    gone: (code) => got.push(`gone:${code}`),
  };
  return w;
}
async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}
const take = () =>
  takeTicket(
    t.deps.db,
    t.deps.queue,
    POINT,
    { topic: 'general', language: 'fi', channel: 'phone' },
    clock,
    t.deps.queueHours,
  );

const waitingNow = async () =>
  (
    await t.deps.db.query<{ n: number }>(
      `select count(*)::int as n from queue_tickets where service_point = $1 and status = 'waiting'`,
      [POINT],
    )
  ).rows[0]!.n;

/** A live queue over a connection that counts its queries. */
function counting() {
  const queries = { n: 0 };
  const counted: Db = {
    ...t.deps.db,
    query: (sql, params) => {
      queries.n++;
      return t.deps.db.query(sql, params);
    },
  };
  return { live: createLiveQueue({ ...t.deps, db: counted, log: t.deps.log }), queries };
}

describe(`live queue views (${engine})`, () => {
  test('one display and fifty phones on one point: a change costs one read, each phone sees only its ticket', async () => {
    const { live, queries } = counting();
    // Whoever already waits (another test's tickets) stays ahead of this test's fifty.
    const before = await waitingNow();
    const tickets: Awaited<ReturnType<typeof take>>[] = [];
    for (let i = 0; i < 50; i++) tickets.push(await take());
    const display = watcher();
    const phones = tickets.map(() => watcher());
    const stops = [live.display(POINT, display), ...tickets.map((x, i) => live.ticket(POINT, x.id, phones[i]!))];
    try {
      await until(() => display.got.length === 1 && phones.every((p) => p.got.length === 1));
      // Each phone received its own ticket's view: its code and its place in line.
      phones.forEach((p, i) => {
        const { ticket } = JSON.parse(p.got[0]!);
        expect(ticket.code).toBe(tickets[i]!.code);
        expect(ticket.ahead).toBe(before + i);
        expect(ticket.smsFollowed).toBe(false);
        // The estimate shown is a range (or "next", or "not enough data"), never the raw minute.
        expect(['next', 'range', 'unknown']).toContain(ticket.estimate.kind);
      });
      expect(JSON.parse(display.got[0]!).waiting).toBe(before + 50);
      // The display carries where its QR code leads, as its single read does.
      expect(JSON.parse(display.got[0]!).joinUrl).toMatch(/\/fi\/walk-in\/queue\/$/);

      // Settle: joins are coalesced into reads; wait until none is running, then count one change.
      await new Promise((r) => setTimeout(r, 200));
      const reads = live.reads;
      queries.n = 0;
      await take(); // NOTIFY at commit wakes the point's one hub
      await until(() => display.got.length === 2);
      await new Promise((r) => setTimeout(r, 200));
      expect(live.reads - reads).toBe(1);
      // One read of the point: its state in one query, and its opening hours (the walk-in schedule and extra openings).
      expect(queries.n).toBeLessThanOrEqual(3);
      expect(JSON.parse(display.got[1]!).waiting).toBe(before + 51);
      // The new ticket joined behind everyone: no phone's view changed, so none was sent anything.
      expect(phones.every((p) => p.got.length === 1)).toBe(true);
    } finally {
      for (const stop of stops) stop();
    }
  });

  test('the read per change does not grow with the number of watchers', async () => {
    const countFor = async (phones: number) => {
      const { live, queries } = counting();
      const own: Awaited<ReturnType<typeof take>>[] = [];
      for (let i = 0; i < phones; i++) own.push(await take());
      const ws = own.map(() => watcher());
      const stops = own.map((x, i) => live.ticket(POINT, x.id, ws[i]!));
      try {
        await until(() => ws.every((w) => w.got.length >= 1));
        await new Promise((r) => setTimeout(r, 200));
        queries.n = 0;
        const reads = live.reads;
        await take();
        await until(() => live.reads > reads);
        await new Promise((r) => setTimeout(r, 200));
        return { queries: queries.n, reads: live.reads - reads };
      } finally {
        for (const stop of stops) stop();
      }
    };
    const one = await countFor(1);
    const many = await countFor(40);
    expect(one.reads).toBe(1);
    expect(many).toEqual(one);
  });
});
