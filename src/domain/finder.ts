/**
 * The guidance finder's rules: data (content/finder/finder.json) that staff edit, read by this
 * pure function. Answers never leave the browser; they live only in the page's URL.
 */

/** The finder file's shape (validated by finderSchema in finder-schema.ts). */
export interface Finder {
  questions: { id: string; icon: string; options: { id: string; icon: string }[] }[];
  rules: { when: Record<string, string[]>; show: string[] }[];
}
export type Answers = Record<string, string>;

/** Only answers to known questions with known options count; anything else in a URL is ignored. */
export function cleanAnswers(finder: Finder, raw: Record<string, string | undefined>): Answers {
  const out: Answers = {};
  for (const q of finder.questions) {
    const v = raw[q.id];
    if (v && q.options.some((o) => o.id === v)) out[q.id] = v;
  }
  return out;
}

export function isComplete(finder: Finder, answers: Answers): boolean {
  return finder.questions.every((q) => answers[q.id] !== undefined);
}

/** The items to show, in rule order, each once. */
export function finderResult(finder: Finder, answers: Answers): string[] {
  const out: string[] = [];
  for (const rule of finder.rules) {
    const matches = Object.entries(rule.when).every(([question, options]) => options.includes(answers[question] ?? ''));
    if (!matches) continue;
    for (const item of rule.show) if (!out.includes(item)) out.push(item);
  }
  return out;
}
