/**
 * Waits until `check` holds, for at most five seconds: a NOTIFY from another connection (or
 * PGlite's own, delivered after the statement) arrives a moment after its commit.
 */
export async function eventually(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('never happened');
}
