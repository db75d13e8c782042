/**
 * The errors the domain and the services throw: a code from one list, and data (message
 * parameters, field errors, details for programs). No HTTP here: server/http/errors.ts is the one
 * place that turns each code into a status and a message, and the compiler checks it knows them all.
 */
import type { FieldError } from '../../src/contracts/field-errors.ts';

export type DomainErrorCode =
  // Anything
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  /** A public write over its limit (server/domain/limits.ts): 429, naming the phone and walk-in desk. */
  | 'limit_reached'
  // Staff and partners: who may do what
  | 'forbidden'
  | 'not_yours'
  | 'invalid_credentials'
  | 'invalid_reset_link'
  | 'weak_password'
  | 'invalid_api_key'
  // Bookings and feedback
  | 'slot_unavailable'
  | 'slot_taken'
  | 'existing_booking'
  | 'booking_not_active'
  | 'too_late_to_change'
  | 'feedback_given'
  | 'availability_has_bookings'
  /** Holds (server/domain/holds.ts): a wrong code, too many wrong codes, a hold not confirmed in time. */
  | 'wrong_code'
  | 'code_locked'
  | 'hold_expired'
  // Courses
  | 'enrolment_closed'
  | 'already_cancelled'
  | 'not_eligible'
  // The walk-in queue
  | 'queue_closed'
  | 'check_in_not_found'
  | 'check_in_wrong_place'
  | 'ticket_ended'
  | 'no_desk'
  | 'desk_taken'
  | 'desk_busy'
  | 'desk_paused'
  | 'too_early';

export interface DomainErrorData {
  /** Values for the code's message (`{{street}}`, `{{minutes}}`). */
  params?: Record<string, unknown>;
  /** A problem per input field, each with its own code and message key. */
  fields?: Record<string, FieldError>;
  /** Machine-readable data for the client (the next free times after a conflict, the bookings in the way). */
  details?: Record<string, unknown>;
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly params: Record<string, unknown> | undefined;
  readonly fields: Record<string, FieldError> | undefined;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: DomainErrorCode, data: DomainErrorData = {}) {
    super(code);
    this.name = 'DomainError';
    this.code = code;
    this.params = data.params;
    this.fields = data.fields;
    this.details = data.details;
  }
}

/** A field that failed a check the schema could not make (a desk of another service point, a time already past). */
export const invalidField = (field: string, error: FieldError) =>
  new DomainError('validation_failed', { fields: { [field]: error } });
