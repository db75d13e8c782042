/**
 * Every content entry exists in every locale, keeps the Finnish entry's non-translatable fields
 * (order, icon, url), and records which Finnish version it was translated from. (The schemas
 * themselves are enforced by `astro build`, which fails on an entry that does not pass.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { LOCALE_CODES } from '../../src/i18n/locales.ts';
import { CONTENT_COLLECTIONS, contentStatus, translatedFrom } from '../../scripts/content-hash.ts';

const frontmatter = (file: string) => {
  const m = /^---\n([\s\S]*?)\n---/.exec(fs.readFileSync(file, 'utf8'));
  return Object.fromEntries(
    (m?.[1] ?? '')
      .split('\n')
      .map((l) => l.split(/:\s*(.*)/s))
      .filter((p) => p.length > 1)
      .map(([k, v]) => [k!.trim(), v!.trim()]),
  );
};

describe.each(CONTENT_COLLECTIONS.map((c) => [c]))('content/%s', (collection) => {
  const slugs = fs.readdirSync(path.join('content', collection, 'fi')).filter((f) => f.endsWith('.md'));
  test('has entries', () => expect(slugs.length).toBeGreaterThan(0));
  for (const locale of LOCALE_CODES.filter((l) => l !== 'fi')) {
    test(`${locale}: every entry exists, with the Finnish order/icon/url and a source hash`, () => {
      for (const file of slugs) {
        const target = path.join('content', collection, locale, file);
        expect(fs.existsSync(target), target).toBe(true);
        const fi = frontmatter(path.join('content', collection, 'fi', file));
        const tr = frontmatter(target);
        for (const key of ['order', 'icon', 'url'])
          if (fi[key] !== undefined) expect(tr[key], `${target} ${key}`).toBe(fi[key]);
        expect(translatedFrom(target), `${target} translatedFrom`).toMatch(/^[0-9a-f]{12}$/);
      }
    });
  }
});

test('editing the Finnish source marks its translations stale (and only those)', () => {
  const file = path.join('content', 'services', 'fi', 'families.md');
  const original = fs.readFileSync(file, 'utf8');
  const key = (r: { collection: string; slug: string; locale: string }) => `${r.collection}/${r.slug}/${r.locale}`;
  const before = new Set(
    contentStatus()
      .filter((r) => r.state === 'stale')
      .map(key),
  );
  try {
    fs.writeFileSync(file, `${original}\nUusi kappale.\n`);
    const newlyStale = contentStatus().filter((r) => r.state === 'stale' && !before.has(key(r)));
    expect(newlyStale.length).toBe(LOCALE_CODES.length - 1);
    expect(new Set(newlyStale.map((r) => r.slug))).toEqual(new Set(['families']));
  } finally {
    fs.writeFileSync(file, original);
  }
});
