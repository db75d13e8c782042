/**
 * Plain HTML form posts from our own per-request pages (manage links work without JavaScript).
 * The token in the path is the capability; this stops another site from posting it. Browsers send
 * Sec-Fetch-Site; with our no-referrer policy their Origin is "null", so Origin is checked only
 * where Sec-Fetch-Site is missing.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { isCodedError, RequestError, type CodedError } from './errors.ts';
import { DomainError } from '../domain/errors.ts';
import { readJson } from './validate.ts';
import { localPath } from './paths.ts';
import { isLocale } from '../../src/i18n/locales.ts';

export const isFormPost = (c: Context) =>
  /^application\/x-www-form-urlencoded|^multipart\/form-data/i.test(c.req.header('content-type') ?? '');

export function requireSameOrigin<E extends AppEnv>(c: Context<E>) {
  const site = c.req.header('sec-fetch-site');
  if (site) {
    if (site !== 'same-origin' && site !== 'none') throw new RequestError('forbidden_origin');
    return;
  }
  const origin = c.req.header('origin');
  const allowed = [new URL(c.req.url).origin, new URL(c.get('deps').config.PUBLIC_BASE_URL).origin];
  if (origin && origin !== 'null' && !allowed.includes(origin)) throw new RequestError('forbidden_origin');
}

/** The string fields of a same-origin form post. */
export async function formFields<E extends AppEnv>(c: Context<E>): Promise<Record<string, string>> {
  requireSameOrigin(c);
  // A broken multipart or urlencoded body is the sender's mistake: a 400, never a 500.
  const form = await c.req.parseBody().catch(() => {
    throw new RequestError('malformed_body');
  });
  return Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Back to a per-request page with its outcome in the query (`done=…` or `error=…`). */
export function backTo<E extends AppEnv>(c: Context<E>, locale: unknown, path: string, query: string) {
  const l = typeof locale === 'string' && isLocale(locale) ? locale : 'fi';
  return c.redirect(localPath(`/${l}/${path}?${query}`), 303);
}

/**
 * A body that may come from a plain form (pages without JavaScript) or as JSON (islands). JSON
 * that is not an object (null, a list, a number) reads as an empty object, so validation answers
 * with its field errors instead of the code tripping over it.
 */
export async function formOrJson<E extends AppEnv>(
  c: Context<E>,
): Promise<{ form: boolean; data: Record<string, unknown> }> {
  if (isFormPost(c)) return { form: true, data: await formFields(c) };
  const json = await readJson(c);
  return {
    form: false,
    data: json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {},
  };
}

/**
 * A manage page's action, posted as a plain form (the page without JavaScript) or as JSON (an
 * island): `act` does it with the posted data. JSON is answered by `answer`; a form is sent back
 * to `step.page` with `done=<step.done>`, or with the refusal's code, which the page says in its
 * language. A form that must tick its "yes" box (`confirmBox`) and did not comes back with
 * `error=confirm`.
 */
export async function manageAction<E extends AppEnv, T>(
  c: Context<E>,
  step: { page: string; done: string; confirmBox?: boolean },
  act: (data: Record<string, unknown>) => Promise<T>,
  answer: (result: T) => Response,
): Promise<Response> {
  const { form, data } = await formOrJson(c);
  const back = (query: string) => backTo(c, data.locale, step.page, query);
  if (form && step.confirmBox && data.confirm !== 'yes') return back('error=confirm');
  try {
    const result = await act(data);
    return form ? back(`done=${step.done}`) : answer(result);
  } catch (err) {
    if (form && isCodedError(err)) return back(errorQuery(err));
    throw err;
  }
}

/** A form's outcome for a coded error: `error=<code>`, with the tries left after a wrong hold code. */
export function errorQuery(err: CodedError): string {
  const left = err instanceof DomainError ? err.details?.attemptsLeft : undefined;
  return `error=${err.code}${left === undefined ? '' : `&left=${String(left)}`}`;
}

/**
 * A hold's confirmation as posted (a form or JSON), checked by the route's own `parse` (the confirm
 * schema, src/contracts/booking.ts): the proof (the link's token, else the typed code) and the
 * page's locale for the confirmation's link.
 */
export function holdConfirmation(
  parse: (value: unknown) => { code?: string | undefined; link?: string | undefined; locale?: string | undefined },
  data: Record<string, unknown>,
) {
  const { code, link, locale } = parse({
    code: data.code || undefined,
    link: data.link || undefined,
    locale: data.locale || undefined,
  });
  return {
    proof: link ? { link } : { code: code ?? '' },
    locale: locale && isLocale(locale) ? locale : undefined,
  };
}
