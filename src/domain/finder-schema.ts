/** The guidance finder file's schema (content/finder/finder.json), apart from finder.ts so the island ships no zod. */
import { z } from 'zod';
import type { Finder } from './finder.ts';

const id = z.string().regex(/^[a-z][a-z0-9-]*$/);
export const finderSchema = z.object({
  questions: z
    .array(
      z.object({
        id,
        icon: z.string(),
        options: z
          .array(z.object({ id, icon: z.string() }))
          .min(2)
          .max(8),
      }),
    )
    .min(3)
    .max(6),
  rules: z.array(
    z.object({
      when: z.record(z.string(), z.array(id).min(1)),
      show: z.array(z.string().regex(/^(service|step):[a-z0-9-]+$/)).min(1),
    }),
  ),
});

// The hand-written type in finder.ts and this schema must agree.
export const _typeCheck: (v: z.output<typeof finderSchema>) => Finder = (v) => v;
