/**
 * Issue 19 (items 1, 3, 5), in every locale of the registry on a 320 px phone screen: the booking
 * flow to its confirmation, the catalogue with a group open, the queue's phone page and the walk-in
 * page. On each screen: every date is a `<time>` whose text is the formatting module's
 * (src/i18n/format.ts) for the page's locale; no weekday, month or holiday name of another locale
 * or of English appears as a whole word; nothing lies outside the viewport; no time or reference
 * is broken across lines. A locale no advisor speaks books in another language, with an
 * interpreter in its own, and the confirmation says so.
 *
 * Each locale books a time of its own (extra hours at 20:00 or later, one 15-minute slot per
 * locale, tests/e2e/staff.ts) and a course group of its own, so the tests run in any order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from './fixtures.ts';
import { days, e2eNow } from './clock.ts';
import { DEMO, ownGroup, ownTimes, staffApi } from './staff.ts';
import { createFormatter, type FormatData, type Formatter, withNumberingSystem } from '../../src/i18n/format.ts';
import { LOCALE_CODES, localeInfo, serviceLanguageOf } from '../../src/i18n/locales.ts';
import { addWorkingDays } from '../../src/domain/calendar.ts';

const data = (l: string) => JSON.parse(fs.readFileSync(path.join('locales', l, 'format.json'), 'utf8')) as FormatData;

/** Who serves each locale in the demo data; a locale nobody serves books in Finnish. */
const SERVED: Record<string, string> = {
  fi: DEMO.advisorRu,
  sv: DEMO.advisorSo,
  en: DEMO.advisorAr,
  ru: DEMO.advisorRu,
  uk: DEMO.advisorRu,
  ar: DEMO.advisorAr,
  so: DEMO.advisorSo,
};

/** Names no page of another locale may show: weekdays, months, holidays (English too), and "and". */
const NAME_KEYS = /^(weekday|month|monthStandalone|holiday)\./;
const names = new Map<string, Set<string>>(
  LOCALE_CODES.map((l) => [
    l,
    new Set(
      Object.entries(data(l))
        .filter(([k, v]) => NAME_KEYS.test(k) && !/^\d+$/.test(v))
        .map(([, v]) => v),
    ),
  ]),
);
const owners = new Map<string, Set<string>>();
for (const [l, set] of names) for (const n of set) owners.set(n, (owners.get(n) ?? new Set()).add(l));
/** The names of other locales a page in `locale` must not show: names two locales share left out… */
function foreignNames(locale: string): string[] {
  return (
    [...owners]
      // …and those inside one of its own ("Ascension" in French, in English "Ascension Day").
      .filter(([n, ls]) => ls.size === 1 && !ls.has(locale) && ![...names.get(locale)!].some((own) => own.includes(n)))
      .map(([n]) => n)
      .concat(locale === 'en' ? [] : ['and'])
  );
}
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every check of one screen. */
async function checkScreen(page: Page, f: Formatter, screen: string) {
  // 1. every date and time is a <time> with the module's text
  const times = await page
    .locator('main time')
    .evaluateAll((els) =>
      els.map((el) => ({ datetime: el.getAttribute('datetime') ?? '', text: (el.textContent ?? '').trim() })),
    );
  for (const { datetime, text } of times) {
    let expected: string[];
    if (/^\d\d:\d\d$/.test(datetime)) expected = [f.clock(datetime)];
    else if (/^\d{4}-\d\d$/.test(datetime)) expected = [f.monthYear(datetime)];
    else if (/^\d{4}-\d\d-\d\d$/.test(datetime)) expected = [f.day(datetime), f.date(datetime), f.fullDate(datetime)];
    else {
      const d = new Date(datetime);
      expect(Number.isNaN(d.getTime()), `${screen}: <time datetime="${datetime}">`).toBe(false);
      expected = [f.time(d), f.dateTime(d), f.day(d), f.date(d), f.fullDate(d)];
    }
    expect(expected, `${screen}: <time datetime="${datetime}">${text}</time>`).toContain(text);
  }
  // The page's own text (not the data blocks, not names shown in their own language).
  const text = await page.evaluate(() => {
    const main = document.querySelector('main')!.cloneNode(true) as HTMLElement;
    const lang = document.documentElement.lang;
    for (const el of main.querySelectorAll('script, [lang]'))
      if (el.getAttribute('lang') !== lang || el.localName === 'script') el.remove();
    return main.textContent ?? '';
  });
  expect(text, `${screen}: no numeric month-first date`).not.toMatch(/\b\d{1,2}\/\d{1,2}(\/\d{2,4})?\b/);
  // 2. no weekday, month or holiday name of another locale or of English, as a whole word
  const found = foreignNames(f.locale).filter((n) =>
    new RegExp(`(?<![\\p{L}\\p{M}])${escapeRe(n)}(?![\\p{L}\\p{M}])`, 'u').test(text),
  );
  expect(found, `${screen}: names of other locales`).toEqual([]);
  // 3. nothing outside the viewport; 4. no time or reference broken across lines
  const layout = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const hidden = '.visually-hidden, .skip-link, .hp, .honeypot, [hidden], dialog:not([open])';
    const outside: string[] = [];
    for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
      if (el.closest(hidden) || !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.left < -1 || r.right > width + 1)
        outside.push(
          `${el.localName}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.left)}–${Math.round(r.right)}`,
        );
    }
    const broken = [...document.querySelectorAll<HTMLElement>('main time, main .reference')]
      .filter((el) => !el.closest(hidden))
      .filter((el) => el.localName !== 'time' || /^[\d٠-٩۰-۹]{2}:[\d٠-٩۰-۹]{2}$/.test((el.textContent ?? '').trim()))
      .filter((el) => el.getClientRects().length > 1)
      .map((el) => el.textContent);
    return { outside, broken, scrollWidth: document.documentElement.scrollWidth, width };
  });
  expect(layout.outside, `${screen}: elements outside the 320 px viewport`).toEqual([]);
  expect(layout.scrollWidth, `${screen}: no sideways scrolling`).toBeLessThanOrEqual(layout.width);
  expect(layout.broken, `${screen}: times and references on one line`).toEqual([]);
}

test.use({ viewport: { width: 320, height: 640 } });

for (const [i, locale] of LOCALE_CODES.entries()) {
  test(`dates, names and layout at 320 px (${locale})`, async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    // The formatter the pages use: the locale's file and the registry's numbering system.
    const f = createFormatter(locale, withNumberingSystem(data(locale), localeInfo(locale).numberingSystem));
    const { today, plus, firstBookable } = days(e2eNow());
    // The reader's language of service (Easy Finnish readers are served in Finnish).
    const service = serviceLanguageOf(locale);
    const served = service in SERVED;
    const language = served ? service : 'fi';
    // A time of this locale's own, apart from every other locale's: 20:00, 20:20 … 21:40 on the
    // first bookable day, then the same on the next working days.
    const date = addWorkingDays(firstBookable, Math.floor(i / 6));
    const minutes = 20 * 60 + 20 * (i % 6);
    const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const staff = await staffApi(SERVED[service] ?? DEMO.advisorSo, { baseURL: baseURL!, now: e2eNow });
    const [own] = await ownTimes(staff, { date, times: [time], slotMinutes: 15, language, mode: 'in_person' });
    await staff.dispose();
    const coordinator = await staffApi(DEMO.coordinator, { baseURL: baseURL!, now: e2eNow });
    const group = await ownGroup(coordinator, {
      course: 'society-orientation',
      language: service,
      capacity: 20,
      enrolOpens: today,
      firstDate: plus(20),
      weeks: 2,
      start: '17:00',
      end: '19:00',
    });
    await coordinator.dispose();

    // The booking flow to its confirmation.
    await page.goto(`/${locale}/book/`);
    const select = page.locator('#booking-serviceLanguage');
    await expect(select).toBeVisible();
    if (served) await expect(select).toHaveValue(service);
    else {
      // No advisor speaks it: said first, nothing preselected, an interpreter in it offered.
      await expect(page.locator('#booking-unserved')).toContainText(f.languageName(locale));
      await expect(select).toHaveValue('');
      await checkScreen(page, f, 'booking: language');
      await page.locator('ihl-booking button[type=submit]').click();
      await expect(page.locator('.error-summary')).toBeFocused();
      await select.selectOption('fi');
      await expect(page.locator('ihl-booking input[type=checkbox]').first()).toBeChecked();
    }
    await page.locator('ihl-booking button[type=submit]').click();
    await expect(page.locator('[data-step-heading]')).toBeFocused();
    await page.locator(`ihl-booking input[name=day][value="${date}"]`).check();
    await page.locator(`ihl-booking input[name=slot][value="${own!.slotId}"]`).check();
    await checkScreen(page, f, 'booking: times');
    await page.locator('ihl-booking button[type=submit]').click();
    await page.locator('#booking-name').fill('Testi Henkilö');
    await page.locator('#booking-email').fill(`e2e-format-${locale}-${crypto.randomUUID()}@example.com`);
    if (!served) await expect(page.locator('#booking-interpreterLanguage')).toHaveValue(locale);
    await page.locator('ihl-booking button[type=submit]').click();
    await expect(page.locator('[data-step-heading]')).toBeFocused();
    await checkScreen(page, f, 'booking: check');
    await page.locator('ihl-booking .actions button.button:not(.button--secondary)').click();
    await expect(page.locator('ihl-booking .reference')).toBeVisible();
    await checkScreen(page, f, 'booking: confirmation');
    await expect(page.locator('ihl-booking .summary')).toContainText(f.dateTime(own!.start));
    if (!served) await expect(page.locator('ihl-booking .summary')).toContainText(f.languageName(locale));

    // The catalogue with this locale's group open.
    await page.goto(`/${locale}/courses/?topic=orientation&language=${service}`);
    const card = page.locator(`li.group[data-group="${group.id}"]`);
    await expect(card).toBeVisible();
    await card.locator('summary').click();
    await expect(card.locator('time').first()).toBeVisible();
    await checkScreen(page, f, 'catalogue');

    // The queue's phone page, once it has said whether the queue is open.
    await page.goto(`/${locale}/walk-in/queue/`);
    await expect(page.locator('ihl-queue-join .notice').first()).toBeVisible();
    await checkScreen(page, f, 'queue');

    // The walk-in page, once the live schedule has come (the table a list at this width).
    await page.goto(`/${locale}/walk-in/`);
    await expect(page.locator('ihl-walk-in-status .status')).toBeVisible();
    await checkScreen(page, f, 'walk-in');
    await expect(page.locator('table.schedule td').first()).toHaveCSS('display', 'block');
  });
}
