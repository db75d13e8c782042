/**
 * Attacks the reports' rows (tests/support/disclosure-attack.ts: for each hidden count, the
 * smallest and largest integer that fits everything published) on the rule of
 * server/domain/disclosure.ts: first the leaks of the old threshold-only rule, then every table's
 * definition over seeded random rows of small counts.
 */
import { describe, expect, test } from 'vitest';
import { count, share, stat } from '../../server/domain/report-privacy.ts';
import { MIN_SPAN, protectRow, type RowShape } from '../../server/domain/disclosure.ts';
import { DEFINITIONS, rowShape } from '../../server/services/reports.ts';
import { attackRow, leaks } from '../support/disclosure-attack.ts';

const employers: RowShape = {
  sums: [
    { total: 0, parts: [1], exact: false },
    { total: 0, parts: [2], exact: false },
  ],
  shares: [{ part: 1, whole: 0 }],
};
const satisfaction: RowShape = {
  sums: [{ total: 0, parts: [1, 2, 3, 4, 5], exact: true }],
  means: [{ n: 0, scores: [1, 2, 3, 4, 5].map((v) => ({ count: v, value: v })) }],
};
/** The cells the threshold-only rule published (counts under 5 hidden, statistics of groups under 5 withheld). */
function thresholdOnly(counts: number[], shape: RowShape) {
  return {
    counts: counts.map(count),
    shares: (shape.shares ?? []).map((s) => share(counts[s.part]!, counts[s.whole]!) as number | null),
    means: (shape.means ?? []).map((m) => {
      const sum = m.scores.reduce((a, s) => a + s.value * counts[s.count]!, 0);
      return stat(sum / counts[m.n]!, counts[m.n]!) as number | null;
    }),
  };
}

describe('the old threshold-only rule leaks', () => {
  test('employer requests: received 5, answered in time "<5", share 80 % → the hidden count is 4', () => {
    const range = attackRow(thresholdOnly([5, 4, 1], employers), employers, 40);
    expect(range.get(1)).toEqual([4, 4]);
  });
  test('satisfaction: a mean of 4.2 over 5 answers pins each hidden score count', () => {
    const range = attackRow(thresholdOnly([5, 0, 0, 1, 2, 2], satisfaction), satisfaction, 40);
    expect([range.get(3), range.get(4), range.get(5)]).toEqual([
      [1, 1],
      [2, 2],
      [2, 2],
    ]);
  });
  test('subtraction: a total and all but one cell shown give the last one', () => {
    // 9 answers: 5 gave 5, 4 gave 4; the mean withheld does not help.
    const cells = { ...thresholdOnly([9, 0, 0, 0, 4, 5], satisfaction), means: [null] };
    expect(attackRow(cells, satisfaction, 40).get(4)).toEqual([4, 4]);
  });
});

describe('the disclosure rule', () => {
  test('the leaking rows above are protected, keeping what can be kept', () => {
    const e = protectRow([5, 4, 1], employers);
    expect(e).toEqual({ counts: [5, '<5', '<5'], shares: [null], means: [] });
    expect(leaks(e, employers, 40)).toEqual([]);
    const s = protectRow([5, 0, 0, 1, 2, 2], satisfaction);
    expect(leaks(s, satisfaction, 40)).toEqual([]);
    const sub = protectRow([9, 0, 0, 0, 4, 5], satisfaction);
    expect(leaks(sub, satisfaction, 40)).toEqual([]);
    // The 5 that gave away the 4 goes; so does the mean (4.6 of 9 answers is 4 fours and 5 fives).
    expect(sub).toEqual({ counts: [9, 0, 0, 0, '<5', null], shares: [], means: [null] });
  });
  test('a large group keeps its mean and share; only the cells around a small one go', () => {
    const s = protectRow([60, 2, 8, 10, 20, 20], satisfaction);
    expect(s.means).toEqual([3.8]);
    expect(s.counts[0]).toBe(60);
    expect(s.counts[1]).toBe('<5');
    expect(leaks(s, satisfaction, 80)).toEqual([]);
    expect(protectRow([40, 30, 10], employers)).toEqual({ counts: [40, 30, 10], shares: [75], means: [] });
  });
  test("a small group's breakdown is withheld whole, zeros too", () => {
    expect(protectRow([2, 1, 0, 0, 0, 1], satisfaction)).toEqual({
      counts: ['<5', null, null, null, null, null],
      shares: [],
      means: [null],
    });
  });
});

/** A seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Counts that fit the shape's sums: parts first (mostly small), totals their sum (plus some not counted). */
function generate(shape: RowShape, size: number, rnd: () => number): number[] {
  const small = () => {
    const r = rnd();
    return r < 0.25 ? 0 : r < 0.7 ? 1 + Math.floor(rnd() * 4) : 5 + Math.floor(rnd() * 8);
  };
  const x: (number | undefined)[] = Array.from({ length: size }, () => undefined);
  const sums = shape.sums ?? [];
  while (x.some((v) => v === undefined))
    for (let i = 0; i < size; i++) {
      if (x[i] !== undefined) continue;
      const mine = sums.filter((r) => r.total === i);
      if (!mine.length) x[i] = small();
      else if (mine.every((r) => r.parts.every((p) => x[p] !== undefined)))
        x[i] = Math.max(
          ...mine.map((r) => r.parts.reduce((a, p) => a + x[p]!, 0) + (r.exact ? 0 : Math.floor(rnd() * 3))),
        );
    }
  return x as number[];
}

describe('every table, over seeded random rows', () => {
  for (const def of Object.values(DEFINITIONS)) {
    test(`${def.id}: no hidden count can be narrowed to fewer than ${MIN_SPAN + 1} values`, () => {
      const { keys, shape } = rowShape(def);
      const rnd = random(20_260_901 + def.id.length);
      for (let n = 0; n < 300; n++) {
        const truth = generate(shape, keys.length, rnd);
        const published = protectRow(truth, shape);
        const ranges = attackRow(published, shape, Math.max(...truth) + 12);
        for (const [i, [lo, hi]] of ranges) {
          const where = `${def.id} ${JSON.stringify(truth)} → ${JSON.stringify(published)}: ${keys[i]} in [${lo}, ${hi}]`;
          // The truth fits (the attack is sound), and the range is wide.
          expect(lo <= truth[i]! && truth[i]! <= hi, where).toBe(true);
          expect(hi - lo, where).toBeGreaterThanOrEqual(MIN_SPAN);
        }
        // Shown counts are the truth; nothing from 1 to 4 is shown.
        published.counts.forEach((c, i) => {
          if (typeof c === 'number') expect(c).toBe(truth[i]);
          if (truth[i]! > 0 && truth[i]! < 5) expect(c).not.toBe(truth[i]);
        });
      }
    });
  }
});
