/**
 * Issue 3 in a real browser: the guidance finder by keyboard alone in fi, ar and uk (and its URL
 * reproducing the result), the walk-in desk's "open now" on days each test asks for (a weekday,
 * Christmas Eve, the morning after the spring DST change), the language switcher on a content
 * page, and site search.
 */
import { expect, test, type Fixtures, type Page } from './fixtures.ts';
import { axeViolations } from './axe.ts';

async function tabUntil(page: Page, predicate: () => boolean | Promise<boolean>, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await predicate()) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('focus never reached its target');
}
const focusedIs = (page: Page, selector: string) => () =>
  page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

/** Answers the current question by keyboard: into the radio group, arrow to the option, then Next. */
async function answer(page: Page, optionIndex: number) {
  await tabUntil(page, focusedIs(page, 'ihl-finder input[type=radio]'));
  await page.keyboard.press('Space');
  for (let i = 0; i < optionIndex; i++) await page.keyboard.press('ArrowDown');
  await tabUntil(page, focusedIs(page, 'ihl-finder button[type=submit]'));
  await page.keyboard.press('Enter');
}

for (const { locale, resultTitle } of [
  { locale: 'fi', resultTitle: 'Sinun seuraavat askeleesi' },
  { locale: 'ar', resultTitle: null },
  { locale: 'uk', resultTitle: null },
]) {
  test(`guidance finder by keyboard alone (${locale}), and its URL reproduces the result`, async ({
    page,
    context,
  }) => {
    await page.goto(`/${locale}/finder/`);
    // Without an answer, Next says what is wrong instead of moving on.
    await tabUntil(page, focusedIs(page, 'ihl-finder button[type=submit]'));
    await page.keyboard.press('Enter');
    await expect(page.locator('ihl-finder .field-error')).toBeVisible();
    await expect(page.locator('ihl-finder fieldset')).toHaveAttribute('aria-invalid', 'true');
    expect(await axeViolations(page), 'axe on a question with its error').toEqual([]);

    // reason = protection (index 3), time = new (0), need = papers (0), jobseeker = no (1), children = yes (0)
    await answer(page, 3);
    await expect(page.locator('ihl-finder legend')).toBeFocused();
    await answer(page, 0);
    await answer(page, 0);
    await answer(page, 1);
    await answer(page, 0);

    const heading = page.locator('#finder-result-title');
    await expect(heading).toBeFocused();
    if (resultTitle) await expect(heading).toHaveText(resultTitle);
    expect(await axeViolations(page), 'axe on the result').toEqual([]);
    await expect(page).toHaveURL(/reason=protection&time=new&need=papers&jobseeker=no&children=yes/);
    const items = page.locator('.result-list > li');
    const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-item')));
    expect(ids.slice(0, 4)).toEqual([
      'step:register-address',
      'step:residence-permit',
      'service:refugee-reception',
      'service:assessment',
    ]);
    expect(ids).toContain('service:families');
    // Every result links to a page of the same locale or to the first-steps list.
    for (const href of await items.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
      expect(href).toMatch(new RegExp(`^/${locale}/`));

    // The same URL in a fresh page gives the same result.
    const again = await context.newPage();
    await again.goto(page.url());
    await expect(again.locator('.result-list > li')).toHaveCount(ids.length);
    expect(
      await again.locator('.result-list > li').evaluateAll((els) => els.map((e) => e.getAttribute('data-item'))),
    ).toEqual(ids);
    await again.close();
  });
}

test('without JavaScript the finder page still lists every service and step', async ({ newContext }) => {
  const context = await newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/fi/finder/');
  await expect(page.locator('[data-finder-all] li[data-item]')).toHaveCount(17);
  await expect(page.getByText('Kysymykset tarvitsevat JavaScriptin')).toBeVisible();
});

test.describe('walk-in desk: open now, computed in the browser in Europe/Helsinki', () => {
  /**
   * Each test asks for its moment explicitly: a server of its own whose clock starts then (so the
   * page and /api/walk-in carry that year's holidays and schedule) and the browser's clock set to
   * the same moment. No demo content: the walk-in desk needs none, and the server starts faster.
   */
  async function walkInAt(ownServer: Fixtures['ownServer'], page: Page, instant: string, locale: string) {
    const server = await ownServer({ clockStart: instant });
    await page.clock.setFixedTime(new Date(instant));
    await page.goto(`${server.base}/${locale}/walk-in/`);
    return server;
  }

  test('Monday 30.11.2026 at 10:30 it is open until 15:00 (two sessions back to back)', async ({ page, ownServer }) => {
    await walkInAt(ownServer, page, '2026-11-30T08:30:00Z', 'fi');
    await expect(page.locator('ihl-walk-in-status')).toContainText('Auki nyt, kello 15:00 asti.');
  });

  test('Christmas Eve 2026 it is closed for the holiday and names the next opening', async ({ page, ownServer }) => {
    await walkInAt(ownServer, page, '2026-12-24T09:00:00Z', 'fi');
    const status = page.locator('ihl-walk-in-status');
    await expect(status).toContainText('jouluaatto');
    // The date in words, as the formatting module writes it (src/i18n/format.ts), in a <time>.
    await expect(status.locator('time[datetime="2026-12-28"]')).toHaveText('maanantai 28. joulukuuta');
    await expect(status).toContainText('09:00');
  });

  test('the Monday after the spring DST change (30.3.2026): closed at 08:59, open at 09:00 Helsinki time', async ({
    page,
    ownServer,
  }) => {
    await walkInAt(ownServer, page, '2026-03-30T05:59:00Z', 'fi');
    await expect(page.locator('ihl-walk-in-status')).toContainText('Suljettu nyt.');
    await page.clock.setFixedTime(new Date('2026-03-30T06:00:00Z'));
    await page.reload();
    await expect(page.locator('ihl-walk-in-status')).toContainText('Auki nyt');
  });

  test('in Arabic it says when Arabic is served next, right to left', async ({ page, ownServer }) => {
    await walkInAt(ownServer, page, '2026-11-30T11:00:00Z', 'ar'); // Monday 13:00: Arabic session was in the morning
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const status = page.locator('ihl-walk-in-status [data-island-root]');
    await expect(status).toHaveAttribute('aria-live', 'polite');
    // Next Arabic session: Friday 4.12. 09:00.
    await expect(status).toContainText('09:00');
    await expect(status).toContainText('4');
    await expect(page.locator('table.schedule tbody tr')).toHaveCount(8);
  });
});

test('the language switcher keeps the walk-in page (fi → uk)', async ({ page }) => {
  await page.goto('/fi/walk-in/');
  await page.locator('.lang-switcher__button').click();
  await page.locator('.lang-switcher__menu a[hreflang=uk]').click();
  await expect(page).toHaveURL(/\/uk\/walk-in\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
});

/** Searches from a locale's search page by keyboard and returns the result links. */
async function search(page: Page, locale: string, label: string, query: string): Promise<string[]> {
  await page.goto(`/${locale}/search/`);
  await page.getByLabel(label).fill(query);
  await page.keyboard.press('Enter');
  const results = page.locator('.search-results li a');
  await expect(results.first()).toBeVisible();
  return results.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
}

test('site search finds pages in the reader’s language only', async ({ page }) => {
  for (const href of await search(page, 'fi', 'Hakusana', 'verokortti')) expect(href).toMatch(/^\/fi\//);
  await expect(page).toHaveURL(/q=verokortti/);
});

test('Easy Finnish has a search index of its own: its pages only, and Finnish finds none of them', async ({ page }) => {
  // Both are <html lang="fi">; Pagefind would put them in one index without scripts/build.ts.
  for (const href of await search(page, 'fi-x-selko', 'Sana, jota etsit', 'verokortti'))
    expect(href).toMatch(/^\/fi-x-selko\//);
  // A phrase only the Easy Finnish text has ("tavallisella suomella") is not found from the Finnish search.
  await page.goto('/fi/search/?q=tavallisella');
  await expect(page.locator('ihl-search [data-island-root]')).toContainText(/Ei tuloksia|tulos/);
  await expect(page.locator('.search-results li a[href^="/fi-x-selko/"]')).toHaveCount(0);
});
