import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { cleanAnswers, finderResult, isComplete } from '../../src/domain/finder.ts';
import { finderSchema } from '../../src/domain/finder-schema.ts';

const finder = finderSchema.parse(JSON.parse(fs.readFileSync('content/finder/finder.json', 'utf8')));
const fi = JSON.parse(fs.readFileSync('locales/fi/common.json', 'utf8')) as Record<string, string>;

describe('guidance finder rules', () => {
  test('a newly arrived refugee with children gets registration first, then reception, assessment and family services', () => {
    const result = finderResult(finder, {
      reason: 'protection',
      time: 'new',
      need: 'papers',
      jobseeker: 'no',
      children: 'yes',
    });
    expect(result.slice(0, 4)).toEqual([
      'step:register-address',
      'step:residence-permit',
      'service:refugee-reception',
      'service:assessment',
    ]);
    expect(result).toContain('service:families');
    expect(result).toContain('step:daycare-and-school');
    expect(result.at(-1)).toBe('service:walk-in-guidance');
    expect(new Set(result).size).toBe(result.length);
  });

  test('someone here for years and working gets no registration steps', () => {
    const result = finderResult(finder, {
      reason: 'work',
      time: 'long',
      need: 'language',
      jobseeker: 'working',
      children: 'no',
    });
    expect(result).not.toContain('step:register-address');
    expect(result).not.toContain('service:assessment');
    expect(result).toEqual([
      'step:tax-card',
      'service:finnish-studies',
      'step:finnish-courses',
      'service:walk-in-guidance',
    ]);
  });

  test('unknown questions and options in a URL are ignored', () => {
    const answers = cleanAnswers(finder, { reason: 'work', time: 'forever', evil: '<script>' });
    expect(answers).toEqual({ reason: 'work' });
    expect(isComplete(finder, answers)).toBe(false);
  });

  test('every item a rule shows exists in the content, and every question and option has a Finnish text', () => {
    for (const item of finder.rules.flatMap((r) => r.show)) {
      const [kind, slug] = item.split(':') as [string, string];
      const dir = kind === 'service' ? 'services' : 'first-steps';
      expect(fs.existsSync(`content/${dir}/fi/${slug}.md`), item).toBe(true);
    }
    for (const q of finder.questions) {
      expect(fi[`finder.q.${q.id}`], q.id).toBeTruthy();
      for (const o of q.options) expect(fi[`finder.q.${q.id}.${o.id}`], `${q.id}.${o.id}`).toBeTruthy();
      for (const rule of finder.rules)
        for (const [question, options] of Object.entries(rule.when)) {
          const known = finder.questions.find((x) => x.id === question);
          expect(known, question).toBeDefined();
          for (const o of options)
            expect(
              known!.options.map((x) => x.id),
              `${question}.${o}`,
            ).toContain(o);
        }
    }
  });
});
