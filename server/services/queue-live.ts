/**
 * A service point's queue as its live views see it, read once and shared. One read of the point
 * (one query for its desks, recent calls, waiting line and the watched tickets, plus its opening
 * hours) serves the display and every phone watching a ticket there: each view is derived from it
 * in memory, and each phone receives only its own ticket's view. The single reads of the API
 * (`displayView`, `ticketView`) derive their answers the same way.
 *
 * `createLiveQueue` keeps one hub per service point with watchers: a committed change
 * (queue-events.ts) or the safety-net timer reads the point once, whatever the number of
 * watchers; bursts of changes are coalesced into one read at a time.
 */
import type { DisplayView, TicketStatus, TicketView } from '../../src/contracts/queue.ts';
import type { OpenState } from '../../src/contracts/responses.ts';
import { helsinkiDay, daysLater } from '../../src/domain/calendar.ts';
import type { QueueSettings, ServicePoint } from '../../src/domain/queue-settings.ts';
import type { Db, Queryable } from '../db/client.ts';
import {
  estimateFrom,
  languagesServedNow,
  waitBasis,
  waitRange,
  type ServiceSample,
  type TicketTopic,
  type WaitBasis,
} from '../domain/queue.ts';
import type { Logger } from '../log.ts';
import type { QueueEvents } from './queue-events.ts';
import { openState, servicePoint } from './queue-openings.ts';
import { withJoinUrl } from './queue-qr.ts';

interface WatchedTicket {
  id: string;
  code: string;
  status: TicketStatus;
  topic: TicketTopic;
  language: string;
  call_count: number;
  feedback_given: boolean;
  sms_followed: boolean;
  called_desk: string | null;
  called_at: string | null;
}

/** One read of a service point: everything its live views show. */
export interface PointSnapshot {
  point: ServicePoint;
  open: OpenState;
  desks: { desk: string; languages: string[]; paused: boolean }[];
  calls: {
    code: string;
    called_desk: string;
    language: string;
    called_at: string;
    call_count: number;
    status: TicketStatus;
  }[];
  /** Waiting tickets in order of service: a ticket's index is how many are ahead of it. */
  waiting: string[];
  tickets: WatchedTicket[];
}

export async function readPoint(
  q: Queryable,
  settings: QueueSettings,
  pointId: string,
  ticketIds: readonly string[],
  now: Date,
): Promise<PointSnapshot> {
  const point = servicePoint(settings, pointId);
  const [state, open] = await Promise.all([
    q.query<Omit<PointSnapshot, 'point' | 'open'>>(
      `select
         (select coalesce(json_agg(d order by d.desk), '[]'::json) from
            (select desk, languages, paused from queue_desks where service_point = $1 and ended_at is null) d) as desks,
         (select coalesce(json_agg(c order by c.called_at desc), '[]'::json) from
            (select code, called_desk, language, called_at, call_count, status from queue_tickets
              where service_point = $1 and service_day = $2 and called_at is not null and called_desk is not null
              order by called_at desc limit 6) c) as calls,
         (select coalesce(json_agg(w.id order by w.seq), '[]'::json) from queue_tickets w
           where w.service_point = $1 and w.status = 'waiting') as waiting,
         (select coalesce(json_agg(t), '[]'::json) from
            (select id, code, status, topic, language, call_count, feedback_given, called_desk, called_at,
                    exists (select 1 from queue_ticket_sms s where s.ticket_id = queue_tickets.id) as sms_followed
               from queue_tickets where id = any($3::uuid[])) t) as tickets`,
      [point.id, helsinkiDay(now).date, ticketIds],
    ),
    openState(q, point, now),
  ]);
  return { point, open, ...state.rows[0]! };
}

const pointOf = (p: ServicePoint) => ({ id: p.id, place: p.place, street: p.street });
const languagesServed = (s: PointSnapshot) => languagesServedNow(s.desks, s.open.open ? s.open.languages : undefined);

export function displayFrom(s: PointSnapshot): DisplayView {
  return {
    servicePoint: pointOf(s.point),
    open: s.open,
    calls: s.calls.map((r) => ({
      code: r.code,
      desk: r.called_desk,
      language: r.language,
      calledAt: new Date(r.called_at).toISOString(),
      callCount: r.call_count,
      active: r.status === 'called',
    })),
    waiting: s.waiting.length,
    languagesServed: languagesServed(s),
  };
}

/**
 * Derives tickets' views from one snapshot: the place in line from the waiting order, the estimate
 * from the basis of each topic and language (worked out once, shared by the tickets that have it),
 * widened to the range shown (`waitRange`).
 */
export function ticketViews(s: PointSnapshot, samples: readonly ServiceSample[], estimate: QueueSettings['estimate']) {
  const places = new Map(s.waiting.map((id, i) => [id, i]));
  const tickets = new Map(s.tickets.map((t) => [t.id, t]));
  const desks = s.desks.filter((d) => !d.paused);
  const served = languagesServed(s);
  const bases = new Map<string, WaitBasis>();
  const basisOf = (topic: TicketTopic, language: string) => {
    const key = `${topic}|${language}`;
    if (!bases.has(key)) bases.set(key, waitBasis(topic, language, samples, estimate.minSamples));
    return bases.get(key);
  };
  return (id: string): TicketView | undefined => {
    const t = tickets.get(id);
    if (!t) return undefined;
    const view: TicketView = {
      code: t.code,
      status: t.status,
      topic: t.topic,
      language: t.language,
      servicePoint: pointOf(s.point),
      callCount: t.call_count,
      feedbackGiven: t.feedback_given,
      languagesServed: served,
      smsFollowed: t.sms_followed,
    };
    if (t.status === 'called') return { ...view, desk: t.called_desk!, calledAt: new Date(t.called_at!).toISOString() };
    if (t.status !== 'waiting') return view;
    const ahead = places.get(t.id) ?? 0;
    const desksServing = desks.filter((d) => d.languages.includes(t.language)).length || desks.length;
    const point = estimateFrom(basisOf(t.topic, t.language), ahead, desksServing);
    return { ...view, ahead, estimate: waitRange(point, estimate.range) };
  };
}

/** Service times of the last `sampleDays`, every topic and language (the estimates' samples). */
export async function serviceSamples(q: Queryable, settings: QueueSettings, now: Date, topic?: TicketTopic) {
  const since = daysLater(now, -settings.estimate.sampleDays);
  const res = await q.query<{ topic: TicketTopic; language: string; minutes: number }>(
    `select topic, language, extract(epoch from ended_at - first_called_at) / 60 as minutes
       from queue_tickets where status = 'served' and ($2::text is null or topic = $2) and ended_at > $1 and first_called_at is not null`,
    [since, topic ?? null],
  );
  return res.rows.map((r) => ({ ...r, minutes: Number(r.minutes) }));
}

/** Sends a view's JSON (already serialised, shared by everyone who sees the same), or says it is gone. */
export interface LiveWatcher {
  send(json: string): void;
  gone(code: string): void;
}

export interface LiveQueue {
  /** Watches the point's display; returns a function that stops watching. */
  display(pointId: string, watcher: LiveWatcher): () => void;
  /** Watches one ticket at its point: the watcher receives only this ticket's view. */
  ticket(pointId: string, ticketId: string, watcher: LiveWatcher): () => void;
  /** Reads of service points so far (for tests and the benchmark). */
  readonly reads: number;
}

interface Hub {
  displays: Map<LiveWatcher, string>;
  tickets: Map<string, Map<LiveWatcher, string>>;
  running?: Promise<void> | undefined;
  again: boolean;
  stop: () => void;
}

export function createLiveQueue(deps: {
  db: Db;
  queue: QueueSettings;
  queueEvents: QueueEvents;
  now: () => Date;
  log: Pick<Logger, 'warn'>;
  /** For the display's join link (its QR code). */
  config: { PUBLIC_BASE_URL: string };
  refreshMs?: number;
  /** How long the estimates' samples are kept: they change slowly, and estimates are rough. */
  samplesMs?: number;
}): LiveQueue {
  const hubs = new Map<string, Hub>();
  let reads = 0;
  let samples: { at: number; rows: Promise<ServiceSample[]> } | undefined;
  const currentSamples = (now: Date) => {
    if (!samples || Math.abs(now.getTime() - samples.at) > (deps.samplesMs ?? 60_000)) {
      const rows = serviceSamples(deps.db, deps.queue, now);
      rows.catch(() => {
        samples = undefined;
      });
      samples = { at: now.getTime(), rows };
    }
    return samples.rows;
  };

  const deliver = (watchers: Map<LiveWatcher, string>, json: string) => {
    for (const [w, last] of watchers)
      if (last !== json) {
        watchers.set(w, json);
        w.send(json);
      }
  };

  const refresh = async (pointId: string, hub: Hub) => {
    const now = deps.now();
    reads++;
    const ids = [...hub.tickets.keys()];
    const [snapshot, rows] = await Promise.all([
      readPoint(deps.db, deps.queue, pointId, ids, now),
      hub.tickets.size ? currentSamples(now) : Promise.resolve([]),
    ]);
    if (hub.displays.size)
      deliver(
        hub.displays,
        JSON.stringify(withJoinUrl(deps.queue, deps.config.PUBLIC_BASE_URL, displayFrom(snapshot))),
      );
    const viewOf = ticketViews(snapshot, rows, deps.queue.estimate);
    for (const id of ids) {
      // A ticket whose watchers all left during the read has none to tell.
      const watchers = hub.tickets.get(id);
      if (!watchers) continue;
      const view = viewOf(id);
      if (view) deliver(watchers, JSON.stringify({ ticket: view }));
      else for (const w of watchers.keys()) w.gone('not_found');
    }
  };

  const wake = (pointId: string) => {
    const hub = hubs.get(pointId);
    if (!hub) return;
    if (hub.running) {
      hub.again = true;
      return;
    }
    hub.running = refresh(pointId, hub)
      .catch((err: Error) => deps.log.warn('live view failed', { error: err.message }))
      .finally(() => {
        hub.running = undefined;
        if (hub.again && hubs.get(pointId) === hub) {
          hub.again = false;
          wake(pointId);
        }
      });
  };

  const hubFor = (pointId: string): Hub => {
    const existing = hubs.get(pointId);
    if (existing) return existing;
    const unsubscribe = deps.queueEvents.subscribe(pointId, () => wake(pointId));
    const timer = setInterval(() => wake(pointId), deps.refreshMs ?? 15_000);
    timer.unref();
    const hub: Hub = {
      displays: new Map(),
      tickets: new Map(),
      again: false,
      stop: () => {
        unsubscribe();
        clearInterval(timer);
      },
    };
    hubs.set(pointId, hub);
    return hub;
  };

  const leave = (pointId: string, hub: Hub) => {
    if (hub.displays.size || hub.tickets.size || hubs.get(pointId) !== hub) return;
    hub.stop();
    hubs.delete(pointId);
  };

  return {
    display(pointId, watcher) {
      const hub = hubFor(pointId);
      hub.displays.set(watcher, '');
      wake(pointId);
      return () => {
        hub.displays.delete(watcher);
        leave(pointId, hub);
      };
    },
    ticket(pointId, ticketId, watcher) {
      const hub = hubFor(pointId);
      const watchers = hub.tickets.get(ticketId) ?? new Map<LiveWatcher, string>();
      watchers.set(watcher, '');
      hub.tickets.set(ticketId, watchers);
      wake(pointId);
      return () => {
        watchers.delete(watcher);
        if (!watchers.size) hub.tickets.delete(ticketId);
        leave(pointId, hub);
      };
    },
    get reads() {
      return reads;
    },
  };
}
