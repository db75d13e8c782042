/**
 * The public islands' way to the API: JSON, with the page's locale in `x-locale` so an error's
 * message comes back in the reader's language. An answer that is not JSON reads as an empty body,
 * so the caller checks `ok` and falls back to its own words. The workspace's client adds the
 * session (sign-in, CSRF) and returns the same result: staff/staff-api.ts.
 */
import type { MaybeApiError } from '../../contracts/api-error.ts';

export interface ApiResult<T, Details = Record<string, unknown>> {
  ok: boolean;
  status: number;
  body: MaybeApiError<T, Details>;
}

export async function publicApi<T, Details = Record<string, unknown>>(
  locale: string,
  path: string,
  init?: RequestInit,
): Promise<ApiResult<T, Details>> {
  const res = await fetch(path, {
    ...init,
    headers: { 'content-type': 'application/json', 'x-locale': locale, ...(init?.headers ?? {}) },
  });
  const body = await res.json().catch(() => ({}));
  return { ok: res.ok, status: res.status, body };
}
