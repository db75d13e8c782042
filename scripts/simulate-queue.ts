/**
 * `node scripts/simulate-queue.ts` (and a section of `npm run bench`): the wait estimate's error,
 * measured by the seeded simulation of walk-in days (server/domain/queue-simulation.ts) on the
 * sample days of content/settings/queue-simulation.json. The range multipliers are calibrated on
 * one seed and checked on another (held out); the figures use the multipliers in queue.json, and
 * the script says when a fresh calibration differs from them (then copy it into queue.json).
 */
import fs from 'node:fs';
import { queueSettingsSchema, queueSimulationSchema } from '../src/domain/queue-settings.ts';
import {
  calibrateRange,
  estimateQuality,
  type EstimateQuality,
  simulateQueue,
} from '../server/domain/queue-simulation.ts';
import type { RangeRule } from '../server/domain/queue.ts';

const read = (file: string) =>
  JSON.parse(fs.readFileSync(new URL(`../content/settings/${file}`, import.meta.url), 'utf8'));

export const CALIBRATION_SEED = 1;
export const HELD_OUT_SEED = 2;

export interface QueueSimulationReport {
  days: number;
  stored: RangeRule;
  calibrated: RangeRule;
  calibration: EstimateQuality;
  heldOut: EstimateQuality;
}

export function queueSimulationReport(): QueueSimulationReport {
  const settings = queueSettingsSchema.parse(read('queue.json'));
  const sim = queueSimulationSchema.parse(read('queue-simulation.json'));
  const training = simulateQueue(settings, sim, CALIBRATION_SEED);
  const stored = settings.estimate.range;
  return {
    days: sim.days,
    stored,
    calibrated: calibrateRange(training),
    calibration: estimateQuality(training, stored),
    heldOut: estimateQuality(simulateQueue(settings, sim, HELD_OUT_SEED), stored),
  };
}

export function printQueueSimulation(r: QueueSimulationReport): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const row = (q: EstimateQuality) => ({
    arrivals: q.measured,
    'median |error| min': q.medianAbsoluteError.toFixed(1),
    'waited > estimate + 15 min': pct(q.underBy15),
    'range holds': pct(q.coverage),
    'median range width min': q.medianWidth,
  });
  console.log(
    `\nWait estimate, simulated (${r.days} sample days per seed; range ×${r.stored.low}…×${r.stored.high} from queue.json)`,
  );
  console.table({
    [`calibration seed ${CALIBRATION_SEED}`]: row(r.calibration),
    [`held-out seed ${HELD_OUT_SEED}`]: row(r.heldOut),
  });
  if (r.calibrated.low !== r.stored.low || r.calibrated.high !== r.stored.high)
    console.log(`calibration now gives ×${r.calibrated.low}…×${r.calibrated.high}: copy it into estimate.range`);
}

if (import.meta.url === `file://${process.argv[1]}`) printQueueSimulation(queueSimulationReport());
