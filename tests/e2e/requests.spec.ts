/**
 * Issue 8 end to end: an employer sends a request (errors first, in Arabic and by keyboard in
 * Finnish), an advisor sees its first-contact date in the inbox, marks it contacted and the
 * follow-up three weeks later appears; a partner's referral goes to the booking page with the
 * client's details filled in, and the advisor's booking for the client is confirmed at once. axe on each screen, the error states included.
 */
import { expect, test } from './fixtures.ts';
import { axeViolations } from './axe.ts';
import { addDays, addWorkingDays } from '../../src/domain/calendar.ts';
import { createFormatter } from '../../src/i18n/format.ts';
import fiFormat from '../../locales/fi/format.json' with { type: 'json' };
import { days, e2eNow } from './clock.ts';
import { DEMO, ownTimes, signIn, staffApi, type OwnTime } from './staff.ts';

/** A short mark that makes a name this test's own. */
const unique = () => crypto.randomUUID().slice(0, 8);
/** A date as the pages write it in Finnish (src/i18n/format.ts): "4. maaliskuuta 2027". */
const fiDate = (iso: string) => createFormatter('fi', fiFormat).date(iso);

test('the employer form explains its errors in Arabic, right to left, with a summary that takes focus', async ({
  page,
}) => {
  await page.goto('/ar/employers/request/');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByLabel('رقم تعريف الشركة (Y-tunnus)').fill('1234567-2');
  await page.locator('.request-form button[type=submit]').click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(page.locator('#f-businessId-error')).toBeVisible();
  await expect(page.locator('#f-businessId')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#f-needs-error')).toBeVisible();
  // The summary's link takes the keyboard to the field.
  await summary.getByRole('link').filter({ hasText: 'Y-tunnus' }).click();
  await expect(page.locator('#f-businessId')).toBeFocused();
  expect(await axeViolations(page), 'employer form with errors (ar)').toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    await page.evaluate(() => window.innerWidth),
  );
});

test('an employer asks to be contacted; the advisor sees the due date, marks it contacted, and the follow-up appears', async ({
  newContext,
  page,
}) => {
  test.setTimeout(90_000);
  const company = `Testiyritys ${unique()} Oy`;
  // The employer, by keyboard alone, at 320 px.
  const employer = await (await newContext({ viewport: { width: 320, height: 720 } })).newPage();
  await employer.goto('/fi/employers/request/');
  await employer.getByLabel('Yrityksen nimi').focus();
  await employer.keyboard.type(company);
  await employer.keyboard.press('Tab');
  await employer.keyboard.type('0112038-9');
  // The sector starts empty ("Valitse"): a required choice is never made for the person.
  await employer.keyboard.press('Tab');
  await expect(employer.getByLabel('Toimiala')).toBeFocused();
  await employer.keyboard.press('ArrowDown');
  await expect(employer.getByLabel('Toimiala')).not.toHaveValue('');
  await employer.getByRole('checkbox', { name: 'Kansainvälisten osaajien rekrytointi' }).focus();
  await employer.keyboard.press('Space');
  await employer.getByRole('checkbox', { name: 'englanti' }).focus();
  await employer.keyboard.press('Space');
  await employer.getByLabel('Yhteyshenkilö', { exact: true }).focus();
  await employer.keyboard.type('Maija Mallikas');
  await employer.keyboard.press('Tab');
  await employer.keyboard.type('maija@example.invalid');
  await employer.getByRole('button', { name: 'Lähetä pyyntö' }).focus();
  await employer.keyboard.press('Enter');
  const sent = employer.locator('.request-sent');
  await expect(sent).toBeFocused();
  const { today } = days(e2eNow());
  const due = addWorkingDays(today, 3);
  await expect(sent).toContainText(`Otamme yhteyttä viimeistään ${fiDate(due)}.`);
  const reference = /Viite: ([2-9A-Z]{3}-[2-9A-Z]{3})/.exec(await sent.innerText())![1]!;
  expect(await axeViolations(employer), 'employer form sent').toEqual([]);

  // The advisor.
  await signIn(page, DEMO.advisorRu, { now: e2eNow });
  await page.getByRole('link', { name: 'Saapuneet' }).click();
  const row = page.locator('.inbox-table tr', { hasText: reference });
  await expect(row).toContainText(company);
  await expect(row).toContainText(fiDate(due));
  expect(await axeViolations(page), 'inbox').toEqual([]);
  await row.getByRole('button', { name: `Avaa ${reference}` }).click();
  await expect(page.locator('#inbox-detail-title')).toBeFocused();
  await expect(page.locator('.status-box')).toContainText('maija@example.invalid');
  await page.getByRole('button', { name: 'Merkitse yhteys otetuksi' }).click();
  await expect(page.locator('.inbox-message')).toHaveText('Tallennettu.');
  await expect(row).toContainText('Yhteys otettu');
  const followUp = page.locator('section', { hasText: 'Seurannat' }).locator('li', { hasText: reference });
  await expect(followUp).toContainText(fiDate(addDays(today, 21)));
  expect(await axeViolations(page), 'inbox with details').toEqual([]);
});

test("a partner refers a client; the advisor books an assessment with the client's details filled in", async ({
  page,
  newContext,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const partner = await (await newContext()).newPage();
  await partner.goto('/fi/partners/refer/');
  await partner.getByLabel('Organisaatio', { exact: true }).selectOption('wellbeing');
  // A unit name of this test's own, to find its referral in the inbox.
  const unit = `Päijät-Hämeen hyvinvointialue, sosiaalityö ${unique()}`;
  await partner.getByLabel('Organisaation tai yksikön nimi').fill(unit);
  await partner.getByLabel('Nimesi').fill('Sanna Sosiaalityö');
  await partner.getByLabel('Sähköpostisi').fill('sanna@example.invalid');
  const client = `Referred Client ${unique()}`;
  await partner.getByLabel('Asiakkaan nimi').fill(client);
  await partner.getByLabel('Asiakkaan puhelinnumero').fill('040 765 4321');
  await partner.getByLabel('Kieli, jolla asiakasta palvellaan').selectOption('ar');
  await partner.getByRole('checkbox', { name: 'Alkukartoitus ja kotoutumissuunnitelma' }).check();
  await partner.getByRole('button', { name: 'Lähetä ohjaus' }).click();
  // Without the client's consent it is not sent.
  await expect(partner.locator('#f-consent-error')).toHaveText('Ohjaus tarvitsee asiakkaan suostumuksen.');
  expect(await axeViolations(partner), 'referral form with errors').toEqual([]);
  await partner.locator('#f-consent').check();
  await partner.getByRole('button', { name: 'Lähetä ohjaus' }).click();
  await expect(partner.locator('.request-sent')).toContainText('Ohjaus on vastaanotettu');

  // An Arabic in-person time of the advisor's own, at an hour no other test uses (22:00).
  const day = days(e2eNow()).firstBookable;
  const staff = await staffApi(DEMO.advisorAr, { baseURL: baseURL!, now: e2eNow });
  const [own] = (await ownTimes(staff, {
    date: day,
    times: ['22:00'],
    slotMinutes: 30,
    language: 'ar',
    mode: 'in_person',
  })) as [OwnTime];
  await staff.dispose();

  await signIn(page, DEMO.advisorAr, { now: e2eNow });
  await page.goto('/workspace/fi/inbox/');
  const row = page.locator('.inbox-table tr', { hasText: unit });
  await row.getByRole('button').click();
  await page.getByRole('button', { name: 'Ota hoitoon' }).click();
  await expect(page.locator('.status-box')).toContainText(client);
  await page.getByRole('button', { name: 'Varaa alkukartoitus asiakkaan tiedoilla' }).click();
  await expect(page).toHaveURL(/\/fi\/book\/$/);
  // The booking page picked the client's details up from this tab, and the URL carries none.
  expect(page.url()).not.toContain('Referred');
  // Arabic is served by the demo advisors: the service language comes from the referral.
  await expect(page.locator('#booking-serviceLanguage')).toHaveValue('ar');
  expect(await page.evaluate(() => sessionStorage.getItem('ihl-booking-prefill'))).toBeNull();

  // The advisor books this test's own time for the client: the page sends the workspace's CSRF
  // token with the booking, so it is confirmed at once (no hold, no code sent to the client).
  await page.locator('ihl-booking button[type=submit]').click();
  await page.locator(`ihl-booking input[name=day][value="${day}"]`).check();
  await page.locator(`ihl-booking input[name=slot][value="${own.slotId}"]`).check();
  await page.locator('ihl-booking button[type=submit]').click();
  await expect(page.locator('#booking-name')).toHaveValue(client);
  await page.locator('ihl-booking button[type=submit]').click();
  await expect(page.locator('.summary')).toContainText(client);
  await page.locator('ihl-booking .actions button.button:not(.button--secondary)').click();
  await expect(page.locator('[data-step-heading]')).toBeFocused();
  await expect(page.locator('ihl-booking .reference')).toHaveText(/^[2-9A-Z]{3}-[2-9A-Z]{3}$/);
  await expect(page.locator('#booking-hold')).toHaveCount(0);
  expect(await axeViolations(page), 'booking made for the client').toEqual([]);
});

test("the API reference for partners' integrators passes axe", async ({ page }) => {
  await page.goto('/api/docs');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('International House Lahti portal API');
  await expect(page.getByRole('heading', { name: 'POST /api/partner/v1/referrals' })).toBeVisible();
  expect(await axeViolations(page), 'API reference').toEqual([]);
});
