/**
 * Dates and names in the workspace's language (fi, sv or en): the workspace bundle carries the
 * format data of those three only, never of all 16 locales (see src/i18n/format.ts).
 */
import { createFormatter, type FormatData, type Formatter } from '../../i18n/format.ts';
import fi from '../../../locales/fi/format.json';
import sv from '../../../locales/sv/format.json';
import en from '../../../locales/en/format.json';

const DATA: Record<string, FormatData> = { fi, sv, en };
const cache = new Map<string, Formatter>();

export function staffFormatter(lang: string): Formatter {
  let f = cache.get(lang);
  if (!f) {
    f = createFormatter(lang, DATA[lang] ?? fi);
    cache.set(lang, f);
  }
  return f;
}
