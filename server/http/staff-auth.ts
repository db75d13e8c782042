/**
 * The workspace's guard, applied to every staff route on the server: a valid session (401
 * otherwise), a role high enough (403), and for every state-changing request a CSRF token that
 * matches the session's, from our own origin (403). Cookies: HttpOnly, SameSite=Strict, and in
 * production Secure with the __Host- prefix.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../context.ts';
import { RequestError } from './errors.ts';
import { DomainError } from '../domain/errors.ts';
import { ROLE_RANK, ABSOLUTE_TIMEOUT_MS, sessionFor, type Role, type Session } from '../services/auth.ts';

export type StaffEnv = AppEnv & { Variables: AppEnv['Variables'] & { staff: Session } };

export const cookieName = (production: boolean) => (production ? '__Host-ihl_session' : 'ihl_session');

export function setSessionCookie<E extends AppEnv>(c: Context<E>, sessionId: string) {
  const production = c.get('deps').config.production;
  setCookie(c, cookieName(production), sessionId, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: production,
    path: '/',
    maxAge: ABSOLUTE_TIMEOUT_MS / 1000,
  });
}

export function clearSessionCookie<E extends AppEnv>(c: Context<E>) {
  const production = c.get('deps').config.production;
  deleteCookie(c, cookieName(production), { path: '/', secure: production });
}

/** Every answer of the workspace's API, errors included: kept by no browser or proxy cache. */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('Cache-Control', 'no-store');
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A request a page makes on its own, not its user: polling (`X-Background: 1`, sent by the
 * islands that poll) and live streams (EventSource cannot set headers; it accepts
 * text/event-stream). They do not extend the session's idle time.
 */
export const isBackground = (c: Context) =>
  c.req.header('x-background') === '1' || /^text\/event-stream\b/.test(c.req.header('accept') ?? '');

/** For a live staff stream's heartbeat: is the session that opened it still valid? (Never touches it.) */
export function sessionStillValid<E extends AppEnv>(c: Context<E>): () => Promise<boolean> {
  const { db, config, now } = c.get('deps');
  const id = getCookie(c, cookieName(config.production));
  return async () => Boolean(await sessionFor(db, id, now(), { touch: false }));
}

/**
 * The signed-in staff member behind a public form, or undefined: the workspace inbox opens the
 * public booking page for a referred client, and the advisor's booking needs no confirmation by
 * code. Only with the session's CSRF token from the same origin, so another site cannot make a
 * signed-in advisor's browser skip a hold. Never extends the session's idle time.
 */
export async function staffBehindPublicForm<E extends AppEnv>(c: Context<E>): Promise<Session | undefined> {
  const token = c.req.header('x-csrf-token');
  if (!token) return undefined;
  const { db, config, now } = c.get('deps');
  const session = await sessionFor(db, getCookie(c, cookieName(config.production)), now(), { touch: false });
  return session && csrfHolds(c, session, token) ? session : undefined;
}

/** The session's CSRF token, sent from the portal's own origin (a browser names another site). */
function csrfHolds<E extends AppEnv>(c: Context<E>, session: Session, token: string | undefined): boolean {
  const site = c.req.header('sec-fetch-site');
  return !(site && site !== 'same-origin') && token === session.csrfToken;
}

export function requireStaff(minRole: Role = 'advisor'): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const { db, config, now } = c.get('deps');
    const session = await sessionFor(db, getCookie(c, cookieName(config.production)), now(), {
      touch: !isBackground(c),
    });
    if (!session) throw new RequestError('unauthorized');
    if (ROLE_RANK[session.user.role] < ROLE_RANK[minRole]) throw new DomainError('forbidden');
    if (UNSAFE.has(c.req.method)) {
      const isForm = /^application\/x-www-form-urlencoded|^multipart\/form-data/i.test(
        c.req.header('content-type') ?? '',
      );
      // Workspace pages without JavaScript send the token as a hidden form field.
      const token =
        c.req.header('x-csrf-token') ??
        (isForm
          ? String((await c.req.parseBody().catch(() => ({}) as Record<string, unknown>))._csrf ?? '')
          : undefined);
      if (!csrfHolds(c, session, token)) throw new RequestError('csrf');
    }
    c.set('staff', session);
    await next();
  };
}
