/**
 * The locale registry: the one source for routing, the language switcher, the sitemap, the
 * translation report and every test that walks "all locales". Add a language here and nowhere else.
 *
 * `review` is each locale's translation status, shown on every page of that locale and in
 * `npm run translations`. Translators flip it after a native review (see README "Translators").
 */
export type ReviewStatus = 'source' | 'machine-drafted' | 'native-reviewed';

export interface LocaleInfo {
  /** BCP 47 tag, also the first path segment (`/ar/...`). */
  code: string;
  /** The language's name in its own language and script. */
  nativeName: string;
  /** The English name, for staff tools and logs. */
  englishName: string;
  dir: 'ltr' | 'rtl';
  review: ReviewStatus;
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
