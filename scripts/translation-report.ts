/**
 * `npm run translations`: each locale's review status and what it lacks, for translators.
 * Exits 1 when a key is missing anywhere, so it can guard a release.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LOCALES, STAFF_LOCALES } from '../src/i18n/locales.ts';
import { contentStatus } from './content-hash.ts';

const PLURAL = /_(zero|one|two|few|many|other)$/;
const read = (code: string, ns: string): Record<string, string> => {
  const f = path.join('locales', code, `${ns}.json`);
  return fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, 'utf8')) : {};
};
function missing(code: string, ns: string): string[] {
  const source = read('fi', ns);
  const have = read(code, ns);
  const cats = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
  const want = new Set<string>();
  for (const k of Object.keys(source)) {
    if (PLURAL.test(k)) for (const c of cats) want.add(k.replace(PLURAL, `_${c}`));
    else want.add(k);
  }
  return [...want].filter((k) => !(k in have));
}

let gaps = 0;
// Columns as wide as the longest code and status (Easy Finnish: fi-x-selko, drafted-awaiting-easy-language-review).
const codeW = Math.max(6, ...LOCALES.map((l) => l.code.length)) + 1;
const statusW = Math.max(6, ...LOCALES.map((l) => l.review.length)) + 1;
console.log(`${'locale'.padEnd(codeW)} ${'status'.padEnd(statusW)} public keys missing  staff keys missing`);
for (const l of LOCALES) {
  const pub = missing(l.code, 'common');
  const staff = (STAFF_LOCALES as readonly string[]).includes(l.code) ? missing(l.code, 'staff') : [];
  gaps += pub.length + staff.length;
  console.log(
    `${l.code.padEnd(codeW)} ${l.review.padEnd(statusW)} ${String(pub.length).padStart(19)}  ${(STAFF_LOCALES as readonly string[]).includes(l.code) ? String(staff.length).padStart(18) : '                 -'}`,
  );
  for (const k of [...pub, ...staff].slice(0, 10)) console.log(`          missing: ${k}`);
}
// Content entries: missing or made from an older Finnish text (see scripts/content-hash.ts).
const content = contentStatus();
console.log('\ncontent entries (missing / stale against the Finnish source)');
for (const l of LOCALES.filter((x) => x.code !== 'fi')) {
  const mine = content.filter((r) => r.locale === l.code && r.state !== 'current');
  console.log(
    `${l.code.padEnd(codeW)} ${mine.length === 0 ? 'all current' : mine.map((r) => `${r.state} ${r.collection}/${r.slug}`).join(', ')}`,
  );
  gaps += mine.length;
}
process.exitCode = gaps ? 1 : 0;
