/**
 * <ihl-walk-in-status>: "open now" or "opens next", and the next time the reader's language is
 * served, computed in the browser with its own clock in Europe/Helsinki; <ihl-walk-in-upcoming>:
 * the exceptions and holidays of the coming months. Both read /api/walk-in for the year of the
 * reader's clock (the schedule as staff last saved it, and that year's holidays): the page itself
 * holds no date, since the build's clock is not the reader's. Until the answer comes (or if it
 * never does) they show the page's own text and the schedule the page was built with.
 * Announced politely to screen readers.
 */
import { html, nothing } from 'lit';
import { LightElement, islandTranslator, readIslandData } from '../shared/island.ts';
import { helsinkiDate, weekdayOf } from '../../domain/calendar.ts';
import {
  nextInLanguage,
  upcomingChanges,
  walkInStatus,
  type OpenSession,
  type WalkInData,
} from '../../domain/walk-in.ts';
import { languageList, languageName } from '../../i18n/language-names.ts';
import { isLocale, serviceLanguageOf } from '../../i18n/locales.ts';
import type { Translator } from '../../i18n/translator.ts';

const MARK = '\u2063';
/** Puts an element where a placeholder was, so text in another language keeps its own lang. */
function withElement(text: string, element: unknown) {
  const [before, after] = text.split(MARK);
  return html`${before}${element}${after ?? ''}`;
}

/** One request per page for both elements: the schedule with the holidays of the reader's year. */
let live: Promise<WalkInData | undefined> | undefined;
function liveData(now: Date): Promise<WalkInData | undefined> {
  live ??= fetch(`/api/walk-in?year=${helsinkiDate(now).slice(0, 4)}`, { headers: { accept: 'application/json' } })
    .then((res) => (res.ok ? (res.json() as Promise<WalkInData>) : undefined))
    .catch(() => undefined); // offline: the schedule from the build stays
  return live;
}

/** The reader's clock, ticking every 30 s; the data from the API, or the build's if it never comes. */
class WalkInElement extends LightElement {
  static override properties = { data: { state: true }, now: { state: true } };
  declare data: WalkInData | undefined;
  declare now: Date;
  tr!: Translator;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.now = new Date();
  }

  override connectedCallback() {
    this.tr = islandTranslator(this);
    super.connectedCallback();
    const built = readIslandData<WalkInData>(this, 'walk-in');
    void liveData(this.now).then((data) => (this.data = data ?? built));
    this.#timer = setInterval(() => (this.now = new Date()), 30_000);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  day(date: string, withYear = false): string {
    const { t, locale } = this.tr;
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const weekday = weekdayOf(date);
    let shown: string;
    try {
      shown = new Intl.DateTimeFormat(locale, {
        day: 'numeric',
        month: 'numeric',
        ...(withYear ? { year: 'numeric' } : {}),
        timeZone: 'UTC',
      }).format(new Date(Date.UTC(y, m - 1, d)));
    } catch {
      shown = withYear ? `${d}.${m}.${y}` : `${d}.${m}.`;
    }
    return `${t(`weekday.${weekday}`)} ${shown}`;
  }
}

export class WalkInStatusElement extends WalkInElement {
  #day(s: OpenSession): string {
    return this.day(s.date);
  }

  override render() {
    if (!this.data) return html`<p>${this.tr.t('walkIn.statusNoScript')}</p>`;
    const { t, locale } = this.tr;
    const status = walkInStatus(this.data, this.now);
    // The reader's language of service: Easy Finnish readers are served in Finnish.
    const served = isLocale(locale) ? serviceLanguageOf(locale) : locale;
    const mine = served === 'fi' ? undefined : nextInLanguage(this.data, this.now, served);
    const holiday = status.state === 'closed' ? status.holiday : undefined;
    // A holiday's name exists in fi, sv and en; other readers get the English one, marked as such.
    const holidayLang = holiday ? ([served, 'en', 'fi'].find((l) => holiday.name[l]) ?? 'fi') : locale;
    return html`
      ${
        status.state === 'open'
          ? html`<p class="status status--open"><strong>${t('walkIn.openNow', { until: status.session.end })}</strong></p>
            <p>${t('walkIn.openNowLanguages', { languages: languageList(status.session.languages, locale) })}</p>`
          : html`<p class="status status--closed">
              <strong>${holiday ? withElement(t('walkIn.closedHoliday', { holiday: MARK }), html`<span lang=${holidayLang}>${holiday.name[holidayLang]}</span>`) : t('walkIn.closedNow')}</strong>
            </p>
            ${status.next ? html`<p>${t('walkIn.opensNext', { day: this.#day(status.next), time: status.next.start })}</p>` : ''}`
      }
      ${
        served === 'fi'
          ? ''
          : mine
            ? html`<p>${t('walkIn.yourLanguageNext', { language: languageName(served, locale), day: this.#day(mine), time: mine.start })}</p>`
            : html`<p>${t('walkIn.yourLanguageNone', { language: languageName(served, locale) })}</p>`
      }
    `;
  }
}

/** The exceptions and holidays of the coming months, from the reader's today. */
export class WalkInUpcomingElement extends WalkInElement {
  override render() {
    if (!this.data) return nothing;
    const { t, locale } = this.tr;
    const changes = upcomingChanges(this.data, this.now);
    if (!changes.length) return html`<p>${t('walkIn.noExceptions')}</p>`;
    return html`<ul>
      ${changes.map((c) => {
        // A holiday's name exists in fi, sv and en; other readers get the English one, marked as such.
        const lang = c.holiday ? ([locale, 'en', 'fi'].find((l) => c.holiday!.name[l]) ?? 'fi') : locale;
        const text = c.holiday
          ? c.holiday.name[lang]
          : t(c.kind === 'closed' ? 'walkIn.exceptionClosed' : 'walkIn.exceptionHours');
        return html`<li>
          <strong>${this.day(c.date, true)}</strong>: <span lang=${lang === locale ? nothing : lang}>${text}</span>
          ${c.sessions.map((s) => html` <span dir="ltr">${s.start}–${s.end}</span>`)}
        </li>`;
      })}
    </ul>`;
  }
}

customElements.define('ihl-walk-in-status', WalkInStatusElement);
customElements.define('ihl-walk-in-upcoming', WalkInUpcomingElement);

declare global {
  interface HTMLElementTagNameMap {
    'ihl-walk-in-status': WalkInStatusElement;
    'ihl-walk-in-upcoming': WalkInUpcomingElement;
  }
}
