/**
 * The e2e server's clock, as the tests see it. The server starts its clock at CLOCK_START and lets
 * it run on at real speed (server/clock.ts), so its current time is CLOCK_START plus the real time
 * elapsed since that start. The tests, the browser's pages (tests/e2e/fixtures.ts) and TOTP codes
 * all take their "now" from here, never from the real date: the suite passes on any real date
 * (it also runs under `faketime '+400 days'`, which moves the server's real time and ours alike).
 */
import fs from 'node:fs';
import { addDays, addWorkingDays, helsinkiDay } from '../../src/domain/calendar.ts';
import { E2E_CLOCK_FILE } from './env.ts';

/** A server's clock: it read `clockStart` at the real instant `realStartMs`. */
export interface ClockRecord {
  clockStart: string;
  realStartMs: number;
  /** Whether realStartMs is the instant the server logged (else the instant before it started). */
  exact: boolean;
}

export const clockNow = (record: ClockRecord): Date =>
  new Date(Date.parse(record.clockStart) + (Date.now() - record.realStartMs));

/**
 * The real instant a server's clock started, from its log: server/main.ts logs a line with
 * `clockStart` (as JSON, with the real `time`) right after it makes its clock. Returns undefined
 * for any other line.
 */
export function clockStartLogged(line: string): number | undefined {
  if (!line.includes('"clockStart"')) return undefined;
  try {
    const entry = JSON.parse(line) as { time?: string; clockStart?: string };
    return entry.clockStart && entry.time ? Date.parse(entry.time) : undefined;
  } catch {
    return undefined;
  }
}

/** Watches a server started in this process writing its log to `stream`; returns how to stop. */
export function watchClockStart(stream: NodeJS.WriteStream, onStart: (realStartMs: number) => void): () => void {
  const original = stream.write;
  stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    for (const line of String(chunk).split('\n')) {
      const at = clockStartLogged(line);
      if (at !== undefined) onStart(at);
    }
    return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof stream.write;
  return () => {
    stream.write = original;
  };
}

let cached: ClockRecord | undefined;

function e2eClock(): ClockRecord {
  if (cached) return cached;
  // tests/e2e/serve.ts writes it as the server starts, before the health check answers.
  if (!fs.existsSync(E2E_CLOCK_FILE))
    throw new Error(`${E2E_CLOCK_FILE} is missing: the e2e server (tests/e2e/serve.ts) has not started`);
  cached = JSON.parse(fs.readFileSync(E2E_CLOCK_FILE, 'utf8')) as ClockRecord;
  return cached;
}

/** The e2e server's current time. */
export const e2eNow = (): Date => clockNow(e2eClock());

/** The calendar facts the tests need, for a clock's current time, in Helsinki. */
export function days(now: Date) {
  const today = helsinkiDay(now).date;
  return {
    today,
    year: Number(today.slice(0, 4)),
    /** The first day a client can book (server/domain/slots.ts: not before the next working day). */
    firstBookable: addWorkingDays(today, 1),
    /** Today plus n days. */
    plus: (n: number) => addDays(today, n),
  };
}
