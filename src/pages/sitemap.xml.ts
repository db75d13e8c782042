/** sitemap.xml with every public page in every locale and its hreflang alternates. */
import type { APIRoute } from 'astro';
import { LOCALE_CODES } from '../i18n/locales.ts';
import { PUBLIC_PAGES, localePath, servicePage } from '../site/pages.ts';
import { sourceSlugs } from '../site/localized.ts';

export const GET: APIRoute = async ({ site }) => {
  const base = site ?? new URL('http://localhost:4321');
  const abs = (path: string) => new URL(path, base).href;
  const pages = [...PUBLIC_PAGES, ...(await sourceSlugs('services')).map(servicePage)];
  const urls = pages.flatMap((page) =>
    LOCALE_CODES.map((locale) => {
      const alternates = LOCALE_CODES.map(
        (alt) => `    <xhtml:link rel="alternate" hreflang="${alt}" href="${abs(localePath(alt, page))}"/>`,
      ).join('\n');
      return `  <url>\n    <loc>${abs(localePath(locale, page))}</loc>\n${alternates}\n  </url>`;
    }),
  );
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`;
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
