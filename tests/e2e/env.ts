import fs from 'node:fs';
import path from 'node:path';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 4399);
/** Where the e2e server's SMTP catcher writes the messages it received. */
export const E2E_MAIL_DIR = process.env.E2E_MAIL_DIR ?? path.resolve('reports', 'e2e-mail');
/** Where the e2e server writes when its clock started (tests/e2e/clock.ts reads it). */
export const E2E_CLOCK_FILE = process.env.E2E_CLOCK_FILE ?? path.resolve('reports', 'e2e-clock.json');

/**
 * The instant the e2e server's clock starts at (its CLOCK_START; it runs on at real speed), and
 * the browser's with it (tests/e2e/fixtures.ts). Monday 1 March 2027, 10:00 in Helsinki:
 * - a working day, so the walk-in desk at Palvelutori is open (Mondays 09:00–15:00, its queue with
 *   it) and the phone page can always take a number; the run has five hours before 15:00;
 * - no holiday near: the next working day (the first bookable one) is Tuesday 2 March, and Easter
 *   (26–29 March) is far enough that the first six days of free times are ordinary days;
 * - the demo course groups start three weeks later (server/db/seed.ts), all within the catalogue;
 * - far from midnight and from a DST change, so "today" is the same day in Helsinki and in UTC.
 * The same instant as the API tests' (tests/support/clock.ts). E2E_CLOCK_START overrides it: an
 * instant outside the walk-in desk's hours makes the queue tests fail, by design.
 */
export const E2E_CLOCK_START = process.env.E2E_CLOCK_START ?? '2027-03-01T08:00:00Z';

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    Boolean,
  ) as string[];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found)
    throw new Error(
      `Chromium not found (tried ${candidates.join(', ')}). Install Debian's "chromium" or set CHROMIUM_PATH.`,
    );
  return found;
}
