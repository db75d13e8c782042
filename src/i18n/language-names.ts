/** A language's name in the reader's language, from CLDR via Intl; the registry's own name when Intl has none. */
import { LOCALES } from './locales.ts';

export function languageName(code: string, displayLocale: string): string {
  try {
    const name = new Intl.DisplayNames([displayLocale], { type: 'language', fallback: 'none' }).of(code);
    if (name && name !== code) return name;
  } catch {
    /* unknown to this runtime */
  }
  return LOCALES.find((l) => l.code === code)?.nativeName ?? code;
}

export function languageList(codes: string[], displayLocale: string): string {
  const names = codes.map((c) => languageName(c, displayLocale));
  try {
    return new Intl.ListFormat([displayLocale], { type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}
