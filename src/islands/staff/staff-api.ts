/**
 * The workspace islands' way to the API: JSON, the page's language for error messages, and the
 * session's CSRF token on every state-changing request. A 401 sends the person to sign in.
 */
import type { MaybeApiError } from '../../contracts/api-error.ts';
import type { ApiResult } from '../shared/api.ts';
import type { SignedIn } from '../../contracts/staff-responses.ts';

let csrf = '';

export function staffLang(): string {
  return document.documentElement.lang || 'fi';
}

export async function staffApi<T>(
  method: string,
  path: string,
  body?: unknown,
  /** Polling the page does on its own: the server does not count it as the user being active. */
  { background = false }: { background?: boolean } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-locale': staffLang() };
  if (background) headers['x-background'] = '1';
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrf;
  const res = await fetch(path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    credentials: 'same-origin',
  });
  const json = (await res.json().catch(() => ({}))) as ApiResult<T>['body'];
  if (res.status === 401 && !path.endsWith('/login')) location.assign(`/workspace/${staffLang()}/`);
  return { ok: res.ok, status: res.status, body: json };
}

/** Who is signed in; also picks up the CSRF token for this session. */
export async function whoAmI(): Promise<SignedIn['user'] | undefined> {
  const res = await staffApi<SignedIn>('GET', '/api/staff/me');
  if (!res.ok) return undefined;
  csrf = res.body.csrfToken;
  return res.body.user;
}

/** This session's CSRF token (the inbox hands it to the booking page it opens). */
export const csrfToken = () => csrf;

export function setCsrf(token: string) {
  csrf = token;
}

/** A failed answer as one line for a status message: the API's message and each field's. */
export function errorText(body: MaybeApiError, fallback: string): string {
  const fields = body.error?.fields
    ? Object.values(body.error.fields)
        .map((f) => f.message)
        .join(' ')
    : '';
  return `${body.error?.message ?? fallback} ${fields}`.trim();
}
