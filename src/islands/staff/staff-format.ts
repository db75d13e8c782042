/**
 * Dates and names in the workspace's language (fi, sv or en), from the data block the workspace
 * layout puts in every page (`<IslandData name="format">`): no bundle carries any locale's data.
 */
import { createFormatter, type FormatData, type Formatter } from '../../i18n/format.ts';

let cached: Formatter | undefined;

export function staffFormatter(lang: string): Formatter {
  if (cached?.locale !== lang) {
    const block = document.querySelector('script[type="application/json"][data-island="format"]');
    cached = createFormatter(lang, JSON.parse(block?.textContent || '{}') as FormatData);
  }
  return cached;
}
