/** The anonymous satisfaction answer (1–5 and an optional comment), for the islands and the routes. */
import * as z from 'zod/mini';
import { localeSchema } from './booking.ts';

export const feedbackSchema = z.strictObject({
  score: z.number().check(z.int(), z.minimum(1), z.maximum(5)),
  comment: z.optional(
    z.pipe(
      z.string().check(z.trim(), z.maxLength(500)),
      z.transform((v) => (v ? v : undefined)),
    ),
  ),
  locale: localeSchema,
});
