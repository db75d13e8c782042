/**
 * Disclosure control of one row of a report: primary and complementary (secondary) suppression,
 * so that no hidden count can be worked out from what the row publishes.
 *
 * A row is a list of integer counts and the relations between them that a reader knows: sums
 * (a total is the sum of its parts, or at least it), shares (part of whole, a rounded percentage)
 * and means (of a score distribution, rounded to one decimal). What a reader learns of a count
 * from its cell:
 * - a number: the value;
 * - "<5" (primary): a value from 1 to 4 (0 is shown: nobody);
 * - null, as a part of a sum whose total is hidden as "<5" or so itself: anything from 0 (the
 *   whole breakdown of a small group is withheld, zeros too, so a zero cannot narrow it);
 * - null otherwise (complementary): 5 or more.
 *
 * The rule: counts from 1 to 4 are hidden; a share is withheld when its part or whole is hidden;
 * a mean when its number of answers is hidden. Then, while some hidden count has fewer than
 * MIN_SPAN + 1 possible values (its smallest and largest value that fit everything published
 * differ by less than MIN_SPAN), one more figure goes, in this order of preference: a
 * distribution cell (a part of a sum with the pinned count), the mean or share that pins it, the
 * total, any other count of the row. The check finds possible values by search around the true
 * ones (a subset of everything a reader could try), so a row it passes is protected; the attack in
 * tests/unit/disclosure-attack.test.ts searches the whole range independently.
 */
import { MIN_GROUP, SMALL, type Cell } from './report-privacy.ts';

/** Hidden counts must keep at least this distance between their smallest and largest possible value. */
export const MIN_SPAN = 3;
/** The search looks this far on each side of each hidden count's true value. */
const REACH = 4;

/** `total` = the sum of `parts` (exact) or at least it (others uncounted: `exact` false). */
export interface SumRelation {
  total: number;
  parts: number[];
  exact: boolean;
}
/** A percentage `part` of `whole`, both count indexes. */
export interface ShareRelation {
  part: number;
  whole: number;
}
/** The mean of a distribution: `n` answers, each score's count. */
export interface MeanRelation {
  n: number;
  scores: { count: number; value: number }[];
}
export interface RowShape {
  sums?: SumRelation[];
  shares?: ShareRelation[];
  means?: MeanRelation[];
}
export interface ProtectedRow {
  counts: Cell[];
  shares: (number | null)[];
  means: (number | null)[];
}

/**
 * The published rounding of a share (whole percent) and a mean (one decimal), half up, in integers
 * so that a tie is a tie (a float 4.05 is a little under it).
 */
export const roundShare = (part: number, whole: number) => Math.floor((200 * part + whole) / (2 * whole));
export const roundMean = (sum: number, n: number) => Math.floor((20 * sum + n) / (2 * n)) / 10;

export type Known = 'shown' | 'small' | 'large' | 'any';

/** What a reader knows of each count from the published cells (see the module's comment). */
export function readerKnowledge(counts: Cell[], shape: RowShape): Known[] {
  const known: Known[] = counts.map((c) => (c === SMALL ? 'small' : typeof c === 'number' ? 'shown' : 'large'));
  let changed = true;
  while (changed) {
    changed = false;
    for (const r of shape.sums ?? []) {
      if (known[r.total] !== 'small' && known[r.total] !== 'any') continue;
      for (const p of r.parts)
        if (known[p] === 'large') {
          known[p] = 'any';
          changed = true;
        }
    }
  }
  return known;
}

/** A count's possible values as a reader sees them, bounded to `reach` around `value` where unbounded. */
export function domain(k: Known, value: number, reach: number): [number, number] {
  if (k === 'shown') return [value, value];
  if (k === 'small') return [1, MIN_GROUP - 1];
  return [Math.max(k === 'large' ? MIN_GROUP : 0, value - reach), value + reach];
}

interface Published {
  known: Known[];
  counts: number[];
  shares: (number | null)[];
  means: (number | null)[];
}

/** Whether a full assignment of the counts fits the published shares and means. */
function fitsStatistics(x: number[], shape: RowShape, pub: Published): boolean {
  const shares = shape.shares ?? [];
  for (let i = 0; i < shares.length; i++) {
    const s = shares[i]!;
    const p = pub.shares[i];
    if (p === null || p === undefined) continue;
    if (x[s.whole]! <= 0 || x[s.part]! > x[s.whole]! || roundShare(x[s.part]!, x[s.whole]!) !== p) return false;
  }
  const means = shape.means ?? [];
  for (let i = 0; i < means.length; i++) {
    const m = means[i]!;
    const p = pub.means[i];
    if (p === null || p === undefined) continue;
    const sum = m.scores.reduce((a, s) => a + s.value * x[s.count]!, 0);
    if (x[m.n]! <= 0 || roundMean(sum, x[m.n]!) !== p) return false;
  }
  return true;
}

/**
 * The smallest and largest value found for each hidden count among assignments that fit
 * everything published, searching `reach` around the true values. Stops early once every hidden
 * count spans MIN_SPAN.
 */
export function spans(pub: Published, shape: RowShape, reach = REACH): Map<number, [number, number]> {
  const hidden = pub.known.flatMap((k, i) => (k === 'shown' ? [] : [i]));
  const boxes = pub.counts.map((v, i) => domain(pub.known[i]!, v, reach));
  const found = new Map<number, [number, number]>(hidden.map((i) => [i, [pub.counts[i]!, pub.counts[i]!]]));
  const sums = shape.sums ?? [];
  const x = pub.counts.map((v, i) => (pub.known[i] === 'shown' ? v : Number.NaN));
  const open = (i: number) => Number.isNaN(x[i]!);
  // Can each sum still hold with the counts not yet chosen anywhere in their boxes?
  const possible = () =>
    sums.every((r) => {
      let lo = 0;
      let hi = 0;
      for (const p of r.parts) {
        lo += open(p) ? boxes[p]![0] : x[p]!;
        hi += open(p) ? boxes[p]![1] : x[p]!;
      }
      const [tlo, thi] = open(r.total) ? boxes[r.total]! : [x[r.total]!, x[r.total]!];
      return r.exact ? lo <= thi && hi >= tlo : lo <= thi;
    });
  const done = () => [...found.values()].every(([a, b]) => b - a >= MIN_SPAN);
  const visit = (at: number): boolean => {
    if (!possible()) return false;
    if (at === hidden.length) {
      if (!fitsStatistics(x, shape, pub)) return false;
      for (const i of hidden) {
        const f = found.get(i)!;
        found.set(i, [Math.min(f[0], x[i]!), Math.max(f[1], x[i]!)]);
      }
      return done();
    }
    const i = hidden[at]!;
    for (let v = boxes[i]![0]; v <= boxes[i]![1]; v++) {
      x[i] = v;
      if (visit(at + 1)) return true;
    }
    x[i] = Number.NaN;
    return false;
  };
  visit(0);
  return found;
}

/** Protects one row: `counts` are the true values; the shares and means follow `shape`'s order. */
export function protectRow(counts: number[], shape: RowShape): ProtectedRow {
  const shares = shape.shares ?? [];
  const means = shape.means ?? [];
  // Primary: 1 to 4. The breakdown of a small group is withheld whole, zeros and all, nested
  // breakdowns too (readerKnowledge reads them as "anything from 0").
  const breakdown = new Set<number>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of shape.sums ?? []) {
      const t = counts[r.total]!;
      if (!breakdown.has(r.total) && !(t > 0 && t < MIN_GROUP)) continue;
      for (const p of r.parts) if (!breakdown.has(p)) grew = breakdown.add(p) !== undefined;
    }
  }
  const secondary = new Set<number>();
  const hiddenCells = (): Cell[] =>
    counts.map((v, i) => (breakdown.has(i) || secondary.has(i) ? null : v > 0 && v < MIN_GROUP ? SMALL : v));
  const withheldShares = new Set<number>();
  const withheldMeans = new Set<number>();
  for (;;) {
    const cells = hiddenCells();
    const known = readerKnowledge(cells, shape);
    // Zeros a small group's breakdown withholds are "any" to the reader: consistent with the cells.
    const shareCells = shares.map((s, i) =>
      withheldShares.has(i) || known[s.part] !== 'shown' || known[s.whole] !== 'shown' || counts[s.whole]! < MIN_GROUP
        ? null
        : roundShare(counts[s.part]!, counts[s.whole]!),
    );
    const meanCells = means.map((m, i) =>
      withheldMeans.has(i) || known[m.n] !== 'shown' || counts[m.n]! < MIN_GROUP
        ? null
        : roundMean(
            m.scores.reduce((a, s) => a + s.value * counts[s.count]!, 0),
            counts[m.n]!,
          ),
    );
    const found = spans({ known, counts, shares: shareCells, means: meanCells }, shape);
    const pinned = [...found].filter(([, [a, b]]) => b - a < MIN_SPAN).map(([i]) => i);
    if (!pinned.length) return { counts: cells, shares: shareCells, means: meanCells };
    const next = nextToHide(pinned, counts, known, shape, shareCells, meanCells);
    if (!next) throw new Error('disclosure: a row could not be protected');
    if (next.kind === 'count') secondary.add(next.index);
    else if (next.kind === 'share') withheldShares.add(next.index);
    else withheldMeans.add(next.index);
  }
}

type Step = { kind: 'count' | 'share' | 'mean'; index: number };

/** The figure to hide next for the pinned counts, in the order of preference of the module's comment. */
function nextToHide(
  pinned: number[],
  counts: number[],
  known: Known[],
  shape: RowShape,
  shareCells: (number | null)[],
  meanCells: (number | null)[],
): Step | undefined {
  const hideable = (i: number) => known[i] === 'shown' && counts[i]! >= MIN_GROUP;
  const smallest = (ids: number[]) =>
    ids.filter(hideable).sort((a, b) => counts[a]! - counts[b]! || a - b)[0] as number | undefined;
  const sums = (shape.sums ?? []).filter((r) => pinned.some((p) => p === r.total || r.parts.includes(p)));
  const part = smallest(sums.flatMap((r) => r.parts));
  if (part !== undefined) return { kind: 'count', index: part };
  const touches = (ids: number[]) => ids.some((i) => pinned.includes(i) || known[i] !== 'shown');
  const mean = (shape.means ?? []).findIndex(
    (m, i) => meanCells[i] !== null && touches([m.n, ...m.scores.map((s) => s.count)]),
  );
  if (mean >= 0) return { kind: 'mean', index: mean };
  const share = (shape.shares ?? []).findIndex((s, i) => shareCells[i] !== null && touches([s.part, s.whole]));
  if (share >= 0) return { kind: 'share', index: share };
  const total = smallest(sums.map((r) => r.total));
  if (total !== undefined) return { kind: 'count', index: total };
  const other = smallest(counts.map((_, i) => i));
  if (other !== undefined) return { kind: 'count', index: other };
  const anyMean = meanCells.findIndex((c) => c !== null);
  if (anyMean >= 0) return { kind: 'mean', index: anyMean };
  const anyShare = shareCells.findIndex((c) => c !== null);
  return anyShare >= 0 ? { kind: 'share', index: anyShare } : undefined;
}
