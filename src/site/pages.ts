/**
 * The public pages that exist in every locale, as paths below `/{locale}/`. The sitemap, the
 * hreflang alternates and the browser tests all read this list; a build test checks it against
 * the pages actually built, so a page cannot be added without being listed (and tested).
 */
export const PUBLIC_PAGES = ['', 'accessibility/', 'privacy/'] as const;
export type PublicPage = (typeof PUBLIC_PAGES)[number];

export function localePath(locale: string, page: string = ''): string {
  return `/${locale}/${page}`;
}
