/**
 * A form's errors by field, whichever side found them: the contract's check in the browser
 * (translated here from the keys of src/contracts/field-errors.ts) or the API's answer (already in
 * the reader's language). Both are keyed by the form's top-level field (`contacts.0.email` shows
 * at `contacts`), the first error of each, so a field says the same thing either way.
 */
import type { ApiFieldError } from '../../contracts/api-error.ts';
import { fieldErrors } from '../../contracts/field-errors.ts';
import type { Translator } from '../../i18n/translator.ts';

function byField(errors: [path: string, message: string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of errors) out[path.split('.')[0]!] ??= message;
  return out;
}

/** What the contract's check (`schema.safeParse(…).error`) found, in the reader's language. */
export function checkedErrors(error: Parameters<typeof fieldErrors>[0], tr: Translator): Record<string, string> {
  return byField(Object.entries(fieldErrors(error)).map(([path, f]) => [path, tr.t(f.key, f.params)]));
}

/** What the API's check found (`error.fields` of its answer). */
export function answeredErrors(fields: Record<string, ApiFieldError>): Record<string, string> {
  return byField(Object.entries(fields).map(([path, f]) => [path, f.message]));
}
