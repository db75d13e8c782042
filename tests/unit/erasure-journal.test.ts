/**
 * The erasure journal's file rules (server/erasure-journal.ts) and the initials a contact lookup
 * shows (server/domain/person.ts): month files, a torn last line, ids only, expiry with the backups.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  appendErasure,
  erasureJournalDir,
  journalKeepDays,
  pruneErasureJournal,
  readErasures,
} from '../../server/erasure-journal.ts';
import { initialsOf } from '../../server/domain/person.ts';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const none = { bookings: [], enrolments: [], requests: [], queueTexts: [] };
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ihl-journal-unit-'));
  dirs.push(d);
  return path.join(d, 'journal');
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('the erasure journal', () => {
  test('appends one line per erasure into its month file; reads back the ids of every month, once each', () => {
    const dir = tmp();
    appendErasure(dir, { ...none, bookings: [A] }, new Date('2027-01-31T23:59:00Z'));
    appendErasure(dir, { ...none, bookings: [A], requests: [B] }, new Date('2027-02-01T00:00:00Z'));
    expect(fs.readdirSync(dir).sort()).toEqual(['2027-01.jsonl', '2027-02.jsonl']);
    expect(readErasures(dir)).toEqual({ ...none, bookings: [A], requests: [B] });
  });

  test('a torn last line and anything that is not a UUID are skipped', () => {
    const dir = tmp();
    appendErasure(dir, { ...none, enrolments: [A] }, new Date('2027-03-01T08:00:00Z'));
    fs.appendFileSync(
      path.join(dir, '2027-03.jsonl'),
      `{"at":"x","bookings":["${B}"],"requests":["1 or 1=1"]}\n{"at":"2027-03`,
    );
    fs.writeFileSync(path.join(dir, 'notes.txt'), `{"bookings":["${A}"]}`);
    expect(readErasures(dir)).toEqual({ ...none, bookings: [B], enrolments: [A] });
    expect(readErasures(path.join(dir, 'missing'))).toEqual(none);
  });

  test('a month file goes once every backup that could need it has expired', () => {
    const dir = tmp();
    appendErasure(dir, { ...none, bookings: [A] }, new Date('2027-01-15T08:00:00Z'));
    appendErasure(dir, { ...none, bookings: [B] }, new Date('2027-02-15T08:00:00Z'));
    // January ended 1.2.; kept 30 days: still there on 3.3. 00:00, gone on 3.3. 00:01.
    expect(pruneErasureJournal(dir, new Date('2027-03-03T00:00:00Z'), 30)).toEqual([]);
    expect(pruneErasureJournal(dir, new Date('2027-03-03T00:01:00Z'), 30)).toEqual(['2027-01.jsonl']);
    expect(readErasures(dir)).toEqual({ ...none, bookings: [B] });
  });

  test('kept as long as the longest backup retention, the automatic backups included', () => {
    expect(journalKeepDays({ BACKUP_RETENTION_DAYS: 90, BACKUP_KEEP: 7, BACKUP_INTERVAL_HOURS: 24 })).toBe(91);
    expect(journalKeepDays({ BACKUP_RETENTION_DAYS: 10, BACKUP_KEEP: 30, BACKUP_INTERVAL_HOURS: 24 })).toBe(31);
    expect(erasureJournalDir({ DATA_DIR: '/srv/ihl' })).toBe('/srv/ihl/erasure-journal');
    expect(erasureJournalDir({ DATA_DIR: '/srv/ihl', ERASURE_JOURNAL: '/shared/j' })).toBe('/shared/j');
  });
});

describe('the initials of a candidate', () => {
  test('one capital and a full stop per name part', () => {
    expect(initialsOf('Aino Maria Asiakas')).toBe('A. M. A.');
    expect(initialsOf('anna-liisa  ström')).toBe('A. L. S.');
    expect(initialsOf('Ömer Şahin')).toBe('Ö. Ş.');
    expect(initialsOf('سارا احمدی')).toBe('س. ا.');
    expect(initialsOf('  ')).toBeNull();
    expect(initialsOf(null)).toBeNull();
  });
});
