/**
 * Which version of the Finnish source a translation was made from: the first 12 hex of the
 * SHA-256 of the Finnish file. Shared by the pages (a stale translation shows a notice) and the
 * translators' report (scripts/content-hash.ts).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function sourceHashOfText(text: string): string {
  return crypto.createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex').slice(0, 12);
}

export function sourceHash(file: string): string {
  return sourceHashOfText(fs.readFileSync(file, 'utf8'));
}

export function finnishSourceFile(collectionDir: string, slug: string): string {
  return path.join('content', collectionDir, 'fi', `${slug}.md`);
}
