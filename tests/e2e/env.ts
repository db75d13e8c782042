import fs from 'node:fs';
import path from 'node:path';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 4399);
/** Where the e2e server's SMTP catcher writes the messages it received. */
export const E2E_MAIL_DIR = process.env.E2E_MAIL_DIR ?? path.resolve('reports', 'e2e-mail');

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`Chromium not found (tried ${candidates.join(', ')}). Install Debian's "chromium" or set CHROMIUM_PATH.`);
  return found;
}
