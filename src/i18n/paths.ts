/** getStaticPaths for pages that exist once per locale. */
import { LOCALE_CODES, type LocaleCode } from './locales.ts';

export function localeStaticPaths(): { params: { locale: LocaleCode } }[] {
  return LOCALE_CODES.map((locale) => ({ params: { locale } }));
}
