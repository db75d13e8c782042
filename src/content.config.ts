/**
 * Content collections. Each entry is one file per locale: content/<collection>/<locale>/<slug>.md.
 * Finnish is the source; a translation records in `translatedFrom` the hash of the Finnish file it
 * was translated from (scripts/content-hash.ts), so an edit of the Finnish text marks it stale.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'zod';

const translated = {
  /** First 12 hex of the SHA-256 of the Finnish source file; absent in Finnish itself. */
  translatedFrom: z
    .string()
    .regex(/^[0-9a-f]{12}$/)
    .optional(),
};

export const SERVICE_ICONS = [
  'assessment',
  'orientation',
  'walk-in',
  'digital',
  'language',
  'work',
  'welcome',
  'family',
] as const;

const services = defineCollection({
  loader: glob({ pattern: '*/*.md', base: './content/services' }),
  schema: z.object({
    title: z.string().min(3).max(80),
    summary: z.string().min(10).max(200),
    order: z.number().int(),
    icon: z.enum(SERVICE_ICONS),
    ...translated,
  }),
});

const firstSteps = defineCollection({
  loader: glob({ pattern: '*/*.md', base: './content/first-steps' }),
  schema: z.object({
    title: z.string().min(3).max(80),
    summary: z.string().min(10).max(200),
    order: z.number().int(),
    /** Who does it: the authority, in the reader's language. */
    who: z.string().min(2).max(80),
    url: z.url({ protocol: /^https$/ }),
    ...translated,
  }),
});

const pages = defineCollection({
  loader: glob({ pattern: '*/*.md', base: './content/pages' }),
  schema: z.object({
    title: z.string().min(3).max(80),
    description: z.string().min(10).max(200),
    ...translated,
  }),
});

export const COURSE_TOPICS = ['orientation', 'digital', 'language', 'work', 'family'] as const;

const courses = defineCollection({
  loader: glob({ pattern: '*/*.md', base: './content/courses' }),
  schema: z.object({
    title: z.string().min(3).max(80),
    summary: z.string().min(10).max(200),
    order: z.number().int(),
    hours: z.number().int().positive(),
    topic: z.enum(COURSE_TOPICS),
    ...translated,
  }),
});

export const collections = { services, firstSteps, pages, courses };
