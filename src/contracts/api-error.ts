/**
 * The API's one error format, as the server sends it (server/http/errors.ts builds it with this
 * type) and the islands read it. `code` is for programs, `message` for people, in `lang`.
 */
export interface ApiFieldError {
  code: string;
  message: string;
  /** Only when the field's message fell back to another language than the main one. */
  lang?: string;
}

export interface ApiErrorBody<Details = Record<string, unknown>> {
  code: string;
  message: string;
  lang: string;
  requestId?: string | undefined;
  fields?: Record<string, ApiFieldError>;
  details?: Details;
}

/** A JSON answer that may be an error: what an island gets back from any API call. */
export type MaybeApiError<T = unknown, Details = Record<string, unknown>> = T & { error?: ApiErrorBody<Details> };
