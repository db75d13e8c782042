/**
 * The public pages that exist in every locale, as paths below `/{locale}/`. The sitemap (and so
 * the browser tests, which read the sitemap) list these plus one page per service; a build test
 * checks the sitemap against the pages actually built, so no page goes unlisted or untested.
 */
export const PUBLIC_PAGES = [
  '',
  'services/',
  'first-steps/',
  'walk-in/',
  'walk-in/queue/',
  'book/',
  'courses/',
  'finder/',
  'search/',
  'employers/',
  'employers/request/',
  'partners/',
  'partners/refer/',
  'accessibility/',
  'privacy/',
] as const;
export type PublicPage = (typeof PUBLIC_PAGES)[number];

export function localePath(locale: string, page: string = ''): string {
  return `/${locale}/${page}`;
}

export const servicePage = (slug: string) => `services/${slug}/`;
