/**
 * Every error is seen, in the page's language, with focus on it (issue 19 item 4), on a 320 px
 * phone in fi, ar and so: an enrolment sent without consent names the missing consent in a
 * summary that has focus, and after "enrol" and "cancel" focus is on the result; the course
 * manage page answers a cancel without its box ticked with its own message, focused; the queue's phone page on a closed day says so before anything is
 * filled, its form disabled, and after the form comes back with an error the error is at the top
 * of the page with focus.
 */
import { expect, test } from './fixtures.ts';
import { e2eNow } from './clock.ts';
import { ownOrientationGroup } from './staff.ts';
import fs from 'node:fs';

test.use({ viewport: { width: 320, height: 640 } });

const LOCALES_TRIED = ['fi', 'ar', 'so'];
/** A message of the locale's own, as the page shows it (none of these has parameters). */
const messages = (locale: string) => {
  const all = JSON.parse(fs.readFileSync(`locales/${locale}/common.json`, 'utf8')) as Record<string, string>;
  return { t: (key: string) => all[key] ?? key };
};

for (const locale of LOCALES_TRIED) {
  const { t } = messages(locale);

  test(`an enrolment without consent: a summary naming the consent, with focus (${locale})`, async ({
    page,
    baseURL,
  }) => {
    const own = await ownOrientationGroup(baseURL!, locale, e2eNow);
    await page.goto(`/${locale}/courses/?topic=orientation&language=${locale}`);
    const group = page.locator(`li.group[data-group="${own.id}"]`);
    await group.getByRole('button').first().click();
    await group.locator('#en-name').fill('Amina Testi');
    await group.locator('#en-email').fill(`consent-${crypto.randomUUID()}@example.com`);
    await group.locator('button[type=submit]').click();
    const summary = group.locator('.error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.locator('li')).toHaveCount(1);
    await expect(summary.locator('li')).toHaveText(t('errors.field.consentMissing'));
    await expect(summary).not.toContainText(t('errors.field.invalidChoice'));
    await expect(summary).toBeInViewport();
    // The summary's link leads to the box.
    await summary.locator('a').click();
    await expect(group.locator('#en-consent')).toBeFocused();
    await expect(group.locator('#en-consent')).toHaveAttribute('aria-invalid', 'true');

    // After "enrol" and after "cancel", focus goes to the result, never the page's body.
    await page.keyboard.press('Space');
    await group.locator('button[type=submit]').click();
    const result = group.locator('.enrol-result');
    await expect(result).toBeFocused();
    await result.getByRole('button').click();
    await expect(result).toContainText(t('catalogue.cancelled'));
    await expect(result).toBeFocused();
  });

  test(`cancelling on the course manage page without ticking the box: the page's own message, focused (${locale})`, async ({
    page,
    request,
    baseURL,
  }) => {
    const own = await ownOrientationGroup(baseURL!, locale, e2eNow);
    const enrolled = await request.post(`/api/courses/groups/${own.id}/enrolments`, {
      data: {
        name: 'Amina Testi',
        email: `manage-${crypto.randomUUID()}@example.com`,
        contactLanguage: locale,
        consent: true,
      },
    });
    const { manageToken } = (await enrolled.json()) as { manageToken: string };
    await page.goto(`/${locale}/courses/manage/${manageToken}/`);
    // A new contact's place is held (README "Security"): a wrong code is said on top, with focus and the tries left.
    await page.locator('#hold-code').fill('12345');
    await page.locator('form[action$="/confirm"] button[type=submit]').click();
    await expect(page).toHaveURL(/error=wrong_code/);
    await expect(page.locator('.notice--error')).toBeFocused();
    await expect(page.locator('.notice--error')).toContainText(t('errors.wrongCode').split('{{left}}')[0]!);
    await expect(page.locator('#hold-code')).toHaveAttribute('aria-invalid', 'true');
    await page.locator('form[action$="/cancel"] button[type=submit]').click();
    await expect(page).toHaveURL(/error=confirm/);
    const error = page.locator('.notice--error');
    await expect(error).toBeFocused();
    await expect(error).toHaveText(t('manage.confirmMissing'));
    await page.locator('input[name=confirm]').check();
    await page.locator('form[action$="/cancel"] button[type=submit]').click();
    await expect(page).toHaveURL(/done=cancelled/);
    await expect(page.locator('.notice--ok')).toBeFocused();
  });

  test(`the queue's phone page on a closed day: said first, form disabled, the error on top with focus (${locale})`, async ({
    ownServer,
    newContext,
  }) => {
    // Sunday 28 February 2027, 12:00 in Helsinki: the walk-in desk is closed.
    const server = await ownServer({ clockStart: '2027-02-28T10:00:00Z' });
    const context = await newContext({ viewport: { width: 320, height: 640 }, now: server.now });
    const page = await context.newPage();
    await page.goto(`${server.base}/${locale}/walk-in/queue/`);
    const notice = page.locator('#queue-state');
    await expect(notice).toContainText(t('queue.closedNow'));
    await expect(notice).toBeInViewport();
    await expect(page.locator('#queue-form button[type=submit]')).toBeDisabled();
    await expect(page.locator('#queue-form select')).toBeDisabled();

    // Without JavaScript the form still posts; the answer sends it back with the error.
    const posted = await page.request.post(`${server.base}/api/queue/points/palvelutori/tickets`, {
      form: { locale, channel: 'phone', topic: 'general', language: locale },
      maxRedirects: 0,
    });
    expect([302, 303]).toContain(posted.status());
    const back = new URL(posted.headers().location!, server.base);
    expect(back.searchParams.get('error')).toBe('queue_closed');
    await page.goto(back.href);
    const error = page.locator('.queue-error');
    await expect(error).toBeFocused();
    await expect(error).toHaveText(t('errors.queueClosed'));
    await expect(error).toBeInViewport();
  });
}
