/** The page shell by keyboard: skip link, language switcher to the same page, and 200 % text. */
import { expect, test } from './fixtures.ts';

test('the skip link is the first stop and moves focus to the main content', async ({ page }) => {
  await page.goto('/fi/');
  await page.keyboard.press('Tab');
  await expect(page.locator('.skip-link')).toBeFocused();
  await expect(page.locator('.skip-link')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('the language switcher opens by keyboard and keeps the page (fi → ar → fi)', async ({ page }) => {
  await page.goto('/fi/privacy/');
  await page.locator('.lang-switcher__button').focus();
  await page.keyboard.press('Enter');
  const arabic = page.locator('.lang-switcher__menu a[hreflang=ar]');
  await expect(arabic).toBeVisible();
  await arabic.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/ar\/privacy\/$/);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await page.locator('.lang-switcher__button').focus();
  await page.keyboard.press('Enter');
  await page.locator('.lang-switcher__menu a[hreflang=fi]').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/fi\/privacy\/$/);
  await expect(page.locator('h1')).toHaveText('Tietosuojaseloste');
});

test.describe('text at 200 %', () => {
  test.use({ bypassCSP: true, viewport: { width: 640, height: 800 } });
  for (const url of ['/fi/', '/ar/', '/th/']) {
    test(`${url} keeps all content without sideways scrolling`, async ({ page }) => {
      await page.goto(url);
      const before = await page.locator('main').innerText();
      await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await page.locator('main').innerText()).toBe(before);
      const h1 = await page.locator('h1').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(h1).toBeGreaterThanOrEqual(60);
    });
  }
});
