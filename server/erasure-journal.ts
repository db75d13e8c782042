/**
 * The erasure journal: what a person's erasure took, as record ids only (no names, contacts or
 * references), kept outside the database so that a restored backup cannot bring it back. After a
 * restore (`npm run db:restore`) and at every start, services/person-data.ts replays it: whatever
 * the journal names that is present again is erased again, the same way.
 *
 * One directory (ERASURE_JOURNAL, by default DATA_DIR/erasure-journal) of append-only JSON-lines
 * files, one per UTC month (`2027-03.jsonl`). A line is written and fsynced inside the erasure's
 * transaction, before it commits: an erasure whose line cannot be written does not happen. Files go
 * whole once every backup that could hold their records has expired (journalKeepDays), so pruning
 * never rewrites a file another process may be appending to.
 *
 * Why a file, for PostgreSQL too: `pg_restore --clean` replaces every table of the database, a
 * journal table included, and a backup taken before the erasure has no line of it; the restore
 * overwrites the database, never this directory. Several instances on one PostgreSQL point
 * ERASURE_JOURNAL at one shared directory (every instance appends, any replays).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ErasureEntry {
  /** When the erasure was made (the clock's instant). */
  at: string;
  bookings: string[];
  enrolments: string[];
  requests: string[];
  /** Queue tickets whose text-message number was deleted (queue_ticket_sms.ticket_id). */
  queueTexts: string[];
}
export type ErasureIds = Omit<ErasureEntry, 'at'>;

const KINDS = ['bookings', 'enrolments', 'requests', 'queueTexts'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FILE = /^(\d{4})-(\d{2})\.jsonl$/;

/** The journal's directory: ERASURE_JOURNAL, or DATA_DIR/erasure-journal. */
export function erasureJournalDir(config: { ERASURE_JOURNAL?: string | undefined; DATA_DIR: string }): string {
  return path.resolve(config.ERASURE_JOURNAL ?? path.join(config.DATA_DIR, 'erasure-journal'));
}

/**
 * How long a journal entry is needed: as long as the oldest backup it could be restored from is
 * kept, the longer of BACKUP_RETENTION_DAYS (every backup, wherever kept) and the embedded
 * automatic backups' BACKUP_KEEP × BACKUP_INTERVAL_HOURS, plus a day.
 */
export function journalKeepDays(config: {
  BACKUP_RETENTION_DAYS: number;
  BACKUP_KEEP: number;
  BACKUP_INTERVAL_HOURS: number;
}): number {
  return (
    Math.max(config.BACKUP_RETENTION_DAYS, Math.ceil((config.BACKUP_KEEP * config.BACKUP_INTERVAL_HOURS) / 24)) + 1
  );
}

/** Appends one erasure and fsyncs it (and the directory when the month's file is new). */
export function appendErasure(dir: string, ids: ErasureIds, now: Date): void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${now.toISOString().slice(0, 7)}.jsonl`);
  const isNew = !fs.existsSync(file);
  const entry: ErasureEntry = { at: now.toISOString(), ...ids };
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(entry)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  if (isNew) {
    const dirFd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  }
}

/**
 * Every id the journal holds, by kind. A line that is not a whole entry (a crash mid-write) is
 * skipped, and so is any id that is not a UUID: the journal never puts anything else into SQL.
 */
export function readErasures(dir: string): ErasureIds {
  const all: ErasureIds = { bookings: [], enrolments: [], requests: [], queueTexts: [] };
  if (!fs.existsSync(dir)) return all;
  for (const name of fs
    .readdirSync(dir)
    .filter((f) => FILE.test(f))
    .sort()) {
    for (const line of fs.readFileSync(path.join(dir, name), 'utf8').split('\n')) {
      let entry: Partial<ErasureEntry>;
      try {
        entry = line ? JSON.parse(line) : {};
      } catch {
        continue;
      }
      for (const kind of KINDS) {
        const ids = entry[kind];
        if (Array.isArray(ids))
          all[kind].push(...ids.filter((id): id is string => typeof id === 'string' && UUID.test(id)));
      }
    }
  }
  for (const kind of KINDS) all[kind] = [...new Set(all[kind])];
  return all;
}

/** Deletes the month files whose month ended more than `keepDays` before `now`; returns their names. */
export function pruneErasureJournal(dir: string, now: Date, keepDays: number): string[] {
  if (!fs.existsSync(dir)) return [];
  const gone: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const m = FILE.exec(name);
    if (!m) continue;
    const monthEnd = Date.UTC(Number(m[1]), Number(m[2]), 1);
    if (now.getTime() - monthEnd > keepDays * 86_400_000) {
      fs.rmSync(path.join(dir, name), { force: true });
      gone.push(name);
    }
  }
  return gone;
}
