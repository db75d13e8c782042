/** Reads the messages the e2e server's SMTP catcher received (tests/e2e/serve.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { E2E_MAIL_DIR } from './env.ts';

export interface Mail { to: string; subject: string; text: string; ics: string | null }

export async function mailsTo(address: string, count: number, timeoutMs = 15_000): Promise<Mail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = fs.existsSync(E2E_MAIL_DIR)
      ? fs.readdirSync(E2E_MAIL_DIR).sort().map((f) => JSON.parse(fs.readFileSync(path.join(E2E_MAIL_DIR, f), 'utf8')) as Mail)
      : [];
    const mine = all.filter((m) => m.to.includes(address));
    if (mine.length >= count || Date.now() > deadline) return mine;
    await new Promise((r) => setTimeout(r, 200));
  }
}
