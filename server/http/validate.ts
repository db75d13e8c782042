/**
 * Request validation at the edge. The same zod schema that the island uses (src/contracts) checks
 * the body here; a failure becomes a 4xx in the one error format with a message per field, and the
 * handler never runs, so nothing is written.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { ApiError, type FieldError } from './errors.ts';

export const MAX_JSON_BYTES = 64 * 1024;

/** Maps a zod issue to a translatable field message (keys in locales/* errors.field.*). */
export function fieldErrorOf(issue: z.core.$ZodIssue): FieldError {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { code: 'required', key: 'errors.field.required' }
        : { code: 'invalid_type', key: 'errors.field.invalidType' };
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? { code: 'required', key: 'errors.field.required' }
          : { code: 'too_short', key: 'errors.field.tooShort', params: { min: Number(issue.minimum) } };
      }
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'required', key: 'errors.field.required' };
      return { code: 'too_small', key: 'errors.field.tooSmall', params: { min: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { code: 'too_long', key: 'errors.field.tooLong', params: { max: Number(issue.maximum) } };
      return { code: 'too_big', key: 'errors.field.tooBig', params: { max: Number(issue.maximum) } };
    case 'invalid_format':
      if (issue.format === 'email') return { code: 'invalid_email', key: 'errors.field.invalidEmail' };
      if (issue.format === 'datetime' || issue.format === 'date' || issue.format === 'time') return { code: 'invalid_date', key: 'errors.field.invalidDate' };
      return { code: 'invalid_format', key: 'errors.field.invalidFormat' };
    case 'invalid_value':
    case 'invalid_union':
      return { code: 'invalid_choice', key: 'errors.field.invalidChoice' };
    case 'unrecognized_keys':
      return { code: 'unknown_field', key: 'errors.field.unknownField' };
    case 'custom': {
      // Custom refinements carry their own message key in params (see src/contracts).
      const key = (issue.params as { key?: string } | undefined)?.key;
      return key ? { code: String((issue.params as { code?: string }).code ?? 'invalid'), key } : { code: 'invalid', key: 'errors.field.invalid' };
    }
    default:
      return { code: 'invalid', key: 'errors.field.invalid' };
  }
}

export function validationError(error: z.ZodError): ApiError {
  const fields: Record<string, FieldError> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] ??= fieldErrorOf(issue);
      continue;
    }
    const name = issue.path.length ? issue.path.join('.') : '_';
    fields[name] ??= fieldErrorOf(issue);
  }
  return new ApiError('validation_failed', { fields });
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/** Reads and validates a JSON body; the parsed value is in `c.get('body')`. */
export function jsonBody<S extends z.ZodType>(schema: S): MiddlewareHandler<{ Variables: { body: z.output<S> } }> {
  return async (c, next) => {
    c.set('body', parseWith(schema, await readJson(c)));
    await next();
  };
}

export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw new ApiError('unsupported_media_type');
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > MAX_JSON_BYTES) throw new ApiError('payload_too_large');
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_JSON_BYTES) throw new ApiError('payload_too_large');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('malformed_json');
  }
}

export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parseWith(schema, c.req.query());
}
