import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { waitRange } from '../../server/domain/queue.ts';
import { calibrateRange, estimateQuality, seededRandom, simulateQueue } from '../../server/domain/queue-simulation.ts';
import { queueSettingsSchema, queueSimulationSchema } from '../../src/domain/queue-settings.ts';

const read = (file: string) =>
  JSON.parse(fs.readFileSync(new URL(`../../content/settings/${file}`, import.meta.url), 'utf8'));
const settings = queueSettingsSchema.parse(read('queue.json'));
const sim = queueSimulationSchema.parse(read('queue-simulation.json'));

describe('queue simulation', () => {
  it('is sample data, labelled so', () => {
    expect(sim.sample).toBe(true);
  });

  it('is deterministic for a seed, and another seed gives other days', () => {
    const a = simulateQueue(settings, sim, 11, 5);
    expect(a.length).toBeGreaterThan(100);
    expect(simulateQueue(settings, sim, 11, 5)).toEqual(a);
    expect(simulateQueue(settings, sim, 12, 5)).not.toEqual(a);
    const r = seededRandom(3);
    const first = [r(), r(), r()];
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    const again = seededRandom(3);
    expect([again(), again(), again()]).toEqual(first);
  });

  it('the stored range holds at least 80 % of the real waits on a held-out seed', () => {
    const quality = estimateQuality(simulateQueue(settings, sim, 9_001, 30), settings.estimate.range);
    expect(quality.measured).toBeGreaterThan(1000);
    expect(quality.coverage).toBeGreaterThanOrEqual(0.8);
  });

  it('calibration gives multipliers around 1 whose range holds the asked share on its own days', () => {
    const waits = simulateQueue(settings, sim, 5, 15);
    const rule = calibrateRange(waits, 0.8);
    expect(rule.low).toBeLessThanOrEqual(1);
    expect(rule.high).toBeGreaterThanOrEqual(1);
    expect(estimateQuality(waits, rule).coverage).toBeGreaterThanOrEqual(0.8);
  });
});

describe('wait range', () => {
  it('widens the minute by the multipliers, outwards to whole 5 minutes, never narrower than 5', () => {
    const est = { kind: 'minutes', minutes: 20, basis: 'topic' } as const;
    expect(waitRange(est, { low: 0.5, high: 1.5 })).toEqual({ kind: 'range', from: 10, to: 30, basis: 'topic' });
    expect(waitRange(est, { low: 0.52, high: 1.52 })).toEqual({ kind: 'range', from: 10, to: 35, basis: 'topic' });
    expect(waitRange({ ...est, minutes: 1 }, { low: 1, high: 1 })).toEqual({
      kind: 'range',
      from: 0,
      to: 5,
      basis: 'topic',
    });
    expect(waitRange({ kind: 'next' }, { low: 0.5, high: 1.5 })).toEqual({ kind: 'next' });
    expect(waitRange({ kind: 'unknown' }, { low: 0.5, high: 1.5 })).toEqual({ kind: 'unknown' });
  });
});
