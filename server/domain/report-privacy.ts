/**
 * The reports' threshold: a count from 1 to 4 is shown as "<5" (0 stays 0: nobody), and a median,
 * percentile, mean or share is withheld (null) when the group it describes has fewer than 5
 * members. The threshold alone is not enough (a share or a mean beside a hidden count can give it
 * away): server/domain/disclosure.ts applies it to whole rows with their relations, and the
 * reports use that. The page and the CSV both use the cells made here, so they always agree.
 */
export const MIN_GROUP = 5;
export const SMALL = '<5';
export type Cell = string | number | null;

export function count(n: number): Cell {
  return n > 0 && n < MIN_GROUP ? SMALL : n;
}

/** A statistic of a group of `n`, rounded to one decimal, or withheld. */
export function stat(value: number | null | undefined, n: number): Cell {
  if (n < MIN_GROUP || value === null || value === undefined || Number.isNaN(value)) return null;
  return Math.round(value * 10) / 10;
}

/** `part` of `whole` as a percentage (whole number), withheld for a whole under 5. */
export function share(part: number, whole: number): Cell {
  return whole < MIN_GROUP ? null : Math.round((part / whole) * 100);
}
