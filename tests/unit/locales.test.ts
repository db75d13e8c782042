/**
 * Every locale has every public key, with the same placeholders and the plural forms its own CLDR
 * rules need; staff strings exist in the staff languages. A missing key would otherwise fail the
 * build (pages are strict) or, worse, reach a person in the wrong language.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_LOCALE,
  HREFLANG_LOCALES,
  LOCALES,
  LOCALE_CODES,
  SERVICE_LOCALES,
  STAFF_LOCALES,
  hreflangOf,
  languageTag,
  localeInfo,
  negotiateLocale,
  searchBundle,
  serviceLanguageOf,
} from '../../src/i18n/locales.ts';

const PLURAL = /_(zero|one|two|few|many|other)$/;
const read = (locale: string, ns: string): Record<string, string> | undefined => {
  const file = path.join('locales', locale, `${ns}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>) : undefined;
};
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

function expectedKeys(source: Record<string, string>, locale: string): string[] {
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  const keys = new Set<string>();
  for (const key of Object.keys(source)) {
    if (PLURAL.test(key)) for (const c of categories) keys.add(key.replace(PLURAL, `_${c}`));
    else keys.add(key);
  }
  return [...keys].sort();
}

function checkNamespace(ns: string, locales: readonly string[]) {
  const source = read(DEFAULT_LOCALE, ns)!;
  describe.each(locales.map((l) => [l]))(`${ns}: %s`, (locale) => {
    const messages = read(locale, ns);
    test('exists and has exactly the keys the source has, in this locale’s plural forms', () => {
      expect(messages, `locales/${locale}/${ns}.json`).toBeDefined();
      expect(Object.keys(messages!).sort()).toEqual(expectedKeys(source, locale));
    });
    test('keeps every placeholder of the source', () => {
      for (const [key, value] of Object.entries(messages ?? {})) {
        const sourceKey = PLURAL.test(key)
          ? Object.keys(source).find((k) => k.replace(PLURAL, '') === key.replace(PLURAL, ''))!
          : key;
        const expected = placeholders(source[sourceKey] ?? '');
        // A plural form may drop {{count}} (e.g. Arabic "دقيقة" for exactly one), nothing else.
        const got = placeholders(value);
        if (PLURAL.test(key))
          expect(
            got.filter((p) => p !== 'count'),
            key,
          ).toEqual(expected.filter((p) => p !== 'count'));
        else expect(got, key).toEqual(expected);
      }
    });
    test('has no empty message', () => {
      for (const [key, value] of Object.entries(messages ?? {})) expect(value.trim(), key).not.toBe('');
    });
  });
}

checkNamespace('common', LOCALE_CODES);
checkNamespace('format', LOCALE_CODES);
checkNamespace('staff', STAFF_LOCALES);

describe('locale registry', () => {
  test('has the 16 service languages and Easy Finnish, each with its direction and review status', () => {
    expect(LOCALE_CODES).toEqual([
      'fi',
      'fi-x-selko',
      'sv',
      'en',
      'ru',
      'uk',
      'ar',
      'fa',
      'ckb',
      'so',
      'et',
      'tr',
      'zh',
      'es',
      'fr',
      'vi',
      'th',
    ]);
    expect(LOCALES.filter((l) => l.dir === 'rtl').map((l) => l.code)).toEqual(['ar', 'fa', 'ckb']);
    expect(LOCALES.find((l) => l.code === DEFAULT_LOCALE)?.review).toBe('source');
  });

  test('Easy Finnish: its own code and URL, Finnish as its language tag and service language, no hreflang', () => {
    const selko = localeInfo('fi-x-selko');
    expect(selko).toMatchObject({ nativeName: 'Selkosuomi', review: 'drafted-awaiting-easy-language-review' });
    expect(Intl.getCanonicalLocales(selko.code)).toEqual(['fi-x-selko']);
    expect(languageTag('fi-x-selko')).toBe('fi');
    expect(serviceLanguageOf('fi-x-selko')).toBe('fi');
    expect(hreflangOf('fi-x-selko')).toBeNull();
    expect(SERVICE_LOCALES).not.toContain('fi-x-selko');
    // Every hreflang is a plain language code, used once.
    const tags = HREFLANG_LOCALES.map((l) => hreflangOf(l));
    expect(new Set(tags).size).toBe(tags.length);
    for (const t of tags) expect(t).toMatch(/^[a-z]{2,3}$/);
    expect(searchBundle('fi-x-selko')).not.toBe(searchBundle('fi'));
    // Intl treats it as Finnish (dates, plurals in messages).
    expect(new Intl.PluralRules('fi-x-selko').resolvedOptions().locale).toBe('fi');
  });

  test('every review status has its label in every locale', () => {
    const statuses = new Set(LOCALES.map((l) => l.review));
    for (const code of LOCALE_CODES)
      for (const s of statuses) expect(read(code, 'common')?.[`review.status.${s}`], `${code} ${s}`).toBeTruthy();
  });

  test('directions agree with the CLDR text info where the runtime knows it', () => {
    for (const l of LOCALES) {
      const info = new Intl.Locale(l.code) as Intl.Locale & {
        getTextInfo?: () => { direction: string };
        textInfo?: { direction: string };
      };
      const direction = info.getTextInfo?.().direction ?? info.textInfo?.direction;
      if (direction) expect(direction, l.code).toBe(l.dir);
    }
  });

  test('no folder in locales/ is outside the registry', () => {
    const dirs = fs.readdirSync('locales').filter((d) => fs.statSync(path.join('locales', d)).isDirectory());
    expect(dirs.sort()).toEqual([...LOCALE_CODES].sort());
  });

  test('negotiates Accept-Language to a registered locale', () => {
    expect(negotiateLocale('ar-IQ,ar;q=0.9,en;q=0.8')).toBe('ar');
    expect(negotiateLocale('de-DE,de;q=0.9,uk;q=0.5,en;q=0.4')).toBe('uk');
    expect(negotiateLocale('zh-Hans-CN')).toBe('zh');
    expect(negotiateLocale('en;q=0, sv')).toBe('sv');
    expect(negotiateLocale('de')).toBe('fi');
    expect(negotiateLocale(undefined)).toBe('fi');
    expect(negotiateLocale(';;;,q=abc')).toBe('fi');
  });
});
