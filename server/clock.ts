/**
 * The portal's one clock. Every instant the code writes or compares comes from `Deps.now`, which
 * is one of these; SQL never calls now() or current_date (a test reads the schema for defaults).
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/**
 * A clock that starts at `start` and runs on at real speed from there. The e2e server and demos
 * on a chosen day use it (CLOCK_START): a frozen clock would stall retries, sessions and limits.
 */
export function clockFrom(start: Date, realMs: () => number = Date.now): Clock {
  const offset = start.getTime() - realMs();
  return () => new Date(realMs() + offset);
}

/** The clock a process runs on: CLOCK_START's (tests, demos; refused in production) or the system's. */
export function configuredClock(config: { CLOCK_START?: string | undefined }): Clock {
  return config.CLOCK_START ? clockFrom(new Date(config.CLOCK_START)) : systemClock;
}
