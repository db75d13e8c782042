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
import { LightElement, islandFormatter, islandTranslator, readIslandData, tHtml, timeHtml } from '../shared/island.ts';
import { helsinkiDate } from '../../domain/calendar.ts';
import {
  nextInLanguage,
  upcomingChanges,
  walkInStatus,
  type OpenSession,
  type WalkInData,
} from '../../domain/walk-in.ts';
import { isLocale, serviceLanguageOf } from '../../i18n/locales.ts';
import type { Formatter } from '../../i18n/format.ts';
import type { Translator } from '../../i18n/translator.ts';

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
  f!: Formatter;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.now = new Date();
  }

  override connectedCallback() {
    this.tr = islandTranslator(this);
    this.f = islandFormatter(this);
    super.connectedCallback();
    const built = readIslandData<WalkInData>(this, 'walk-in');
    void liveData(this.now).then((data) => (this.data = data ?? built));
    this.#timer = setInterval(() => (this.now = new Date()), 30_000);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  /** A date of the schedule as a `<time>`: "tiistai 8. joulukuuta" (with the year for later months). */
  day(date: string, withYear = false) {
    return timeHtml(this.f, withYear ? 'fullDate' : 'day', date);
  }

  clock(hhmm: string) {
    return timeHtml(this.f, 'clock', hhmm);
  }
}

export class WalkInStatusElement extends WalkInElement {
  #day(s: OpenSession) {
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
    const f = this.f;
    return html`
      ${
        status.state === 'open'
          ? html`<p class="status status--open"><strong>${tHtml(this.tr, 'walkIn.openNow', { until: this.clock(status.session.end) })}</strong></p>
            <p>${t('walkIn.openNowLanguages', { languages: f.languageList(status.session.languages) })}</p>`
          : html`<p class="status status--closed">
              <strong>${holiday ? t('walkIn.closedHoliday', { holiday: f.holiday(holiday.key) }) : t('walkIn.closedNow')}</strong>
            </p>
            ${status.next ? html`<p>${tHtml(this.tr, 'walkIn.opensNext', { day: this.#day(status.next), time: this.clock(status.next.start) })}</p>` : ''}`
      }
      ${
        served === 'fi'
          ? ''
          : mine
            ? html`<p>${tHtml(this.tr, 'walkIn.yourLanguageNext', { language: f.languageName(served), day: this.#day(mine), time: this.clock(mine.start) })}</p>`
            : html`<p>${t('walkIn.yourLanguageNone', { language: f.languageName(served) })}</p>`
      }
    `;
  }
}

/** The exceptions and holidays of the coming months, from the reader's today. */
export class WalkInUpcomingElement extends WalkInElement {
  override render() {
    if (!this.data) return nothing;
    const { t } = this.tr;
    const changes = upcomingChanges(this.data, this.now);
    if (!changes.length) return html`<p>${t('walkIn.noExceptions')}</p>`;
    return html`<ul>
      ${changes.map((c) => {
        const text = c.holiday
          ? this.f.holiday(c.holiday.key)
          : t(c.kind === 'closed' ? 'walkIn.exceptionClosed' : 'walkIn.exceptionHours');
        return html`<li>
          <strong>${this.day(c.date, true)}</strong>: ${text}
          ${c.sessions.map((s) => html` <span class="nowrap" dir="ltr">${this.clock(s.start)}–${this.clock(s.end)}</span>`)}
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
