/**
 * What every per-request manage page (booking, course) reads first: the locale from the path (a
 * 404 for anything else), the token, the server functions, and the outcome the API redirected
 * back with (`?done=…` / `?error=…`).
 */
import type { AstroGlobal } from 'astro';
import { isLocale, type LocaleCode } from '../i18n/locales.ts';
import { pageTranslator } from '../i18n/page.ts';
import type { PortalLocals } from './portal-locals.ts';

export interface ManageRequest {
  locale: LocaleCode;
  token: string;
  portal: PortalLocals;
  t: ReturnType<typeof pageTranslator>['t'];
  done: string | null;
  error: string | null;
}

export function manageRequest(astro: AstroGlobal): ManageRequest | undefined {
  const locale = astro.params.locale;
  const portal = astro.locals.portal;
  if (!isLocale(locale) || !portal) return undefined;
  return {
    locale,
    token: astro.params.token ?? '',
    portal,
    t: pageTranslator(locale).t,
    done: astro.url.searchParams.get('done'),
    error: astro.url.searchParams.get('error'),
  };
}
