/**
 * Translations for Astro pages, loaded at build time from `locales/`. Strict: a key missing in a
 * locale fails the build instead of showing another language unmarked.
 */
import { createTranslator, type Messages, type Translator } from './translator.ts';
import { DEFAULT_LOCALE, localeInfo, type LocaleCode } from './locales.ts';
import { type FormatData, type Formatter, formatterCache, withNumberingSystem } from './format.ts';

const files = import.meta.glob<Messages>('../../locales/*/*.json', { eager: true, import: 'default' });

function messagesFor(locale: string): Record<string, Messages> {
  const out: Record<string, Messages> = {};
  for (const [path, messages] of Object.entries(files)) {
    const match = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (match && match[1] === locale) out[match[2]!] = messages;
  }
  return out;
}

const cache = new Map<string, Translator>();

export function pageTranslator(locale: LocaleCode): Translator {
  let tr = cache.get(locale);
  if (!tr) {
    tr = createTranslator({
      locale,
      messages: messagesFor(locale),
      fallback:
        locale === DEFAULT_LOCALE ? undefined : { locale: DEFAULT_LOCALE, messages: messagesFor(DEFAULT_LOCALE) },
      strict: true,
    });
    cache.set(locale, tr);
  }
  return tr;
}

export function dirOf(locale: LocaleCode): 'ltr' | 'rtl' {
  return localeInfo(locale).dir;
}

/** A locale's `format.json`: the data of its formatter (see `format.ts`). */
export const formatData = (locale: LocaleCode): FormatData =>
  withNumberingSystem(messagesFor(locale).format ?? {}, localeInfo(locale).numberingSystem);

/** Dates, lists and names for a page, from its locale's `format.json`. */
export const pageFormatter: (locale: LocaleCode) => Formatter = formatterCache((locale) =>
  formatData(locale as LocaleCode),
);
