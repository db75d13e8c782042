/**
 * A seeded simulation of walk-in days that measures the wait estimate: people arrive (a Poisson
 * process per opening hour), each with a topic and a language drawn from the sample mix
 * (content/settings/queue-simulation.json); the desks call with the REAL rule (`pickNext`) and
 * each arrival is given the REAL estimate (`estimateWait`) from the service times of the last
 * `estimate.sampleDays` simulated days, exactly as the ticket page computes it. What the person
 * then really waited is compared with it. Pure: the same seed gives the same days.
 *
 * From the pairs (estimate, real wait): the median absolute error, how often the real wait was
 * more than 15 minutes longer than the estimate, and the multipliers (`calibrateRange`) that
 * make `waitRange` hold 80 % of the real waits.
 */
import type { QueueSettings, QueueSimulationSettings } from '../../src/domain/queue-settings.ts';
import {
  estimateWait,
  median,
  pickNext,
  type RangeRule,
  type ServiceSample,
  type TicketTopic,
  type WaitingTicket,
  waitRange,
} from './queue.ts';

/** mulberry32: a small, well-mixed 32-bit generator, enough for a simulation (not for secrets). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function draw<K extends string>(random: () => number, shares: Record<K, number>): K {
  const entries = Object.entries(shares) as [K, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [key, w] of entries) {
    r -= w;
    if (r < 0) return key;
  }
  return entries[entries.length - 1]![0];
}

/** A lognormal draw (Box–Muller) with the given median and sigma of the log. */
function lognormal(random: () => number, medianValue: number, spread: number): number {
  const u = 1 - random();
  const v = random();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return medianValue * Math.exp(spread * normal);
}

export interface SimulatedWait {
  day: number;
  topic: TicketTopic;
  language: string;
  ahead: number;
  /** The estimate's minute (0 for "you are next"); tickets with no estimate are not recorded. */
  estimate: number;
  waited: number;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const DAY_MS = 86_400_000;
/** Any fixed origin: the rules only compare instants. */
const ORIGIN = Date.UTC(2026, 0, 5);
const at = (day: number, minute: number) => new Date(ORIGIN + day * DAY_MS + minute * 60_000);

/** One person in the simulated queue: the rule's ticket and what the simulation needs besides. */
interface Visitor {
  ticket: WaitingTicket;
  arrival: number;
  service: number;
  /** What was estimated for this person; the real wait is written in when a desk calls them. */
  result: SimulatedWait | null;
}

function arrivals(sim: QueueSimulationSettings, random: () => number, day: number, seq: { n: number }): Visitor[] {
  const start = minutesOf(sim.open.start);
  const end = minutesOf(sim.open.end);
  const people: Visitor[] = [];
  let t = start;
  for (;;) {
    const rate = sim.arrivalsPerHour[Math.min(sim.arrivalsPerHour.length - 1, Math.floor((t - start) / 60))]! / 60;
    if (rate <= 0) break;
    t += -Math.log(1 - random()) / rate;
    if (t >= end) break;
    const topic = draw(random, sim.topics) as TicketTopic;
    const shape = sim.serviceMinutes[topic] ?? { median: 10, spread: 0.5 };
    people.push({
      ticket: {
        id: String(seq.n),
        seq: seq.n++,
        language: draw(random, sim.languages),
        topic,
        queuedAt: at(day, t),
        advisorId: null,
        desk: null,
      },
      arrival: t,
      service: Math.max(1, lognormal(random, shape.median, shape.spread)),
      result: null,
    });
  }
  return people;
}

/**
 * Simulates `warmUpDays + days` days and returns the measured days' waits. Each desk calls the
 * next person (pickNext) when it is free and someone waits; the queue is served to its end.
 */
export function simulateQueue(
  settings: Pick<QueueSettings, 'maxWaitMinutes' | 'estimate'>,
  sim: QueueSimulationSettings,
  seed: number,
  days = sim.days,
): SimulatedWait[] {
  const random = seededRandom(seed);
  const history: (ServiceSample & { day: number })[] = [];
  const results: SimulatedWait[] = [];
  const seq = { n: 1 };
  for (let day = 0; day < sim.warmUpDays + days; day++) {
    const recent = history.filter((s) => s.day > day - settings.estimate.sampleDays);
    const people = arrivals(sim, random, day, seq);
    const desks = sim.desks.map((d) => ({ ...d, free: minutesOf(sim.open.start) }));
    const waiting: Visitor[] = [];
    let clock = 0;
    let next = 0;
    for (;;) {
      const desk = desks.reduce((a, b) => (b.free < a.free ? b : a));
      const arrival = people[next];
      if (arrival && (arrival.arrival <= desk.free || waiting.length === 0)) {
        // Someone takes a ticket and is given the estimate the ticket page would show.
        clock = arrival.arrival;
        const serving = desks.filter((d) => d.languages.includes(arrival.ticket.language)).length || desks.length;
        const estimate = estimateWait(
          {
            topic: arrival.ticket.topic,
            language: arrival.ticket.language,
            ahead: waiting.length,
            desksServing: serving,
          },
          recent,
          settings.estimate.minSamples,
        );
        arrival.result = {
          day,
          topic: arrival.ticket.topic,
          language: arrival.ticket.language,
          ahead: waiting.length,
          estimate: estimate.kind === 'minutes' ? estimate.minutes : estimate.kind === 'next' ? 0 : Number.NaN,
          waited: Number.NaN,
        };
        results.push(arrival.result);
        waiting.push(arrival);
        next++;
        continue;
      }
      if (!waiting.length) break;
      clock = Math.max(clock, desk.free);
      const pick = pickNext(
        waiting.map((v) => v.ticket),
        { advisorId: `advisor-${desk.desk}`, desk: desk.desk, languages: desk.languages },
        at(day, clock),
        settings.maxWaitMinutes,
      );
      // With no appointments or transfers in the simulation, the rule always finds someone.
      const index = waiting.findIndex((v) => v.ticket.id === pick!.ticket.id);
      const [called] = waiting.splice(index, 1) as [Visitor];
      called.result!.waited = clock - called.arrival;
      desk.free = clock + called.service;
      history.push({ day, topic: called.ticket.topic, language: called.ticket.language, minutes: called.service });
    }
  }
  return results.filter((r) => r.day >= sim.warmUpDays && !Number.isNaN(r.estimate));
}

/** The q-quantile (0…1) of the values, by the nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** The multipliers from the `tail` and `1 − tail` quantiles of real wait ÷ estimate, rounded outwards to hundredths. */
function ruleFromTails(ratios: readonly number[], tail: number): RangeRule {
  return {
    low: Math.max(0, Math.floor(quantile(ratios, tail) * 100) / 100),
    high: Math.max(1, Math.ceil(quantile(ratios, 1 - tail) * 100) / 100),
  };
}

/**
 * The multipliers for `waitRange`: quantiles of real wait ÷ estimate over the waits that had a
 * minute estimate (someone ahead), as narrow as still holds `coverage` of the waits once the range
 * is rounded outwards to whole 5 minutes (the rounding alone adds coverage). The tails are
 * searched in steps of half a percent from the plain 10th/90th percentiles outwards and inwards.
 */
export function calibrateRange(waits: readonly SimulatedWait[], coverage = 0.84): RangeRule {
  const ratios = waits.filter((w) => w.estimate > 0).map((w) => w.waited / w.estimate);
  let best = ruleFromTails(ratios, 0);
  for (let tail = 0; tail < 0.5; tail += 0.005) {
    const rule = ruleFromTails(ratios, tail);
    if (estimateQuality(waits, rule).coverage < coverage) break;
    best = rule;
  }
  return best;
}

export interface EstimateQuality {
  /** Arrivals with an estimate (someone ahead, enough service times). */
  measured: number;
  medianAbsoluteError: number;
  /** Share of arrivals whose real wait was more than 15 minutes longer than the estimate. */
  underBy15: number;
  /** Share of real waits inside the range shown (with `rule`). */
  coverage: number;
  /** The range's median width in minutes. */
  medianWidth: number;
}

export function estimateQuality(waits: readonly SimulatedWait[], rule: RangeRule): EstimateQuality {
  const measured = waits.filter((w) => w.estimate > 0);
  const ranges = measured.map((w) => {
    const r = waitRange({ kind: 'minutes', minutes: w.estimate, basis: 'topic' }, rule);
    return r.kind === 'range' ? r : { from: 0, to: 0 };
  });
  const share = (n: number) => (measured.length ? n / measured.length : 0);
  return {
    measured: measured.length,
    medianAbsoluteError: measured.length ? median(measured.map((w) => Math.abs(w.waited - w.estimate))) : 0,
    underBy15: share(measured.filter((w) => w.waited - w.estimate > 15).length),
    coverage: share(measured.filter((w, i) => w.waited >= ranges[i]!.from && w.waited <= ranges[i]!.to).length),
    medianWidth: ranges.length ? median(ranges.map((r) => r.to - r.from)) : 0,
  };
}
