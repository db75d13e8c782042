/**
 * The tests' clock. No test reads the real date: each sets its own instant, or takes this one, a
 * Monday at 10:00 in Helsinki (a working day, the walk-in desk open, no holiday near). CI runs the
 * suites again under `faketime '+400 days'` to prove it.
 */
import { clockFrom, type Clock } from '../../server/clock.ts';

export const TEST_START = new Date('2027-03-01T08:00:00Z');

/** A clock that starts at `start` and runs on (timeouts, retries and sessions keep moving). */
export function testClock(start: Date = TEST_START): Clock {
  return clockFrom(start);
}
