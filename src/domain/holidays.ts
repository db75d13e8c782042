/**
 * Finnish public holidays, from the date-holidays package (well kept, covers Easter and
 * Midsummer rules). Midsummer Eve and Christmas Eve are "bank" days there but the city's offices
 * are closed, so they count; New Year's Eve is a normal working day for the city (staff add an
 * exception when the desk closes early).
 */
import Holidays from 'date-holidays';
import type { Closure } from './walk-in.ts';

const fi = new Holidays('FI', { timezone: 'Europe/Helsinki' });
const cache = new Map<number, Closure[]>();

function year(y: number): Closure[] {
  let list = cache.get(y);
  if (!list) {
    const byLang = (lang: string) => new Map(fi.getHolidays(y, lang).map((h) => [h.date.slice(0, 10), h.name]));
    const sv = byLang('sv');
    const en = byLang('en');
    list = fi
      .getHolidays(y, 'fi')
      .filter((h) => h.type === 'public' || (h.type === 'bank' && !h.date.startsWith(`${y}-12-31`)))
      .map((h) => {
        const date = h.date.slice(0, 10);
        return { date, name: { fi: h.name, sv: sv.get(date) ?? h.name, en: en.get(date) ?? h.name } };
      });
    cache.set(y, list);
  }
  return list;
}

/** Closed days between two ISO dates, inclusive. */
export function finnishHolidays(from: string, to: string): Closure[] {
  const out: Closure[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) out.push(...year(y).filter((h) => h.date >= from && h.date <= to));
  return out;
}

export function isFinnishHoliday(date: string): boolean {
  return year(Number(date.slice(0, 4))).some((h) => h.date === date);
}
