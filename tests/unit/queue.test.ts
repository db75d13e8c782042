import { describe, expect, it } from 'vitest';
import {
  estimateWait,
  languagesServedNow,
  median,
  pickNext,
  ticketCode,
  type ServiceSample,
  type WaitingTicket,
} from '../../server/domain/queue.ts';

const at = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00+02:00`);
let n = 0;
const ticket = (language: string, queued: string, extra: Partial<WaitingTicket> = {}): WaitingTicket => ({
  id: `t${++n}`,
  seq: n,
  language,
  topic: 'general',
  queuedAt: at(queued),
  advisorId: null,
  desk: null,
  ...extra,
});
const advisor = { advisorId: 'anna', desk: '2', languages: ['fi', 'en', 'ar'] };
const MAX = 45;

describe('call next', () => {
  it('takes the longest-waiting ticket in a language the advisor serves, not the oldest of all', () => {
    // Tickets are made in the order they were taken (seq), as the database numbers them.
    const so = ticket('so', '09:00');
    const ar2 = ticket('ar', '09:02');
    const ar1 = ticket('ar', '09:05');
    const pick = pickNext([so, ar1, ar2], advisor, at('09:20'), MAX);
    expect(pick).toMatchObject({ ticket: ar2, reason: 'language', interpreterNeeded: false });
  });

  it("falls back to the longest wait of all, flagged as needing an interpreter, when no one waits in the advisor's languages", () => {
    const th = ticket('th', '09:01');
    const so = ticket('so', '09:03');
    expect(pickNext([so, th], advisor, at('09:10'), MAX)).toMatchObject({
      ticket: th,
      reason: 'interpreter',
      interpreterNeeded: true,
    });
  });

  it("serves in the order the tickets were taken, even when two instances' clocks disagree about the time", () => {
    // Instance A took the first ticket; instance B, whose clock is a minute behind, the second.
    const first = ticket('fi', '09:05');
    const second = ticket('fi', '09:04');
    expect(pickNext([second, first], advisor, at('09:10'), MAX)?.ticket).toBe(first);
  });

  it('calls a ticket that has waited past the maximum first, whatever its language, so small language groups are not left waiting', () => {
    const so = ticket('so', '09:00');
    const fi = ticket('fi', '09:01');
    expect(pickNext([so, fi], advisor, at('09:44'), MAX)?.ticket).toBe(fi);
    // At 09:45 the Somali ticket has waited 45 minutes: the maximum.
    expect(pickNext([so, fi], advisor, at('09:45'), MAX)).toMatchObject({
      ticket: so,
      reason: 'max_wait',
      interpreterNeeded: true,
    });
  });

  it("serves a checked-in appointment of this advisor before any walk-in, and leaves other advisors' appointments alone", () => {
    const walkIn = ticket('fi', '08:50');
    const mine = ticket('ar', '09:10', { topic: 'appointment', advisorId: 'anna' });
    const theirs = ticket('fi', '09:00', { topic: 'appointment', advisorId: 'bertil' });
    expect(pickNext([walkIn, mine, theirs], advisor, at('09:15'), MAX)).toMatchObject({
      ticket: mine,
      reason: 'appointment',
    });
    expect(pickNext([walkIn, theirs], advisor, at('09:15'), MAX)?.ticket).toBe(walkIn);
    expect(pickNext([theirs], advisor, at('09:15'), MAX)).toBeUndefined();
    // …unless it has waited past the maximum (its advisor is not calling).
    expect(pickNext([theirs], advisor, at('09:45'), MAX)).toMatchObject({ ticket: theirs, reason: 'max_wait' });
  });

  it('gives a ticket transferred to a desk only to that desk', () => {
    const toDesk3 = ticket('fi', '09:00', { desk: '3' });
    const other = ticket('fi', '09:05');
    expect(pickNext([toDesk3, other], advisor, at('09:10'), MAX)?.ticket).toBe(other);
    expect(pickNext([toDesk3, other], { ...advisor, desk: '3' }, at('09:10'), MAX)).toMatchObject({
      ticket: toDesk3,
      reason: 'transferred',
    });
  });

  it('returns nothing when no one waits', () => {
    expect(pickNext([], advisor, at('09:00'), MAX)).toBeUndefined();
  });

  it('numbers tickets by topic letter with three digits', () => {
    expect(ticketCode('general', 17)).toBe('A-017');
    expect(ticketCode('appointment', 3)).toBe('V-003');
    expect(ticketCode('family', 1234)).toBe('F-1234');
  });
});

describe('languages served now', () => {
  const desk = (languages: string[], paused = false) => ({ languages, paused });
  it("are the staffed desks' languages, once each, a paused desk's left out", () => {
    expect(languagesServedNow([desk(['fi', 'en']), desk(['en', 'ar']), desk(['ru'], true)], ['fi', 'uk'])).toEqual([
      'ar',
      'en',
      'fi',
    ]);
  });
  it("are the schedule's while no desk is staffed, so a person still sees whether theirs is served", () => {
    expect(languagesServedNow([], ['uk', 'fi', 'en', 'ru'])).toEqual(['en', 'fi', 'ru', 'uk']);
    expect(languagesServedNow([desk(['ar'], true)], ['fi'])).toEqual(['fi']);
  });
  it('are none when the queue is closed and nobody is at a desk', () => {
    expect(languagesServedNow([], undefined)).toEqual([]);
  });
});

describe('wait estimate', () => {
  const samples = (topic: ServiceSample['topic'], language: string, minutes: number[]) =>
    minutes.map((m) => ({ topic, language, minutes: m }));

  it('is the median service time for the topic and language, times the people ahead, over the desks serving it', () => {
    const s = samples('permits', 'ar', [10, 20, 12, 30, 14]); // median 14
    expect(estimateWait({ topic: 'permits', language: 'ar', ahead: 3, desksServing: 2 }, s)).toEqual({
      kind: 'minutes',
      minutes: 21,
      basis: 'topic_language',
    });
  });

  it('uses the topic in all languages when the language has too few times, and says "not enough data" below that', () => {
    const s = [...samples('work', 'fi', [8, 8, 10, 12]), ...samples('work', 'so', [20])]; // five in all, median 10
    expect(estimateWait({ topic: 'work', language: 'so', ahead: 2, desksServing: 1 }, s)).toEqual({
      kind: 'minutes',
      minutes: 20,
      basis: 'topic',
    });
    expect(estimateWait({ topic: 'family', language: 'so', ahead: 2, desksServing: 1 }, s)).toEqual({
      kind: 'unknown',
    });
  });

  it('says "you are next" with no one ahead, and never divides by zero desks', () => {
    const s = samples('general', 'fi', [5, 5, 5, 5, 5]);
    expect(estimateWait({ topic: 'general', language: 'fi', ahead: 0, desksServing: 0 }, s)).toEqual({ kind: 'next' });
    expect(estimateWait({ topic: 'general', language: 'fi', ahead: 4, desksServing: 0 }, s)).toMatchObject({
      minutes: 20,
    });
  });

  it('takes the median of an even number of times as the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
