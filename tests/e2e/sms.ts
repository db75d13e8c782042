/**
 * Reads the text messages a server of a test's own sent to its SMS sink (DATA_DIR/sms-sink.jsonl,
 * server/messages/transports.ts): a test asks for the messages to one number, which are its own.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Sms {
  at: string;
  to: string;
  text: string;
}

function received(dataDir: string): Sms[] {
  const file = path.join(dataDir, 'sms-sink.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Sms);
}

/** The messages to a number, once one matches `text` (or what came by the deadline). */
export async function smsTo(dataDir: string, to: string, text: RegExp, timeoutMs = 20_000): Promise<Sms[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mine = received(dataDir).filter((m) => m.to === to);
    if (mine.some((m) => text.test(m.text)) || Date.now() > deadline) return mine;
    await new Promise((r) => setTimeout(r, 250));
  }
}
