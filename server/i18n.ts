/**
 * Server-side messages (API errors, emails) in the requester's language, read once from locales/.
 * The requester's language is, in order: an `X-Locale` header (islands send their page's locale),
 * a `lang` query parameter, then Accept-Language.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTranslator, type Messages, type Translator } from '../src/i18n/translator.ts';
import { type Formatter, formatterCache, withNumberingSystem } from '../src/i18n/format.ts';
import {
  DEFAULT_LOCALE,
  LOCALE_CODES,
  isLocale,
  localeInfo,
  negotiateLocale,
  type LocaleCode,
} from '../src/i18n/locales.ts';

const LOCALES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'locales');

function readLocale(code: string): Record<string, Messages> {
  const dir = path.join(LOCALES_DIR, code);
  const out: Record<string, Messages> = {};
  if (!fs.existsSync(dir)) return out;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    out[file.replace(/\.json$/, '')] = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Messages;
  }
  return out;
}

const cache = new Map<string, Translator>();

export function serverTranslator(locale: LocaleCode): Translator {
  let tr = cache.get(locale);
  if (!tr) {
    // English is the API's fallback for a missing key; `tx` reports it so callers can mark it.
    const fallbackCode = locale === 'en' ? DEFAULT_LOCALE : 'en';
    tr = createTranslator({
      locale,
      messages: readLocale(locale),
      fallback: { locale: fallbackCode, messages: readLocale(fallbackCode) },
    });
    cache.set(locale, tr);
  }
  return tr;
}

/** Dates, lists and names for emails, SMS and `.ics` text, from the locale's `format.json`. */
export const serverFormatter: (locale: LocaleCode) => Formatter = formatterCache((locale) =>
  withNumberingSystem(readLocale(locale).format ?? {}, localeInfo(locale as LocaleCode).numberingSystem),
);

export function requestLocale(
  headers: { get(name: string): string | null | undefined },
  query?: string | null,
): LocaleCode {
  const explicit = headers.get('x-locale') ?? query;
  if (isLocale(explicit)) return explicit;
  return negotiateLocale(headers.get('accept-language'));
}

export { LOCALE_CODES };
