/**
 * Request validation at the edge. The same zod schema that the island uses (src/contracts) checks
 * the body here; a failure becomes a 4xx in the one error format with a message per field, and the
 * handler never runs, so nothing is written.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { safeParse } from 'zod/mini';
import { RequestError } from './errors.ts';
import { DomainError } from '../domain/errors.ts';
import { fieldErrors } from '../../src/contracts/field-errors.ts';

import { BODY_LIMITS } from './body-limits.ts';

/** Also enforced while the body streams in, by `boundedBodies` (body-limits.ts). */
export const MAX_JSON_BYTES = BODY_LIMITS.json;

export function validationError(error: z.core.$ZodError): DomainError {
  return new DomainError('validation_failed', { fields: fieldErrors(error) });
}

/** Works for schemas of both zod APIs (classic and mini share the core). */
export function parseWith<S extends z.core.$ZodType>(schema: S, value: unknown): z.core.output<S> {
  const result = safeParse(schema, value);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw new RequestError('unsupported_media_type');
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > MAX_JSON_BYTES) throw new RequestError('payload_too_large');
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_JSON_BYTES) throw new RequestError('payload_too_large');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RequestError('malformed_json');
  }
}

export function parseQuery<S extends z.core.$ZodType>(c: Context, schema: S): z.core.output<S> {
  return parseWith(schema, c.req.query());
}
