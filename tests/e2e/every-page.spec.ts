/**
 * Visits every page once (every public page in every locale from the sitemap, each locale's 404,
 * and the language chooser) at 320 CSS px, and checks there: axe finds nothing, nothing scrolls
 * sideways (WCAG 1.4.10 reflow), and the console shows no CSP violation or script error.
 * One test per locale, so the two workers share the pages.
 */
import { expect, test, type Page } from './fixtures.ts';
import { LOCALE_CODES } from '../../src/i18n/locales.ts';
import { axeViolations, watchConsole } from './axe.ts';

async function sitemapPaths(baseURL: string): Promise<string[]> {
  const xml = await (await fetch(`${baseURL}/sitemap.xml`)).text();
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
}

async function checkPages(page: Page, urls: string[]) {
  const failures: Record<string, unknown> = {};
  for (const url of urls) {
    const problems = watchConsole(page);
    const notFound = url.includes('no-such-page');
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(notFound ? 404 : 200);
    const violations = await axeViolations(page);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    // The 404 document itself is reported as a failed load; that one is expected.
    const unexpected = problems.filter((p) => !(notFound && /status of 404/.test(p)));
    if (violations.length || overflow > 0 || unexpected.length)
      failures[url] = { violations, overflow, problems: unexpected };
    page.removeAllListeners('console');
    page.removeAllListeners('pageerror');
  }
  expect(failures).toEqual({});
}

test.use({ viewport: { width: 320, height: 640 } });

test('the language chooser passes axe and reflows', async ({ page }) => {
  await checkPages(page, ['/']);
});

for (const locale of LOCALE_CODES) {
  test(`every ${locale} page passes axe, reflows at 320 px and has no CSP violation`, async ({ page, baseURL }) => {
    test.setTimeout(5 * 60_000);
    const urls = (await sitemapPaths(baseURL!)).filter((p) => p.startsWith(`/${locale}/`));
    expect(urls.length).toBeGreaterThan(0);
    await checkPages(page, [...urls, `/${locale}/no-such-page/`]);
  });
}
