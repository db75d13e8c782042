/**
 * The locale registry: the one source for routing, the language switcher, the sitemap, the
 * translation report and every test that walks "all locales". Add a language here and nowhere else.
 *
 * `review` is each locale's translation status, shown on every page of that locale and in
 * `npm run translations`. Translators flip it after a native review (see README "Translators").
 */
export type ReviewStatus =
  | 'source'
  | 'machine-drafted'
  | 'native-reviewed'
  /** An Easy Language variant written by hand, waiting for a trained easy-language reviewer (not a native speaker). */
  | 'drafted-awaiting-easy-language-review';

export interface LocaleInfo {
  /** BCP 47 tag, also the first path segment (`/ar/...`). */
  code: string;
  /** The language's name in its own language and script. */
  nativeName: string;
  /** The English name, for staff tools and logs. */
  englishName: string;
  dir: 'ltr' | 'rtl';
  review: ReviewStatus;
  // ── Content variants of one language (Easy Finnish, #21). Absent for ordinary locales. ──
  /**
   * The language tag of the text, for `<html lang>` and Intl, when it differs from `code`. Easy
   * Finnish is Finnish (`fi`): screen readers and hyphenation must treat it as Finnish, while its
   * `code` (also its URL prefix and its key in locales/, content/ and the database) stays distinct.
   */
  tag?: string;
  /**
   * The hreflang of its pages; `null` keeps it out of the hreflang alternates. Easy Finnish has no
   * hreflang value of its own: search engines accept only ISO 639 language (and region) codes, so
   * `fi-x-selko` is invalid there, and a second `fi` would make two URLs claim the same language.
   */
  hreflang?: string | null;
  /** The locale whose text this one is written from (its translation status is tracked against it). */
  variantOf?: string;
  /**
   * The digits of every number the portal formats in this locale (dates, times). Western (`latn`)
   * for all 16, the right-to-left ones too: the times, references, phone numbers and schedules in
   * the content are written with them, and one page must not mix two systems. Unset means `latn`.
   */
  numberingSystem?: 'latn' | 'arab' | 'arabext' | 'thai';
}

export const DEFAULT_LOCALE = 'fi';

/** Staff-facing UI (the workspace) exists in the languages staff work in. */
export const STAFF_LOCALES = ['fi', 'sv', 'en'] as const;

export const LOCALES = [
  { code: 'fi', nativeName: 'Suomi', englishName: 'Finnish', dir: 'ltr', review: 'source', numberingSystem: 'latn' },
  // Easy Finnish (selkosuomi), beside Finnish. Its code is a BCP 47 private-use tag: Intl and
  // i18next treat it as Finnish (dates, plurals), and it can never collide with a language code.
  {
    code: 'fi-x-selko',
    nativeName: 'Selkosuomi',
    englishName: 'Easy Finnish',
    dir: 'ltr',
    review: 'drafted-awaiting-easy-language-review',
    tag: 'fi',
    hreflang: null,
    variantOf: 'fi',
    numberingSystem: 'latn',
  },
  {
    code: 'sv',
    nativeName: 'Svenska',
    englishName: 'Swedish',
    dir: 'ltr',
    review: 'machine-drafted',
    numberingSystem: 'latn',
  },
  {
    code: 'en',
    nativeName: 'English',
    englishName: 'English',
    dir: 'ltr',
    review: 'machine-drafted',
    numberingSystem: 'latn',
  },
  {
    code: 'ru',
    nativeName: 'Русский',
    englishName: 'Russian',
    dir: 'ltr',
    review: 'machine-drafted',
    numberingSystem: 'latn',
  },
  {
    code: 'uk',
    nativeName: 'Українська',
    englishName: 'Ukrainian',
    dir: 'ltr',
    review: 'machine-drafted',
    numberingSystem: 'latn',
  },
  {
    code: 'ar',
    nativeName: 'العربية',
    englishName: 'Arabic',
    dir: 'rtl',
    review: 'machine-drafted',
    numberingSystem: 'latn',
  },
  {
    code: 'fa',
    nativeName: 'فارسی',
    englishName: 'Persian',
    dir: 'rtl',
    review: 'machine-drafted',
    numberingSystem: 'latn',
  },
  {
    code: 'ckb',
    nativeName: 'کوردیی ناوەندی',
    englishName: 'Kurdish (Sorani)',
    dir: 'rtl',
    review: 'machine-drafted',
    numberingSystem: 'latn',
  },
  {
    code: 'so',
    nativeName: 'Soomaali',
    englishName: 'Somali',
    dir: 'ltr',
    review: 'machine-drafted',
    numberingSystem: 'latn',
  },
  {
    code: 'et',
    nativeName: 'Eesti',
    englishName: 'Estonian',
    dir: 'ltr',
    review: 'machine-drafted',
    numberingSystem: 'latn',
  },
  {
    code: 'tr',
    nativeName: 'Türkçe',
    englishName: 'Turkish',
    dir: 'ltr',
    review: 'machine-drafted',
    numberingSystem: 'latn',
  },
  {
    code: 'zh',
    nativeName: '简体中文',
    englishName: 'Chinese (Simplified)',
    dir: 'ltr',
    review: 'machine-drafted',
    numberingSystem: 'latn',
  },
  {
    code: 'es',
    nativeName: 'Español',
    englishName: 'Spanish',
    dir: 'ltr',
    review: 'machine-drafted',
    numberingSystem: 'latn',
  },
  {
    code: 'fr',
    nativeName: 'Français',
    englishName: 'French',
    dir: 'ltr',
    review: 'machine-drafted',
    numberingSystem: 'latn',
  },
  {
    code: 'vi',
    nativeName: 'Tiếng Việt',
    englishName: 'Vietnamese',
    dir: 'ltr',
    review: 'machine-drafted',
    numberingSystem: 'latn',
  },
  {
    code: 'th',
    nativeName: 'ไทย',
    englishName: 'Thai',
    dir: 'ltr',
    review: 'machine-drafted',
    numberingSystem: 'latn',
  },
] as const satisfies readonly LocaleInfo[];

export type LocaleCode = (typeof LOCALES)[number]['code'];

export const LOCALE_CODES: readonly LocaleCode[] = LOCALES.map((l) => l.code);

const byCode = new Map<string, LocaleInfo>(LOCALES.map((l) => [l.code, l]));

export function isLocale(code: string | undefined | null): code is LocaleCode {
  return code != null && byCode.has(code);
}

export function localeInfo(code: LocaleCode): LocaleInfo {
  return byCode.get(code)!;
}

/** The language tag of a locale's text (`<html lang>`, `lang` on links and options). */
export function languageTag(code: LocaleCode): string {
  const info = localeInfo(code);
  return info.tag ?? info.code;
}

/** A locale's hreflang, or null when it stays out of the alternates (see `LocaleInfo.hreflang`). */
export function hreflangOf(code: LocaleCode): string | null {
  const info = localeInfo(code);
  return info.hreflang === undefined ? info.code : info.hreflang;
}

/** The language a person who reads this locale is served in (Easy Finnish readers: Finnish). */
export function serviceLanguageOf(code: LocaleCode): string {
  return localeInfo(code).variantOf ?? code;
}

/** Locales that are languages of service (queue tickets, kiosk): every locale but the variants. */
export const SERVICE_LOCALES: readonly LocaleCode[] = LOCALE_CODES.filter((c) => !localeInfo(c).variantOf);

/** The locales that take part in hreflang alternates and the sitemap's alternates. */
export const HREFLANG_LOCALES: readonly LocaleCode[] = LOCALE_CODES.filter((c) => hreflangOf(c) !== null);

/**
 * Where a locale's search index is. Pagefind splits its index by `<html lang>`; a variant that
 * shares its tag with another locale (Easy Finnish is `fi`) is indexed on its own (scripts/build.ts),
 * so a Finnish search never answers with Easy Finnish pages, nor the other way round.
 */
export function searchBundle(code: LocaleCode): string {
  return localeInfo(code).tag !== undefined ? `/pagefind-${code}/` : '/pagefind/';
}

/**
 * Picks the best registered locale from an Accept-Language header ("ar-IQ,ar;q=0.9,en;q=0.5").
 * Region subtags fall back to the language (ar-IQ → ar); `zh-*` goes to Simplified Chinese, the
 * only Chinese we have.
 */
export function negotiateLocale(header: string | undefined | null, fallback: LocaleCode = DEFAULT_LOCALE): LocaleCode {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r) => r.tag && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    if (isLocale(tag)) return tag;
    const base = tag.split('-')[0];
    if (isLocale(base)) return base;
  }
  return fallback;
}
