/**
 * The language switcher on a 320 px phone (issue 19 item 2), in a left-to-right, a right-to-left
 * and a third locale: every entry inside the viewport, each name in its own lang/dir, the entry
 * with focus shows its text, Escape closes the list and gives focus back to its button; and it
 * works with JavaScript off.
 */
import { LOCALES, languageTag } from '../../src/i18n/locales.ts';
import { expect, test, type Page } from './fixtures.ts';

test.use({ viewport: { width: 320, height: 640 } });

async function openAndCheck(page: Page, locale: string) {
  await page.goto(`/${locale}/privacy/`);
  const button = page.locator('.lang-switcher__button');
  const menu = page.locator('.lang-switcher__menu');
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toBeVisible();
  const links = menu.locator('a');
  await expect(links).toHaveCount(LOCALES.length);
  const viewport = page.viewportSize()!;
  for (const l of LOCALES) {
    // Found by its address: Easy Finnish has no hreflang of its own and reads as Finnish (lang fi).
    const link = menu.locator(`a[href^="/${l.code}/"]`);
    await expect(link, l.code).toHaveAttribute('lang', languageTag(l.code));
    await expect(link, l.code).toHaveAttribute('dir', l.dir);
    await expect(link, l.code).toHaveText(l.nativeName);
    const box = (await link.boundingBox())!;
    expect(box.x, `${locale}: ${l.code} starts inside the viewport`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${locale}: ${l.code} ends inside the viewport`).toBeLessThanOrEqual(viewport.width);
    expect(box.y, `${locale}: ${l.code} below the top`).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, `${locale}: ${l.code} above the bottom`).toBeLessThanOrEqual(viewport.height);
  }
  // Tab into the list: the entry with focus shows its own text, readable against its background.
  await page.keyboard.press('Tab');
  const focused = page.locator('.lang-switcher__menu a:focus');
  await expect(focused).toHaveCount(1);
  const look = await focused.evaluate((el) => {
    const s = getComputedStyle(el);
    return {
      color: s.color,
      background: s.backgroundColor,
      outline: s.outlineStyle,
      text: (el as HTMLElement).innerText,
    };
  });
  expect(look.text.trim()).not.toBe('');
  expect(look.outline).not.toBe('none');
  expect(look.color).not.toBe(look.background);
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused();
}

for (const locale of ['fi', 'ar', 'so', 'uk', 'fa']) {
  test(`the switcher at 320 px stays on screen, names each language in its own lang/dir, closes with Escape (${locale})`, async ({
    page,
  }) => {
    await openAndCheck(page, locale);
  });
}

test('the switcher works without JavaScript: opens, closes with Escape, its links change the language', async ({
  newContext,
}) => {
  const context = await newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  await openAndCheck(page, 'ar');
  await page.locator('.lang-switcher__button').click();
  await page.locator('.lang-switcher__menu a[hreflang=so]').click();
  await expect(page).toHaveURL(/\/so\/privacy\/$/);
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
});
