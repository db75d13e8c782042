/**
 * The one error format of the API:
 *   { "error": { "code": "validation_failed", "message": "…", "lang": "ar", "requestId": "…",
 *                "fields": { "email": { "code": "invalid_email", "message": "…" } } } }
 * `code` is stable for programs; `message` is for people, in the requester's language, and
 * `lang` says which language it is in. Domain code throws ApiError (or a subclass) with a code;
 * this module is the one place that maps codes to statuses and messages.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { requestLocale, serverTranslator } from '../i18n.ts';

import type { FieldError } from '../../src/contracts/field-errors.ts';

const STATUS_BY_CODE = {
  validation_failed: 422,
  malformed_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof STATUS_BY_CODE;

const MESSAGE_KEY: Record<ErrorCode, string> = {
  validation_failed: 'errors.validation',
  malformed_json: 'errors.malformedJson',
  unsupported_media_type: 'errors.unsupportedMediaType',
  payload_too_large: 'errors.payloadTooLarge',
  not_found: 'errors.notFound',
  method_not_allowed: 'errors.methodNotAllowed',
  conflict: 'errors.conflict',
  rate_limited: 'errors.rateLimited',
  unavailable: 'errors.unavailable',
  internal: 'errors.internal',
};

export class ApiError extends Error {
  readonly code: string;
  readonly status: ContentfulStatusCode;
  readonly messageKey: string;
  readonly messageParams: Record<string, unknown> | undefined;
  readonly fields: Record<string, FieldError> | undefined;
  /** Extra machine-readable data for the client (e.g. the next free times after a conflict). */
  readonly details: Record<string, unknown> | undefined;
  constructor(
    code: ErrorCode | string,
    init: { status?: ContentfulStatusCode; messageKey?: string; params?: Record<string, unknown>; fields?: Record<string, FieldError>; details?: Record<string, unknown> } = {},
  ) {
    super(code);
    this.code = code;
    this.status = init.status ?? STATUS_BY_CODE[code as ErrorCode] ?? 400;
    this.messageKey = init.messageKey ?? MESSAGE_KEY[code as ErrorCode] ?? 'errors.internal';
    this.messageParams = init.params;
    this.fields = init.fields;
    this.details = init.details;
  }
}

export function errorResponse(c: Context, err: ApiError) {
  const locale = requestLocale(c.req.raw.headers, c.req.query('lang'));
  const tr = serverTranslator(locale);
  const main = tr.tx(err.messageKey, err.messageParams);
  const fields = err.fields
    ? Object.fromEntries(
        Object.entries(err.fields).map(([name, f]) => {
          const m = tr.tx(f.key, f.params);
          return [name, { code: f.code, message: m.text, ...(m.fallback ? { lang: m.lang } : {}) }];
        }),
      )
    : undefined;
  return c.json(
    {
      error: {
        code: err.code,
        message: main.text,
        lang: main.lang,
        requestId: c.get('requestId') as string | undefined,
        ...(fields ? { fields } : {}),
        ...(err.details ? { details: err.details } : {}),
      },
    },
    err.status,
    { 'Content-Language': main.lang },
  );
}
