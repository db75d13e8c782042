/**
 * Checks over the production build in dist/client (npm test builds it first): language and
 * direction of every page, alternates and sitemap, the CSP's "no inline script or style", the
 * JavaScript and CSS budgets (README "Budgets"), logical CSS properties, and internal links.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { parse, type HTMLElement } from 'node-html-parser';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  HREFLANG_LOCALES,
  LOCALES,
  LOCALE_CODES,
  hreflangOf,
  isLocale,
  languageTag,
  localeInfo,
  searchBundle,
  SERVICE_LOCALES,
} from '../../src/i18n/locales.ts';
import { PUBLIC_PAGES } from '../../src/site/pages.ts';
import { retentionSchedule } from '../../src/domain/retention-schedule.ts';
import { BUDGETS, ISLAND_PAGES } from '../support/budgets.ts';
import { pageAssets } from '../support/page-assets.ts';

const ROOT = path.resolve('dist/client');

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

let htmlFiles: string[] = [];
const pages = new Map<string, HTMLElement>();
const urlOf = (file: string) =>
  `/${path
    .relative(ROOT, file)
    .replace(/index\.html$/, '')
    .split(path.sep)
    .join('/')}`;

beforeAll(() => {
  if (!fs.existsSync(ROOT)) throw new Error('dist/client is missing: run `npm run build` first (npm test does).');
  htmlFiles = walk(ROOT).filter((f) => f.endsWith('.html'));
  for (const f of htmlFiles) pages.set(urlOf(f), parse(fs.readFileSync(f, 'utf8')));
});

describe('every page', () => {
  test('has lang and dir of its locale', () => {
    expect(pages.size).toBeGreaterThan(LOCALE_CODES.length);
    for (const [url, doc] of pages) {
      const html = doc.querySelector('html')!;
      const segments = url.split('/');
      const first = segments[1] === 'workspace' ? segments[2] : segments[1];
      const locale = isLocale(first) ? first : 'fi';
      // Easy Finnish is Finnish to screen readers: `<html lang>` is the registry's language tag.
      expect(html.getAttribute('lang'), url).toBe(languageTag(locale));
      expect(html.getAttribute('dir'), url).toBe(localeInfo(locale).dir);
    }
  });

  test('has no inline script, inline style element or style attribute (the CSP forbids them)', () => {
    for (const [url, doc] of pages) {
      for (const s of doc.querySelectorAll('script')) {
        const type = s.getAttribute('type') ?? '';
        if (!/json/.test(type)) expect(s.getAttribute('src'), `${url}: inline <script>`).toBeTruthy();
      }
      expect(doc.querySelectorAll('style'), `${url}: <style>`).toHaveLength(0);
      expect(doc.querySelectorAll('[style]'), `${url}: style=""`).toHaveLength(0);
    }
  });

  test('ships no JavaScript unless it has an island, and stays within the script budget (every module it loads)', () => {
    for (const [url, doc] of pages) {
      const { js } = pageAssets(ROOT, doc.toString());
      const pageType = url.startsWith('/workspace/')
        ? 'workspace'
        : url.startsWith('/kiosk/')
          ? 'kiosk'
          : (url.split('/')[2] ?? '');
      if (!ISLAND_PAGES.includes(pageType)) {
        expect(js, `${url} has no island but ships JavaScript`).toEqual([]);
        continue;
      }
      const bytes = js.reduce((n, src) => n + fs.statSync(path.join(ROOT, src)).size, 0);
      expect(bytes, `${url} JavaScript bytes`).toBeLessThanOrEqual(
        BUDGETS.jsBytesPerPageType[pageType] ?? BUDGETS.jsBytesPerPage,
      );
    }
  });

  test('the booking page loads at most 35 kB of JavaScript, gzip (its form check and feedback come later)', () => {
    const booking = [...pages].filter(([url]) => url.split('/')[2] === 'book');
    expect(booking.length).toBeGreaterThanOrEqual(LOCALE_CODES.length);
    for (const [url, doc] of booking) {
      const { js } = pageAssets(ROOT, doc.toString());
      const gzip = js.reduce((n, src) => n + zlib.gzipSync(fs.readFileSync(path.join(ROOT, src))).length, 0);
      expect(gzip, `${url} JavaScript, gzip`).toBeLessThanOrEqual(BUDGETS.bookingPageJsGzip);
    }
  });

  test('no page loads the phone-number metadata: the forms check a phone’s shape, the server the number', () => {
    const forms = ['book', 'courses', 'employers', 'partners'];
    expect([...pages.keys()].filter((url) => forms.includes(url.split('/')[2]!)).length).toBeGreaterThan(40);
    for (const [url, doc] of pages)
      for (const src of pageAssets(ROOT, doc.toString()).js)
        expect(fs.readFileSync(path.join(ROOT, src), 'utf8'), `${url} ${src}`).not.toContain('country_calling_codes');
  });

  test("makes few requests: the page, one stylesheet and its island's modules", () => {
    for (const [url, doc] of pages) {
      const { css, js } = pageAssets(ROOT, doc.toString());
      expect(css.length, `${url} stylesheets`).toBeLessThanOrEqual(1);
      expect(1 + css.length + js.length, `${url} requests`).toBeLessThanOrEqual(BUDGETS.requestsPerPage);
    }
  });

  test('stays within the CSS budget', () => {
    for (const [url, doc] of pages) {
      const css = doc.querySelectorAll('link[rel=stylesheet]').map((l) => l.getAttribute('href')!);
      const bytes = css.reduce((n, href) => n + fs.statSync(path.join(ROOT, href)).size, 0);
      expect(bytes, `${url} CSS bytes`).toBeLessThanOrEqual(BUDGETS.cssBytesPerPage);
    }
  });

  test('links only to pages and files that exist', () => {
    const broken: string[] = [];
    for (const [url, doc] of pages) {
      for (const el of doc.querySelectorAll('[href], [src]')) {
        const ref = el.getAttribute('href') ?? el.getAttribute('src')!;
        if (!ref.startsWith('/') || ref.startsWith('//') || ref.startsWith('/api/')) continue;
        const clean = decodeURI(ref.split('#')[0]!.split('?')[0]!);
        const target = path.join(ROOT, clean.endsWith('/') ? `${clean}index.html` : clean);
        if (!fs.existsSync(target)) broken.push(`${url} → ${ref}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('locale pages', () => {
  test('every public page exists in every locale, with hreflang alternates for all that have an hreflang', () => {
    const servicePages = [...pages.keys()]
      .filter((u) => u.startsWith('/fi/services/') && u !== '/fi/services/')
      .map((u) => u.slice(4));
    expect(servicePages.length).toBeGreaterThanOrEqual(8);
    for (const page of [...PUBLIC_PAGES, ...servicePages]) {
      for (const locale of LOCALE_CODES) {
        const doc = pages.get(`/${locale}/${page}`);
        expect(doc, `/${locale}/${page}`).toBeDefined();
        const langs = doc!.querySelectorAll('link[rel=alternate][hreflang]').map((l) => l.getAttribute('hreflang'));
        // A locale without an hreflang (Easy Finnish) is in no cluster and lists none: no hreflang
        // value is ever used twice, and none is a private-use tag search engines reject.
        expect(langs.sort(), `/${locale}/${page}`).toEqual(
          hreflangOf(locale) === null ? [] : [...HREFLANG_LOCALES.map((l) => hreflangOf(l)), 'x-default'].sort(),
        );
        expect(new Set(langs).size).toBe(langs.length);
      }
    }
  });

  test('the sitemap lists exactly the built public pages', () => {
    const xml = fs.readFileSync(path.join(ROOT, 'sitemap.xml'), 'utf8');
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname).sort();
    const built = [...pages.keys()].filter((u) => isLocale(u.split('/')[1]) && !/\/404\/$/.test(u)).sort();
    expect(locs).toEqual(built);
    const hreflangs = [...xml.matchAll(/hreflang="([^"]+)"/g)].map((m) => m[1]);
    expect(hreflangs.filter((h) => h!.includes('-x-'))).toEqual([]);
  });

  test('Easy Finnish and Finnish are searched in separate Pagefind indexes', () => {
    for (const locale of LOCALE_CODES) {
      const bundle = searchBundle(locale);
      expect(pages.get(`/${locale}/search/`)!.querySelector('ihl-search')?.getAttribute('data-bundle'), locale).toBe(
        bundle,
      );
      expect(fs.existsSync(path.join(ROOT, bundle, 'pagefind.js')), bundle).toBe(true);
    }
    const entry = (bundle: string) =>
      JSON.parse(fs.readFileSync(path.join(ROOT, bundle, 'pagefind-entry.json'), 'utf8')) as {
        languages: Record<string, { page_count: number }>;
      };
    const selko = entry(searchBundle('fi-x-selko')).languages;
    const main = entry('/pagefind/').languages;
    expect(Object.keys(selko)).toEqual(['fi']);
    // Each index holds only its own pages: the Finnish pages are not in the Easy Finnish one.
    const selkoPages = [...pages.keys()].filter((u) => u.startsWith('/fi-x-selko/') && !/\/(404|search)\/$/.test(u));
    const fiPages = [...pages.keys()].filter((u) => u.startsWith('/fi/') && !/\/(404|search)\/$/.test(u));
    expect(selko.fi!.page_count).toBe(selkoPages.length);
    expect(main.fi!.page_count).toBe(fiPages.length);
  });

  test('the language chooser at / names every language in its own script', () => {
    const doc = pages.get('/')!;
    const links = doc.querySelectorAll('main a');
    expect(links.map((a) => a.text.trim())).toEqual(LOCALES.map((l) => l.nativeName));
    for (const a of links) expect(a.getAttribute('lang')).toBeTruthy();
  });

  test("the privacy notice's retention table in every locale is the schedule the server enforces", () => {
    for (const locale of LOCALE_CODES) {
      const rows = pages.get(`/${locale}/privacy/`)!.querySelectorAll('table[data-retention] tbody tr');
      expect(
        rows.map((r) => r.getAttribute('data-record')),
        locale,
      ).toEqual(Object.keys(retentionSchedule.records));
      for (const row of rows) {
        const days =
          retentionSchedule.records[row.getAttribute('data-record') as keyof typeof retentionSchedule.records].days;
        expect(row.querySelector('td')!.text, `${locale} ${row.getAttribute('data-record')}`).toContain(String(days));
      }
    }
  });

  test("the queue console offers the languages a ticket can ask for, each by its name in the workspace's language", () => {
    const consoles = [...pages].filter(([url]) => /^\/workspace\/[^/]+\/queue\/$/.test(url));
    expect(consoles.length).toBeGreaterThan(0);
    for (const [url, page] of consoles) {
      const languages = JSON.parse(page.querySelector('script[data-island="languages"]')!.textContent) as Record<
        string,
        string
      >;
      expect(Object.keys(languages).sort(), url).toEqual([...SERVICE_LOCALES].sort());
      for (const [code, name] of Object.entries(languages)) expect(name, `${url} ${code}`).not.toBe(code);
    }
  });

  test('every locale page shows its translation review status', () => {
    for (const locale of LOCALE_CODES) {
      const status = pages.get(`/${locale}/`)!.querySelector('.review-status');
      expect(status?.getAttribute('data-review'), locale).toBe(localeInfo(locale).review);
    }
  });
});

describe('stylesheets', () => {
  test('use logical properties only, so right-to-left needs no second stylesheet', () => {
    const physical =
      /(?:^|[;{\s])(margin-left|margin-right|padding-left|padding-right|border-left|border-right|left|right|float:\s*(?:left|right)|text-align:\s*(?:left|right))\s*:/g;
    // pagefind/ (and pagefind-<locale>/) hold Pagefind's own optional UI stylesheets, which no page of ours loads.
    const isPagefind = (f: string) => path.relative(ROOT, f).split(path.sep)[0]!.startsWith('pagefind');
    for (const file of walk(ROOT).filter((f) => f.endsWith('.css') && !isPagefind(f))) {
      const found = [...fs.readFileSync(file, 'utf8').matchAll(physical)].map((m) => m[1]);
      expect(found, path.relative(ROOT, file)).toEqual([]);
    }
  });
});
