/**
 * The one error format of the API:
 *   { "error": { "code": "validation_failed", "message": "…", "lang": "ar", "requestId": "…",
 *                "fields": { "email": { "code": "invalid_email", "message": "…" } } } }
 * `code` is stable for programs; `message` is for people, in the requester's language, and
 * `lang` says which language it is in. The domain and the services throw DomainError
 * (server/domain/errors.ts); this edge throws RequestError for what is wrong with the request
 * itself. `ERRORS` below is the one place that gives each code its status and message, and the
 * compiler refuses a code without one.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { jsonAnswer } from './answers.ts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { requestLocale, serverTranslator } from '../i18n.ts';
import { DomainError, type DomainErrorCode } from '../domain/errors.ts';
import type { ApiErrorBody } from '../../src/contracts/api-error.ts';
import { contactParams } from '../contact-settings.ts';

/** What is wrong with the request as HTTP: its body, its origin, its session. */
export type RequestErrorCode =
  | 'malformed_json'
  | 'malformed_body'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'forbidden_origin'
  | 'unauthorized'
  | 'csrf'
  | 'internal';

export type ErrorCode = DomainErrorCode | RequestErrorCode;

export class RequestError extends Error {
  readonly code: RequestErrorCode;
  constructor(code: RequestErrorCode) {
    super(code);
    this.name = 'RequestError';
    this.code = code;
  }
}

type Answer = { status: ContentfulStatusCode; message: string };

const ERRORS = {
  // The request
  validation_failed: { status: 422, message: 'errors.validation' },
  malformed_json: { status: 400, message: 'errors.malformedJson' },
  malformed_body: { status: 400, message: 'errors.validation' },
  unsupported_media_type: { status: 415, message: 'errors.unsupportedMediaType' },
  payload_too_large: { status: 413, message: 'errors.payloadTooLarge' },
  forbidden_origin: { status: 403, message: 'errors.validation' },
  not_found: { status: 404, message: 'errors.notFound' },
  conflict: { status: 409, message: 'errors.conflict' },
  rate_limited: { status: 429, message: 'errors.rateLimited' },
  limit_reached: { status: 429, message: 'errors.limitReached' },
  wrong_code: { status: 422, message: 'errors.wrongCode' },
  code_locked: { status: 429, message: 'errors.codeLocked' },
  hold_expired: { status: 410, message: 'errors.holdExpired' },
  internal: { status: 500, message: 'errors.internal' },
  // Staff and partners
  unauthorized: { status: 401, message: 'staff:errors.unauthorized' },
  forbidden: { status: 403, message: 'staff:errors.forbidden' },
  not_yours: { status: 403, message: 'staff:errors.notYours' },
  csrf: { status: 403, message: 'staff:errors.csrf' },
  invalid_credentials: { status: 401, message: 'staff:errors.invalidCredentials' },
  invalid_reset_link: { status: 400, message: 'staff:errors.invalidResetLink' },
  weak_password: { status: 422, message: 'errors.validation' },
  invalid_api_key: { status: 401, message: 'errors.invalidApiKey' },
  // Bookings and feedback
  slot_unavailable: { status: 409, message: 'errors.slotUnavailable' },
  slot_taken: { status: 409, message: 'errors.slotTaken' },
  existing_booking: { status: 409, message: 'errors.existingBooking' },
  booking_not_active: { status: 409, message: 'errors.bookingNotActive' },
  too_late_to_change: { status: 409, message: 'errors.tooLateToChange' },
  feedback_given: { status: 409, message: 'errors.feedbackGiven' },
  availability_has_bookings: { status: 409, message: 'staff:errors.availabilityHasBookings' },
  // Courses
  enrolment_closed: { status: 409, message: 'errors.conflict' },
  already_cancelled: { status: 409, message: 'errors.bookingNotActive' },
  not_eligible: { status: 409, message: 'errors.conflict' },
  // The walk-in queue
  queue_closed: { status: 409, message: 'errors.queueClosed' },
  check_in_not_found: { status: 404, message: 'errors.checkInNotFound' },
  check_in_wrong_place: { status: 409, message: 'errors.checkInWrongPlace' },
  ticket_ended: { status: 409, message: 'errors.ticketEnded' },
  no_desk: { status: 409, message: 'staff:workspace.queue.noDesk' },
  desk_taken: { status: 409, message: 'staff:workspace.queue.deskTaken' },
  desk_busy: { status: 409, message: 'staff:workspace.queue.deskBusy' },
  desk_paused: { status: 409, message: 'staff:workspace.queue.deskPaused' },
  too_early: { status: 409, message: 'staff:workspace.queue.noShowTooEarly' },
} as const satisfies Record<ErrorCode, Answer>;

/** Every code and its answer, for the test that each message exists in every locale. */
export const ERROR_ANSWERS: Readonly<Record<ErrorCode, Answer>> = ERRORS;

export type CodedError = DomainError | RequestError;

export const isCodedError = (err: unknown): err is CodedError =>
  err instanceof DomainError || err instanceof RequestError;

/**
 * The error as the API answers it. `status` is given only for Hono's own HTTPException, whose
 * status is kept; every other answer takes its status from `ERRORS`.
 */
export function errorResponse(
  c: Context<AppEnv>,
  err: CodedError,
  status: ContentfulStatusCode = ERRORS[err.code].status,
) {
  const locale = requestLocale(c.req.raw.headers, c.req.query('lang'));
  const tr = serverTranslator(locale);
  const data = err instanceof DomainError ? err : undefined;
  // Every message may name the desk's phone and walk-in address (staff-edited sample data).
  const main = tr.tx(ERRORS[err.code].message, { ...contactParams, ...data?.params });
  const fields = data?.fields
    ? Object.fromEntries(
        Object.entries(data.fields).map(([name, f]) => {
          const m = tr.tx(f.key, f.params);
          return [name, { code: f.code, message: m.text, ...(m.fallback ? { lang: m.lang } : {}) }];
        }),
      )
    : undefined;
  const error: ApiErrorBody = {
    code: err.code,
    message: main.text,
    lang: main.lang,
    requestId: c.get('requestId'),
    ...(fields ? { fields } : {}),
    ...(data?.details ? { details: data.details } : {}),
  };
  return jsonAnswer(c, { error }, status, { 'content-language': main.lang });
}
