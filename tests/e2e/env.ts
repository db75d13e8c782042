import fs from 'node:fs';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 4399);

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`Chromium not found (tried ${candidates.join(', ')}). Install Debian's "chromium" or set CHROMIUM_PATH.`);
  return found;
}
