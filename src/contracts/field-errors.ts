/**
 * A zod issue as a field error: a stable code and the key of its message in locales/*. The API
 * (server/http/validate.ts) and the islands both use this, so a field says the same thing
 * whichever side caught it. Custom checks carry their own key and code in `params`.
 */
import type { z } from 'zod';

export interface FieldError {
  code: string;
  key: string;
  params?: Record<string, unknown>;
}

export function fieldError(issue: z.core.$ZodIssue): FieldError {
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
      if (issue.origin === 'string')
        return { code: 'too_long', key: 'errors.field.tooLong', params: { max: Number(issue.maximum) } };
      return { code: 'too_big', key: 'errors.field.tooBig', params: { max: Number(issue.maximum) } };
    case 'invalid_format':
      if (issue.format === 'email') return { code: 'invalid_email', key: 'errors.field.invalidEmail' };
      if (issue.format === 'datetime' || issue.format === 'date' || issue.format === 'time')
        return { code: 'invalid_date', key: 'errors.field.invalidDate' };
      return { code: 'invalid_format', key: 'errors.field.invalidFormat' };
    case 'invalid_value':
      // `z.literal(true)`: a box that must be ticked (consent), not a choice among options.
      if (issue.values.length === 1 && issue.values[0] === true)
        return { code: 'consent_required', key: 'errors.field.consentMissing' };
      return { code: 'invalid_choice', key: 'errors.field.invalidChoice' };
    case 'invalid_union':
      return { code: 'invalid_choice', key: 'errors.field.invalidChoice' };
    case 'unrecognized_keys':
      return { code: 'unknown_field', key: 'errors.field.unknownField' };
    case 'custom': {
      const params = issue.params as { key?: string; code?: string } | undefined;
      return params?.key
        ? { code: params.code ?? 'invalid', key: params.key }
        : { code: 'invalid', key: 'errors.field.invalid' };
    }
    default:
      return { code: 'invalid', key: 'errors.field.invalid' };
  }
}

/** One error per field (the first), keyed by its dotted path; unknown keys each get their own. */
export function fieldErrors(error: z.core.$ZodError): Record<string, FieldError> {
  const fields: Record<string, FieldError> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] ??= fieldError(issue);
      continue;
    }
    fields[issue.path.length ? issue.path.join('.') : '_'] ??= fieldError(issue);
  }
  return fields;
}
