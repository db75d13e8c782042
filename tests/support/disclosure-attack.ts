/**
 * The attack on a published report row, written apart from server/domain/disclosure.ts so that it
 * checks it rather than repeats it. A reader knows the row's relations (sums, shares, means) and
 * the rule's markers: a number is itself, "<5" is 1 to 4, null is anything from 0 in the breakdown
 * of a hidden group and 5 or more elsewhere. For each hidden count it finds the smallest and the
 * largest integer that fits every published cell, with rounded shares and means read as the
 * intervals they round from (exact, in integers). Values are tried up to `cap`; a count that fits
 * at `cap` is unbounded (Infinity).
 */
import { rowShape, type ReportTable } from '../../server/services/reports.ts';

export interface AttackShape {
  sums?: { total: number; parts: number[]; exact: boolean }[];
  shares?: { part: number; whole: number }[];
  means?: { n: number; scores: { count: number; value: number }[] }[];
}
export type Published = { counts: (string | number | null)[]; shares: (number | null)[]; means: (number | null)[] };

export function attackRow(pub: Published, shape: AttackShape, cap: number): Map<number, [number, number]> {
  const sums = shape.sums ?? [];
  const n = pub.counts.length;
  const lo: number[] = [];
  const hi: number[] = [];
  const free = new Set<number>();
  // Null parts of a hidden total (or of a free one, recursively) can be 0.
  const fromZero = new Set<number>();
  for (let pass = 0; pass < n; pass++)
    for (const r of sums)
      if (pub.counts[r.total] === '<5' || fromZero.has(r.total))
        for (const p of r.parts) if (pub.counts[p] === null) fromZero.add(p);
  for (let i = 0; i < n; i++) {
    const c = pub.counts[i];
    if (typeof c === 'number') {
      lo[i] = c;
      hi[i] = c;
    } else {
      free.add(i);
      lo[i] = c === '<5' ? 1 : fromZero.has(i) ? 0 : 5;
      hi[i] = c === '<5' ? 4 : cap;
    }
  }
  const statisticsHold = (x: number[]) =>
    (shape.shares ?? []).every((s, i) => {
      const p = pub.shares[i];
      if (p === null || p === undefined) return true;
      const [part, whole] = [x[s.part]!, x[s.whole]!];
      // round(100 part / whole) = p  ⟺  (2p − 1) whole ≤ 200 part < (2p + 1) whole
      return whole > 0 && part <= whole && 200 * part >= (2 * p - 1) * whole && 200 * part < (2 * p + 1) * whole;
    }) &&
    (shape.means ?? []).every((m, i) => {
      const p = pub.means[i];
      if (p === null || p === undefined) return true;
      const k = Math.round(p * 10);
      const count = x[m.n]!;
      const total = m.scores.reduce((a, s) => a + s.value * x[s.count]!, 0);
      // round(total / count, 1 decimal) = k / 10  ⟺  (2k − 1) count ≤ 20 total < (2k + 1) count
      return count > 0 && 20 * total >= (2 * k - 1) * count && 20 * total < (2 * k + 1) * count;
    });
  // Interval bounds of every sum over the counts still open: prune when no choice can close it.
  const bound = (x: (number | undefined)[], i: number): [number, number] =>
    x[i] === undefined ? [lo[i]!, hi[i]!] : [x[i]!, x[i]!];
  const sumsCanHold = (x: (number | undefined)[]) =>
    sums.every((r) => {
      let a = 0;
      let b = 0;
      for (const p of r.parts) {
        const [pl, ph] = bound(x, p);
        a += pl;
        b += ph;
      }
      const [tl, th] = bound(x, r.total);
      return r.exact ? a <= th && b >= tl : a <= th;
    });
  const order = [...free];
  const feasible = (fixed: number, value: number): boolean => {
    const x: (number | undefined)[] = pub.counts.map((c) => (typeof c === 'number' ? c : undefined));
    x[fixed] = value;
    const rest = order.filter((i) => i !== fixed);
    const go = (at: number): boolean => {
      if (!sumsCanHold(x)) return false;
      if (at === rest.length) return statisticsHold(x as number[]);
      const i = rest[at]!;
      for (let v = lo[i]!; v <= hi[i]!; v++) {
        x[i] = v;
        if (go(at + 1)) return true;
      }
      x[i] = undefined;
      return false;
    };
    return go(0);
  };
  const out = new Map<number, [number, number]>();
  for (const i of order) {
    let min = Number.NaN;
    for (let v = lo[i]!; v <= hi[i]!; v++)
      if (feasible(i, v)) {
        min = v;
        break;
      }
    let max = Number.NaN;
    for (let v = hi[i]!; v >= lo[i]!; v--)
      if (feasible(i, v)) {
        max = v;
        break;
      }
    out.set(i, [min, max === cap && hi[i] === cap ? Number.POSITIVE_INFINITY : max]);
  }
  return out;
}

/** The hidden counts whose smallest and largest possible value differ by less than `span`. */
export function leaks(pub: Published, shape: AttackShape, cap: number, span = 3) {
  return [...attackRow(pub, shape, cap)]
    .filter(([, [a, b]]) => !(b - a >= span))
    .map(([i, r]) => ({ cell: i, range: r }));
}

/** Every hidden count of a published report table (server/services/reports.ts) that the attack narrows. */
export function tableLeaks(table: ReportTable, span = 3) {
  const { keys, shape } = rowShape(table);
  const at = (key: string) => table.columns.findIndex((c) => c.key === key);
  return table.rows.flatMap((row) => {
    const pub: Published = {
      counts: keys.map((k) => row[at(k)] ?? null),
      shares: (table.relations.shares ?? []).map((s) => row[at(s.column)] as number | null),
      means: (table.relations.means ?? []).map((m) => row[at(m.column)] as number | null),
    };
    const shown = keys.map((k) => row[at(k)]).filter((c) => typeof c === 'number') as number[];
    return leaks(pub, shape, Math.max(20, ...shown) * 2, span).map((l) => ({ table: table.id, row, ...l }));
  });
}
