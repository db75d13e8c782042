/**
 * The walk-in queue's rules, as plain functions over plain data (no database, no HTTP), so that
 * the rules can be read in one place and tested on fixtures.
 *
 * Who is called next (`pickNext`), in this order:
 *   1. a booked client who checked in for this advisor (appointments are kept on time);
 *   2. a ticket transferred to this very desk;
 *   3. any ticket that has waited longer than the maximum wait, the longest first, whatever its
 *      language (so a small language group never waits without end; served with an interpreter);
 *   4. the longest-waiting ticket in a language the advisor serves today;
 *   5. otherwise the longest-waiting ticket of all, flagged as needing an interpreter.
 * Tickets meant for another advisor's appointment or another desk are never taken, except by
 * rule 3 once they have waited past the maximum.
 *
 * The wait estimate (`estimateWait`), shown on the ticket page and written down in the README:
 *   minutes ≈ median(recent service times for the ticket's topic in its language)
 *             × (people before the ticket) ÷ (open desks that serve the language, at least 1)
 * "Recent" is the last `sampleDays` days. With fewer than `minSamples` such times, the median of
 * the topic in all languages is used; with fewer still, there is no estimate ("not enough data").
 * The page never shows that minute: `waitRange` widens it by the multipliers in the settings
 * (`estimate.range`), calibrated by the simulation (server/domain/queue-simulation.ts) so that the
 * range holds 80 % of the simulated waits, rounded outwards to whole 5 minutes.
 */

import type { TicketTopic } from '../../src/domain/queue-topics.ts';
import type { WaitEstimate } from '../../src/contracts/queue.ts';

export { TOPICS, type Topic, type TicketTopic } from '../../src/domain/queue-topics.ts';

/** Ticket numbers start with the topic's letter, so the display and the desk see the topic too. */
export const TOPIC_PREFIX: Record<TicketTopic, string> = {
  general: 'A',
  digital: 'B',
  permits: 'C',
  work: 'D',
  studies: 'E',
  family: 'F',
  appointment: 'V',
};

export function ticketCode(topic: TicketTopic, number: number): string {
  return `${TOPIC_PREFIX[topic]}-${String(number).padStart(3, '0')}`;
}

export interface WaitingTicket {
  id: string;
  /** The order tickets were taken in (a database sequence): the order of service. */
  seq: number;
  language: string;
  topic: TicketTopic;
  /** When the ticket joined the queue, for the maximum wait. A transfer keeps it. */
  queuedAt: Date;
  /** A checked-in appointment: only this advisor calls it (until the maximum wait passes). */
  advisorId: string | null;
  /** Transferred to this desk: only this desk calls it (until the maximum wait passes). */
  desk: string | null;
}

export interface Caller {
  advisorId: string;
  desk: string;
  languages: readonly string[];
}

export type PickReason = 'appointment' | 'transferred' | 'max_wait' | 'language' | 'interpreter';

export interface Pick {
  ticket: WaitingTicket;
  reason: PickReason;
  /** Nobody at this desk speaks the ticket's language: serve with an interpreter. */
  interpreterNeeded: boolean;
}

/**
 * The languages the walk-in desk serves now: those of the advisors at desks that are not paused;
 * while no desk is staffed yet (the queue opens before the first advisor sits down), the
 * languages the opening's schedule names, so a person still sees whether theirs is among them.
 */
export function languagesServedNow(
  desks: readonly { languages: readonly string[]; paused: boolean }[],
  scheduled: readonly string[] | undefined,
): string[] {
  const staffed = desks.filter((d) => !d.paused);
  const languages = staffed.length ? staffed.flatMap((d) => d.languages) : (scheduled ?? []);
  return [...new Set(languages)].sort();
}

// The order of arrival is the database sequence, not a timestamp: two instances whose clocks
// differ by a second would otherwise let a later ticket jump the line.
const oldestFirst = (a: WaitingTicket, b: WaitingTicket) => a.seq - b.seq;

export function waitedMinutes(ticket: Pick['ticket'], now: Date): number {
  return (now.getTime() - ticket.queuedAt.getTime()) / 60_000;
}

export function pickNext(
  waiting: readonly WaitingTicket[],
  caller: Caller,
  now: Date,
  maxWaitMinutes: number,
): Pick | undefined {
  const serves = (t: WaitingTicket) => caller.languages.includes(t.language);
  const result = (ticket: WaitingTicket | undefined, reason: PickReason): Pick | undefined =>
    ticket && { ticket, reason, interpreterNeeded: !serves(ticket) };
  const sorted = [...waiting].sort(oldestFirst);
  const mine = (t: WaitingTicket) =>
    (t.advisorId === null || t.advisorId === caller.advisorId) && (t.desk === null || t.desk === caller.desk);

  return (
    result(
      sorted.find((t) => t.advisorId === caller.advisorId),
      'appointment',
    ) ??
    result(
      sorted.find((t) => t.desk === caller.desk && t.advisorId === null),
      'transferred',
    ) ??
    result(
      sorted.find((t) => waitedMinutes(t, now) >= maxWaitMinutes),
      'max_wait',
    ) ??
    result(
      sorted.find((t) => mine(t) && serves(t)),
      'language',
    ) ??
    result(
      sorted.find((t) => mine(t)),
      'interpreter',
    )
  );
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface ServiceSample {
  topic: TicketTopic;
  language: string;
  minutes: number;
}

export type { WaitEstimate } from '../../src/contracts/queue.ts';

/** The estimate as one minute: the rule's raw output, for the range and the simulation, never shown. */
export type PointEstimate =
  | { kind: 'next' }
  | { kind: 'minutes'; minutes: number; basis: 'topic_language' | 'topic' }
  | { kind: 'unknown' };
/**
 * What an estimate for a topic and language stands on: the median service time of the same topic
 * and language when there are enough samples, else of the topic. The costly part (a sort), so
 * live views work it out once per topic and language, not once per ticket.
 */
export type WaitBasis = { basis: 'topic_language' | 'topic'; median: number } | undefined;

export function waitBasis(
  topic: TicketTopic,
  language: string,
  samples: readonly ServiceSample[],
  minSamples = 5,
): WaitBasis {
  const sameTopic = samples.filter((s) => s.topic === topic);
  const sameLanguage = sameTopic.filter((s) => s.language === language);
  const [basis, used] =
    sameLanguage.length >= minSamples ? (['topic_language', sameLanguage] as const) : (['topic', sameTopic] as const);
  if (used.length < minSamples) return undefined;
  return { basis, median: median(used.map((s) => s.minutes)) };
}

/** The point estimate for a place in the queue: `ahead` people shared over the desks serving. */
export function estimateFrom(basis: WaitBasis, ahead: number, desksServing: number): PointEstimate {
  if (ahead === 0) return { kind: 'next' };
  if (!basis) return { kind: 'unknown' };
  const minutes = Math.max(1, Math.ceil((basis.median * ahead) / Math.max(1, desksServing)));
  return { kind: 'minutes', minutes, basis: basis.basis };
}

export function estimateWait(
  input: { topic: TicketTopic; language: string; ahead: number; desksServing: number },
  samples: readonly ServiceSample[],
  minSamples = 5,
): PointEstimate {
  if (input.ahead === 0) return { kind: 'next' };
  return estimateFrom(waitBasis(input.topic, input.language, samples, minSamples), input.ahead, input.desksServing);
}

/** Multipliers of the point estimate whose product range holds 80 % of the simulated waits. */
export interface RangeRule {
  low: number;
  high: number;
}

/** The range steps: a range is never more precise than this many minutes. */
export const RANGE_STEP_MINUTES = 5;

/** The point estimate widened to the calibrated range, rounded outwards to whole steps. */
export function waitRange(estimate: PointEstimate, rule: RangeRule): WaitEstimate {
  if (estimate.kind !== 'minutes') return estimate;
  const step = RANGE_STEP_MINUTES;
  const from = Math.floor((estimate.minutes * rule.low) / step) * step;
  const to = Math.max(from + step, Math.ceil((estimate.minutes * rule.high) / step) * step);
  return { kind: 'range', from, to, basis: estimate.basis };
}
