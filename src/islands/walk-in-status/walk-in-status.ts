/**
 * <ihl-walk-in-status>: "open now" or "opens next", and the next time the reader's language is
 * served, computed in the browser with its own clock in Europe/Helsinki. It starts from the
 * schedule the page was built with and refreshes it from /api/walk-in, so a staff change shows
 * without a rebuild. Announced politely to screen readers.
 */
import { html } from 'lit';
import { LightElement, islandTranslator, readIslandData } from '../shared/island.ts';
import { nextInLanguage, walkInStatus, type OpenSession, type WalkInData } from '../../domain/walk-in.ts';
import { languageList, languageName } from '../../i18n/language-names.ts';
import type { Translator } from '../../i18n/translator.ts';

const MARK = '\u2063';
/** Puts an element where a placeholder was, so text in another language keeps its own lang. */
function withElement(text: string, element: unknown) {
  const [before, after] = text.split(MARK);
  return html`${before}${element}${after ?? ''}`;
}

export class WalkInStatusElement extends LightElement {
  static override properties = { data: { state: true }, now: { state: true } };
  declare data: WalkInData | undefined;
  declare now: Date;
  #tr!: Translator;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.now = new Date();
  }

  override connectedCallback() {
    this.#tr = islandTranslator(this);
    this.data = readIslandData<WalkInData>(this, 'walk-in');
    super.connectedCallback();
    void this.#refresh();
    this.#timer = setInterval(() => (this.now = new Date()), 30_000);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  async #refresh() {
    try {
      const res = await fetch('/api/walk-in', { headers: { accept: 'application/json' } });
      if (res.ok) this.data = (await res.json()) as WalkInData;
    } catch {
      /* offline: the schedule from the build stays */
    }
  }

  #day(s: OpenSession): string {
    const { t, locale } = this.#tr;
    const [y, m, d] = s.date.split('-').map(Number) as [number, number, number];
    const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
    let date: string;
    try {
      date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
    } catch {
      date = `${d}.${m}.`;
    }
    return `${t(`weekday.${weekday}`)} ${date}`;
  }

  override render() {
    if (!this.data) return html`<p>${this.#tr.t('walkIn.statusNoScript')}</p>`;
    const { t, locale } = this.#tr;
    const status = walkInStatus(this.data, this.now);
    const mine = locale === 'fi' ? undefined : nextInLanguage(this.data, this.now, locale);
    const holiday = status.state === 'closed' ? status.holiday : undefined;
    // A holiday's name exists in fi, sv and en; other readers get the English one, marked as such.
    const holidayLang = holiday ? ([locale, 'en', 'fi'].find((l) => holiday.name[l]) ?? 'fi') : locale;
    return html`
      ${status.state === 'open'
        ? html`<p class="status status--open"><strong>${t('walkIn.openNow', { until: status.session.end })}</strong></p>
            <p>${t('walkIn.openNowLanguages', { languages: languageList(status.session.languages, locale) })}</p>`
        : html`<p class="status status--closed">
              <strong>${holiday ? withElement(t('walkIn.closedHoliday', { holiday: MARK }), html`<span lang=${holidayLang}>${holiday.name[holidayLang]}</span>`) : t('walkIn.closedNow')}</strong>
            </p>
            ${status.next ? html`<p>${t('walkIn.opensNext', { day: this.#day(status.next), time: status.next.start })}</p>` : ''}`}
      ${locale === 'fi'
        ? ''
        : mine
          ? html`<p>${t('walkIn.yourLanguageNext', { language: languageName(locale, locale), day: this.#day(mine), time: mine.start })}</p>`
          : html`<p>${t('walkIn.yourLanguageNone', { language: languageName(locale, locale) })}</p>`}
    `;
  }
}

customElements.define('ihl-walk-in-status', WalkInStatusElement);

declare global {
  interface HTMLElementTagNameMap {
    'ihl-walk-in-status': WalkInStatusElement;
  }
}
