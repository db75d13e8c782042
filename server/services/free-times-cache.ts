/**
 * The free times, kept in this process between changes. One computation of the whole horizon
 * (every advisor, language and mode) serves every request until something changes it; each
 * language and mode's answer is then made once: its JSON, an ETag, and its gzip and brotli bytes
 * (so the app's compress() middleware, which leaves a response with a Content-Encoding alone,
 * never compresses it again).
 *
 * Forgotten when:
 * - anything that changes free times commits, in any process: database triggers (migration 015)
 *   send `NOTIFY ihl_free_times` on a booking, cancellation or move, an availability template or
 *   exception, an advisor (de)activated; every process LISTENs (on PGlite, its own process);
 * - this process changed them itself (`changed()`, called after the commit, so the writer's next
 *   read never waits for its own NOTIFY to come back);
 * - the Helsinki day turns (the key is the Helsinki date of the injected clock: minimum notice
 *   and horizon move with it);
 * - the earliest deadline of an unconfirmed hold it counted as taken passes (server/domain/holds.ts):
 *   the hold's time is free from that instant, whether or not the housekeeping job has released it;
 * - `maxAgeMs` passed, a safety net for a NOTIFY lost while the LISTEN connection reconnects.
 * A booking never trusts the cache alone: the requested slot is checked against its advisor's day
 * in the database (free-slots.ts `slotOnOffer`), and the unique index settles races.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { helsinkiDate } from '../../src/domain/calendar.ts';
import type { Mode } from '../../src/contracts/booking.ts';
import type { Db } from '../db/client.ts';
import { choosableSlots, type Slot, type SlotRules } from '../domain/slots.ts';
import { freeSlotsUntil, groupByDay } from './free-slots.ts';

export const FREE_TIMES_CHANNEL = 'ihl_free_times';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** One language and mode's free times, ready to send. */
export interface FreeTimesAnswer {
  /** The choosable slots, earliest first (the 409 answer's "next free times" come from here). */
  slots: Slot[];
  json: string;
  etag: string;
  gzip: Uint8Array;
  br: Uint8Array;
}

export interface FreeTimesCache {
  /** Every free slot of the horizon today, all languages and modes. */
  all(now: Date): Promise<Slot[]>;
  answer(language: string, mode: Mode, now: Date): Promise<FreeTimesAnswer>;
  /**
   * The last answer made today, even if a change has made it stale since: what the person was
   * most likely shown. For a booking's "earliest time offered", so a booking never waits for the
   * whole horizon to be computed again after the booking before it.
   */
  recent(language: string, mode: Mode, now: Date): Promise<FreeTimesAnswer>;
  /** This process changed free times: forget them now (other processes hear the NOTIFY). */
  changed(): void;
  close(): Promise<void>;
}

interface Entry {
  date: string;
  madeAt: number;
  /** The earliest hold deadline counted as taken (ms), or Infinity: the entry is stale from then. */
  until: number;
  all: Promise<Slot[]>;
  answers: Map<string, Promise<FreeTimesAnswer>>;
}

export function createFreeTimesCache(
  db: Db,
  rules: SlotRules,
  options: { maxAgeMs?: number; onError?: (err: Error) => void } = {},
): FreeTimesCache {
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  let entry: Entry | undefined;
  // The last answer made per language and mode, with its date.
  const lastMade = new Map<string, { date: string; answer: FreeTimesAnswer }>();
  const forget = () => {
    entry = undefined;
  };
  let listening: Promise<() => Promise<void>> | undefined;
  const ensureListening = () => {
    listening ??= db.listen(FREE_TIMES_CHANNEL, forget);
    listening.catch((err: Error) => {
      listening = undefined;
      forget();
      options.onError?.(err);
    });
  };

  const current = (now: Date): Entry => {
    ensureListening();
    const date = helsinkiDate(now);
    const age = Math.abs(now.getTime() - (entry?.madeAt ?? 0));
    if (entry && entry.date === date && age <= maxAgeMs && now.getTime() < entry.until) return entry;
    const computed = freeSlotsUntil(db, now, rules);
    const made: Entry = {
      date,
      madeAt: now.getTime(),
      until: Number.POSITIVE_INFINITY,
      all: computed.then((r) => {
        made.until = r.nextRelease?.getTime() ?? Number.POSITIVE_INFINITY;
        return r.slots;
      }),
      answers: new Map(),
    };
    // A failed read is not kept: the next request tries again.
    made.all.catch(() => {
      if (entry === made) forget();
    });
    entry = made;
    return made;
  };

  return {
    all: (now) => current(now).all,
    answer(language, mode, now) {
      const e = current(now);
      const key = `${language}|${mode}`;
      let answer = e.answers.get(key);
      if (!answer) {
        answer = e.all.then(async (all) => {
          const a = await ready(choosableSlots(all, language, mode));
          lastMade.set(key, { date: e.date, answer: a });
          return a;
        });
        answer.catch(() => e.answers.delete(key));
        e.answers.set(key, answer);
      }
      return answer;
    },
    recent(language, mode, now) {
      const last = lastMade.get(`${language}|${mode}`);
      return last?.date === helsinkiDate(now) ? Promise.resolve(last.answer) : this.answer(language, mode, now);
    },
    changed: forget,
    async close() {
      const stop = await listening?.catch(() => undefined);
      await stop?.();
    },
  };
}

async function ready(slots: Slot[]): Promise<FreeTimesAnswer> {
  const json = JSON.stringify(groupByDay(slots));
  const [gz, br] = await Promise.all([
    gzipAsync(json, { level: 9 }),
    brotliAsync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
  ]);
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 22)}"`;
  return { slots, json, etag, gzip: gz, br };
}
