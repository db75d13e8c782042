/**
 * The translator factory shared by pages (build time), islands (browser) and the API (server).
 * Each caller loads the resources its own way (Vite glob, fetch-free lazy chunk, or fs) and hands
 * them in, so this module has no I/O.
 *
 * Keys are flat (`area.purpose`), so `keySeparator` is off. There is deliberately no silent fallback
 * to another language: `t` throws on a missing key when `strict` (pages at build time, where a
 * missing key must fail the build), and otherwise reports which language it answered in, so the
 * caller can mark the text with its own `lang`/`dir`.
 */
import { createInstance, type i18n as I18n, type Resource } from 'i18next';

export type Messages = Record<string, string>;
export type TranslateOptions = Record<string, unknown> & { count?: number };

export interface Translator {
  locale: string;
  t: (key: string, options?: TranslateOptions) => string;
  /** Like `t` but also says which language the text is in (the fallback when the key is missing). */
  tx: (key: string, options?: TranslateOptions) => { text: string; lang: string; fallback: boolean };
  has: (key: string, options?: TranslateOptions) => boolean;
}

export interface TranslatorInit {
  locale: string;
  /** namespace → messages for the locale itself. */
  messages: Record<string, Messages>;
  /** Used only by `tx` / non-strict `t`, and always reported as a fallback. */
  fallback?: { locale: string; messages: Record<string, Messages> };
  strict?: boolean;
  defaultNS?: string;
}

export function createTranslator(init: TranslatorInit): Translator {
  const resources: Resource = { [init.locale]: init.messages };
  if (init.fallback) resources[init.fallback.locale] = init.fallback.messages;
  const instance: I18n = createInstance();
  void instance.init({
    initAsync: false,
    resources,
    lng: init.locale,
    fallbackLng: false,
    ns: Object.keys(init.messages),
    defaultNS: init.defaultNS ?? 'common',
    keySeparator: false,
    nsSeparator: ':',
    // Pages escape on output already (Astro / Lit); double escaping would show "&amp;".
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const has = (key: string, options?: TranslateOptions) => instance.exists(key, { ...options, lng: init.locale });
  const tx = (key: string, options?: TranslateOptions) => {
    if (has(key, options))
      return { text: instance.t(key, { ...options, lng: init.locale }) as string, lang: init.locale, fallback: false };
    if (init.fallback && instance.exists(key, { ...options, lng: init.fallback.locale })) {
      return {
        text: instance.t(key, { ...options, lng: init.fallback.locale }) as string,
        lang: init.fallback.locale,
        fallback: true,
      };
    }
    throw new Error(`Missing translation "${key}" for locale "${init.locale}"`);
  };
  const t = (key: string, options?: TranslateOptions) => {
    if (init.strict && !has(key, options)) throw new Error(`Missing translation "${key}" for locale "${init.locale}"`);
    return tx(key, options).text;
  };
  return { locale: init.locale, t, tx, has };
}
