/**
 * Content translation status. For each collection entry in each locale: missing, stale (its
 * `translatedFrom` differs from the Finnish source's current hash) or current.
 *   node scripts/content-hash.ts              report for every locale (exit 1 if anything is missing or stale)
 *   node scripts/content-hash.ts ar           one locale, listing the hash each file should record
 */
import fs from 'node:fs';
import path from 'node:path';
import { LOCALE_CODES, DEFAULT_LOCALE } from '../src/i18n/locales.ts';
import { sourceHash } from '../src/site/content-status.ts';

export const CONTENT_COLLECTIONS = ['services', 'first-steps', 'pages', 'courses'] as const;

export function translatedFrom(file: string): string | undefined {
  const m = /^---\n[\s\S]*?^translatedFrom:\s*['"]?([0-9a-f]{12})['"]?\s*$/m.exec(fs.readFileSync(file, 'utf8'));
  return m?.[1];
}

export interface EntryStatus {
  collection: string;
  slug: string;
  locale: string;
  state: 'current' | 'stale' | 'missing';
  expected: string;
}

export function contentStatus(locales: readonly string[] = LOCALE_CODES): EntryStatus[] {
  const out: EntryStatus[] = [];
  for (const collection of CONTENT_COLLECTIONS) {
    const srcDir = path.join('content', collection, DEFAULT_LOCALE);
    for (const file of fs.readdirSync(srcDir).filter((f) => f.endsWith('.md'))) {
      const expected = sourceHash(path.join(srcDir, file));
      for (const locale of locales) {
        if (locale === DEFAULT_LOCALE) continue;
        const target = path.join('content', collection, locale, file);
        const state = !fs.existsSync(target) ? 'missing' : translatedFrom(target) === expected ? 'current' : 'stale';
        out.push({ collection, slug: file.replace(/\.md$/, ''), locale, state, expected });
      }
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv.slice(2);
  const rows = contentStatus(only.length ? only : LOCALE_CODES);
  for (const locale of only.length ? only : LOCALE_CODES.filter((l) => l !== DEFAULT_LOCALE)) {
    const mine = rows.filter((r) => r.locale === locale);
    const bad = mine.filter((r) => r.state !== 'current');
    console.log(
      `${locale}: ${mine.length - bad.length}/${mine.length} current${bad.length ? `, ${bad.filter((r) => r.state === 'stale').length} stale, ${bad.filter((r) => r.state === 'missing').length} missing` : ''}`,
    );
    if (only.length)
      for (const r of bad)
        console.log(
          `  ${r.state.padEnd(8)} content/${r.collection}/${locale}/${r.slug}.md  → translatedFrom: ${r.expected}`,
        );
  }
  process.exitCode = rows.some((r) => r.state !== 'current') ? 1 : 0;
}
