/**
 * The free times, kept in this process between changes. They are two halves: the slots the
 * advisors offer over the horizon (every advisor, language and mode; costly, computed once) and
 * the ids of the booked ones (a set). A booking changes only the set, one slot at a time; each
 * language and mode's answer is then made again from the two (a filter, its JSON and ETag), and
 * compressed once per encoding when first sent (sent as a plain answer, http/answers.ts, which the
 * app's compression leaves alone).
 *
 * Followed or forgotten when:
 * - a booking is made, cancelled, moved, confirmed or ends, in any process: database triggers
 *   (migration 022) send `NOTIFY ihl_free_times` with the slot taken (`+<advisor>.<ms>`, with
 *   `@<ms>` the deadline of an unconfirmed hold) or freed (`-…`) at commit, in commit order; every
 *   process LISTENs (on PGlite, its own process) and applies them to its taken slots (a change
 *   that arrives while the halves are being read is applied after them);
 * - an unconfirmed hold's deadline passes (server/domain/holds.ts): its time is free from that
 *   instant, whether or not the housekeeping job has released it yet; the answers made before
 *   are made again then;
 * - this process changed a booking itself (`changed({ taken, freed })`, after the commit, so the
 *   writer's next read never waits for its own NOTIFY to come back; the echo is a no-op);
 * - availability, an exception or an advisor changes (payload '', triggers of migration 018), or
 *   `changed()` without slots: everything is computed again;
 * - the Helsinki day turns (the key is the Helsinki date of the injected clock: minimum notice
 *   and horizon move with it);
 * - `maxAgeMs` passed, a safety net for a NOTIFY lost while the LISTEN connection reconnects.
 * A booking never trusts the cache alone: the requested slot is checked against its advisor's day
 * in the database (free-slots.ts `slotOnOffer`), and the unique index settles races. Only a refusal
 * does (`taken`): a time freed in another process a moment ago is refused until its NOTIFY comes,
 * as it would have been a moment earlier.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { helsinkiDate } from '../../src/domain/calendar.ts';
import type { Mode } from '../../src/contracts/booking.ts';
import type { Db } from '../db/client.ts';
import { onDemandListener } from '../db/listener.ts';
import {
  choosable,
  nextRelease,
  offeredIn,
  scanStart,
  slotTaken,
  type ScanStart,
  type Slot,
  type SlotRules,
} from '../domain/slots.ts';
import { groupByDay, offeredAndBooked } from './free-slots.ts';

export const FREE_TIMES_CHANNEL = 'ihl_free_times';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** One language and mode's free times, ready to send (http/cached-answer.ts `sendCached`). */
export interface FreeTimesAnswer {
  /** The choosable slots, earliest first (the 409 answer's "next free times" come from here). */
  slots: Slot[];
  json: string;
  etag: string;
  /** The JSON compressed, made once per encoding when first sent, and kept. */
  encoded(encoding: 'gzip' | 'br'): Promise<Uint8Array>;
}

/** Slots a committed booking write took or freed (slot ids, `<advisor>.<epoch ms>`). */
export interface SlotChange {
  taken?: string[];
  /** The taken slots are held until then, unless confirmed (server/domain/holds.ts). */
  heldUntil?: Date | null;
  freed?: string[];
}

export interface FreeTimesCache {
  answer(language: string, mode: Mode, now: Date): Promise<FreeTimesAnswer>;
  /**
   * The last answer made today, even if a change has made it stale since: what the person was
   * most likely shown. For a booking's "earliest time offered", so a booking never waits for an
   * answer to be made again after the booking before it.
   */
  recent(language: string, mode: Mode, now: Date): Promise<FreeTimesAnswer>;
  /**
   * The first `count` choosable free times but `except` (the 409's "next free times"): read from
   * the kept halves without making a whole answer, however many bookings came since the last one.
   */
  next(language: string, mode: Mode, now: Date, count: number, except: string): Promise<Slot[]>;
  /**
   * Whether the kept taken slots hold this one at `now` (a hold until its deadline). For refusing
   * a request at once; a time freed in another process counts as taken until its NOTIFY arrives.
   */
  taken(slotId: string, now: Date): Promise<boolean>;
  /**
   * This process changed free times (after the commit; other processes hear the NOTIFY): the
   * slots a booking took or freed, or, without them, anything (compute everything again).
   */
  changed(change?: SlotChange): void;
  close(): Promise<void>;
}

interface Halves {
  offered: Slot[];
  /** Taken slots with their holds' deadlines (ms), Infinity once confirmed. */
  booked: Map<string, number>;
}

interface Entry {
  date: string;
  madeAt: number;
  halves: Promise<Halves>;
  /** Set once the halves are read; before that, slot changes wait in `pending`. */
  ready?: Halves;
  pending: string[];
  /** The offered slots of one language and mode (booked or not), made once per entry. */
  offeredFor: Map<string, Slot[]>;
  answers: Map<string, Promise<FreeTimesAnswer>>;
  /** The answers were made for before this instant (ms): the next hold deadline. */
  answersUntil: number;
  /** Per language and mode, where the search for the first free times can begin (`next`). */
  scanStarts: Map<string, ScanStart>;
}

/**
 * Applies one slot change (`+id`, `+id@<deadline ms>` taken, `-id` freed) to the taken slots; false
 * for any other payload.
 */
function applySlotChange(booked: Map<string, number>, payload: string): boolean {
  const [id, until] = payload.slice(1).split('@');
  if (!id) return false;
  if (payload[0] === '+') booked.set(id, until ? Number(until) : Number.POSITIVE_INFINITY);
  else if (payload[0] === '-') booked.delete(id);
  else return false;
  return true;
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
  const onChange = (payload: string) => {
    const e = entry;
    if (!e) return;
    if (!e.ready) {
      if (payload) e.pending.push(payload);
      else forget();
      return;
    }
    if (!applySlotChange(e.ready.booked, payload)) return forget();
    e.answers.clear();
    e.answersUntil = Number.POSITIVE_INFINITY;
    // A freed slot may lie before a scan start; a hold taken may end before its `until`.
    const heldUntil = Number(payload.split('@')[1] ?? Number.POSITIVE_INFINITY);
    for (const [key, start] of e.scanStarts) {
      if (payload[0] === '-') e.scanStarts.delete(key);
      else if (heldUntil < start.until) e.scanStarts.set(key, { ...start, until: heldUntil });
    }
  };
  const listener = onDemandListener(db, FREE_TIMES_CHANNEL, onChange, (err) => {
    forget();
    options.onError?.(err);
  });

  const current = (now: Date): Entry => {
    const listening = listener.ready();
    const date = helsinkiDate(now);
    const age = Math.abs(now.getTime() - (entry?.madeAt ?? 0));
    if (entry && entry.date === date && age <= maxAgeMs) return entry;
    const made: Entry = {
      date,
      madeAt: now.getTime(),
      // Read once this instance LISTENs: a change committed before that would reach no one and
      // stay unseen until the entry's maximum age (a failed LISTEN leaves only that age).
      halves: listening.then(() => offeredAndBooked(db, now, rules)),
      pending: [],
      offeredFor: new Map(),
      answers: new Map(),
      answersUntil: Number.POSITIVE_INFINITY,
      scanStarts: new Map(),
    };
    made.halves.then(
      (halves) => {
        // Changes committed while the halves were read, in commit order (a repeat is harmless).
        if (made.pending.every((p) => applySlotChange(halves.booked, p))) made.ready = halves;
        else if (entry === made) forget();
        made.pending = [];
      },
      // A failed read is not kept: the next request tries again.
      () => {
        if (entry === made) forget();
      },
    );
    entry = made;
    return made;
  };

  // Awaited after current()'s own reaction, which applied the changes that came meanwhile.
  const halvesFor = async (e: Entry, language: string, mode: Mode) => {
    const halves = await e.halves;
    const key = `${language}|${mode}`;
    let offered = e.offeredFor.get(key);
    if (!offered) {
      offered = offeredIn(halves.offered, language, mode);
      e.offeredFor.set(key, offered);
    }
    return { offered, booked: halves.booked };
  };

  return {
    answer(language, mode, now) {
      const e = current(now);
      const at = now.getTime();
      // A hold's deadline passed since the answers were made: its time is free now.
      if (at >= e.answersUntil) {
        e.answers.clear();
        e.answersUntil = Number.POSITIVE_INFINITY;
      }
      const key = `${language}|${mode}`;
      let answer = e.answers.get(key);
      if (!answer) {
        answer = halvesFor(e, language, mode).then(({ offered, booked }) => {
          e.answersUntil = Math.min(e.answersUntil, nextRelease(booked, at));
          const a = ready(choosable(offered, booked, at));
          lastMade.set(key, { date: e.date, answer: a });
          return a;
        });
        answer.catch(() => e.answers.delete(key));
        e.answers.set(key, answer);
      }
      return answer;
    },
    async next(language, mode, now, count, except) {
      const e = current(now);
      const { offered, booked } = await halvesFor(e, language, mode);
      const key = `${language}|${mode}`;
      const start = scanStart(offered, booked, now.getTime(), e.scanStarts.get(key));
      e.scanStarts.set(key, start);
      return choosable(offered, booked, now.getTime(), count, except, start.index);
    },
    async taken(slotId, now) {
      // Awaited after current()'s own reaction, which applied the changes that came meanwhile.
      return slotTaken((await current(now).halves).booked, slotId, now.getTime());
    },
    recent(language, mode, now) {
      const last = lastMade.get(`${language}|${mode}`);
      return last?.date === helsinkiDate(now) ? Promise.resolve(last.answer) : this.answer(language, mode, now);
    },
    changed(change) {
      if (!change) return forget();
      for (const id of change.freed ?? []) onChange(`-${id}`);
      const held = change.heldUntil ? `@${change.heldUntil.getTime()}` : '';
      for (const id of change.taken ?? []) onChange(`+${id}${held}`);
    },
    close: listener.stop,
  };
}

/**
 * An answer's JSON and ETag now; each compressed form made once, when first asked for. Brotli at
 * quality 5 and gzip at level 6: an answer is made again after every booking, and these take a
 * millisecond or two where the highest levels take tens, for a few per cent of bytes.
 */
function ready(slots: Slot[]): FreeTimesAnswer {
  const json = JSON.stringify(groupByDay(slots));
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 22)}"`;
  const made: Partial<Record<'gzip' | 'br', Promise<Uint8Array>>> = {};
  const encoded = (encoding: 'gzip' | 'br') =>
    (made[encoding] ??=
      encoding === 'gzip'
        ? gzipAsync(json, { level: 6 })
        : brotliAsync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }));
  return { slots, json, etag, encoded };
}
