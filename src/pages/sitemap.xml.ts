/** sitemap.xml with every public page in every locale and its hreflang alternates. */
import type { APIRoute } from 'astro';
import { HREFLANG_LOCALES, LOCALE_CODES, hreflangOf } from '../i18n/locales.ts';
import { PUBLIC_PAGES, localePath, servicePage } from '../site/pages.ts';
import { sourceSlugs } from '../site/localized.ts';

export const GET: APIRoute = async ({ site }) => {
  const base = site ?? new URL('http://localhost:4321');
  const abs = (path: string) => new URL(path, base).href;
  const pages = [...PUBLIC_PAGES, ...(await sourceSlugs('services')).map(servicePage)];
  const urls = pages.flatMap((page) =>
    LOCALE_CODES.map((locale) => {
      // Easy Finnish is listed, but in no hreflang cluster (src/i18n/locales.ts, `hreflang`).
      const alternates =
        hreflangOf(locale) === null
          ? ''
          : `${HREFLANG_LOCALES.map(
              (alt) =>
                `    <xhtml:link rel="alternate" hreflang="${hreflangOf(alt)}" href="${abs(localePath(alt, page))}"/>`,
            ).join('\n')}\n`;
      return `  <url>\n    <loc>${abs(localePath(locale, page))}</loc>\n${alternates}  </url>`;
    }),
  );
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`;
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
