/**
 * <ihl-catalogue>: course groups by language, month, format and topic, with live seats (refreshed
 * every 20 s), and an enrolment form per group: a seat when there is one, the waitlist when full.
 */
import { html, nothing } from 'lit';
import { LightElement, islandFormatter, islandTranslator, readIslandData, tHtml, timeHtml } from '../shared/island.ts';
import type { Translator } from '../../i18n/translator.ts';
import { enrolmentRequestShape } from '../../contracts/courses-fields.ts';
import type { Formatter } from '../../i18n/format.ts';
import { publicApi } from '../shared/api.ts';
import { answeredErrors, checkedErrors } from '../shared/field-errors.ts';
import { addMonths, helsinkiMonth } from '../../domain/calendar.ts';

interface Group {
  id: string;
  course: string;
  language: string;
  format: string;
  place: string | null;
  capacity: number;
  seatsLeft: number;
  waiting: number;
  enrolOpen: boolean;
  sessions: { start: string; end: string }[];
}
interface Config {
  locale: string;
  /** The teaching language to show first: the page's language of service (Easy Finnish readers: Finnish). */
  serviceLanguage: string;
  privacyUrl: string;
  privacyLabel: string;
  courses: Record<string, { title: string; topic: string }>;
  topics: string[];
  languages: { code: string; name: string }[];
}

export class CatalogueElement extends LightElement {
  static override properties = {
    groups: { state: true },
    language: { state: true },
    month: { state: true },
    format: { state: true },
    topic: { state: true },
    open: { state: true },
    errors: { state: true },
    result: { state: true },
    loading: { state: true },
  };
  declare groups: Group[];
  declare language: string;
  declare month: string;
  declare format: string;
  declare topic: string;
  declare open: string | undefined;
  declare errors: Record<string, string>;
  /** The enrolment just made; `confirmBy`: held until confirmed (README "Security"). */
  declare result: { groupId: string; text: string; token: string; confirmBy?: string | null } | undefined;
  declare loading: boolean;
  #tr!: Translator;
  #cfg!: Config;
  #f!: Formatter;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.groups = [];
    this.month = '';
    this.format = '';
    this.topic = '';
    this.errors = {};
    this.loading = true;
  }

  override connectedCallback() {
    this.#tr = islandTranslator(this);
    this.#f = islandFormatter(this);
    this.#cfg = readIslandData<Config>(this, 'catalogue')!;
    const params = new URLSearchParams(location.search);
    this.language = params.get('language') ?? this.#cfg.serviceLanguage;
    this.month = params.get('month') ?? '';
    this.format = params.get('format') ?? '';
    this.topic = params.get('topic') ?? '';
    super.connectedCallback();
    void this.#load();
    this.#timer = setInterval(() => void this.#load(), 20_000);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  async #load() {
    const q = new URLSearchParams({
      ...(this.language ? { language: this.language } : {}),
      ...(this.month ? { month: this.month } : {}),
      ...(this.format ? { format: this.format } : {}),
    });
    const res = await fetch(`/api/courses/groups?${q}`, { headers: { 'x-locale': this.#cfg.locale } });
    this.loading = false;
    if (res.ok) this.groups = ((await res.json()) as { groups: Group[] }).groups;
  }

  #setFilter(key: 'language' | 'month' | 'format' | 'topic', value: string) {
    this[key] = value;
    const url = new URL(location.href);
    for (const k of ['language', 'month', 'format', 'topic'] as const) {
      if (this[k]) url.searchParams.set(k, this[k]);
      else url.searchParams.delete(k);
    }
    history.replaceState(null, '', url);
    void this.#load();
  }

  async #enrol(e: Event, group: Group) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const body = {
      name: String(f.get('name') ?? ''),
      ...(String(f.get('phone') ?? '').trim() ? { phone: String(f.get('phone')) } : {}),
      ...(String(f.get('email') ?? '').trim() ? { email: String(f.get('email')) } : {}),
      contactLanguage: this.#cfg.locale,
      consent: f.get('consent') === 'yes',
    };
    const checked = enrolmentRequestShape.safeParse(body);
    if (!checked.success) {
      this.errors = checkedErrors(checked.error, this.#tr);
      await this.updateComplete;
      this.querySelector<HTMLElement>('.error-summary')?.focus();
      return;
    }
    const res = await publicApi<{
      reference?: string;
      status?: string;
      manageToken?: string;
      confirmBy?: string | null;
    }>(this.#cfg.locale, `/api/courses/groups/${group.id}/enrolments`, { method: 'POST', body: JSON.stringify(body) });
    const json = res.body;
    this.errors = {};
    if (json.error?.fields) {
      // A field only the server can check (a phone number SMS cannot reach): shown at the field.
      this.errors = answeredErrors(json.error.fields);
      await this.updateComplete;
      this.querySelector<HTMLElement>('.error-summary')?.focus();
      return;
    }
    this.result = res.ok
      ? {
          groupId: group.id,
          token: json.manageToken!,
          confirmBy: json.confirmBy ?? null,
          text: this.#tr.t(json.status === 'enrolled' ? 'catalogue.enrolled' : 'catalogue.waitlisted', {
            reference: json.reference,
          }),
        }
      : { groupId: group.id, token: '', text: json.error?.message ?? this.#tr.t('errors.internal') };
    await this.#load();
    await this.updateComplete;
    this.querySelector<HTMLElement>('.enrol-result')?.focus();
  }

  async #cancel() {
    if (!this.result?.token) return;
    const res = await publicApi(this.#cfg.locale, `/api/courses/enrolments/manage/${this.result.token}/cancel`, {
      method: 'POST',
      body: '{}',
    });
    this.result = {
      ...this.result,
      token: '',
      confirmBy: null,
      text: res.ok ? this.#tr.t('catalogue.cancelled') : this.#tr.t('errors.internal'),
    };
    await this.#load();
    await this.updateComplete;
    this.querySelector<HTMLElement>('.enrol-result')?.focus();
  }

  /** A held place: confirm by the deadline (in the reader's time format) on the enrolment's page. */
  #held(token: string, confirmBy: string) {
    return html`<p class="enrol-hold">${tHtml(this.#tr, 'catalogue.held', { deadline: timeHtml(this.#f, 'time', new Date(confirmBy)) })}</p>
      <p><a class="button" href=${`/${this.#cfg.locale}/courses/manage/${token}/`}>${this.#tr.t('manage.confirmButton')}</a></p>`;
  }

  /** Every problem by name, each a link to its field; never an empty box. */
  #summary() {
    const entries = Object.entries(this.errors);
    if (!entries.length) return nothing;
    return html`<div class="error-summary" role="alert" tabindex="-1">
      <p>${this.#tr.t('booking.errorSummary')}</p>
      <ul>${entries.map(([field, msg]) =>
        field === '_'
          ? html`<li>${msg}</li>`
          : html`<li><a href=${`#en-${field}`} @click=${(e: Event) => {
              e.preventDefault();
              this.querySelector<HTMLElement>(`#en-${field}`)?.focus();
            }}>${msg}</a></li>`,
      )}</ul>
    </div>`;
  }

  #form(g: Group) {
    const { t } = this.#tr;
    const title = this.#cfg.courses[g.course]?.title ?? g.course;
    const err = (k: string) =>
      this.errors[k] ? html`<p class="field-error" id=${`en-${k}-error`}>${this.errors[k]}</p>` : nothing;
    const described = (k: string) => (this.errors[k] ? `en-${k}-error` : nothing);
    return html`<form class="enrol-form" @submit=${(e: Event) => this.#enrol(e, g)} novalidate aria-labelledby=${`enrol-${g.id}`}>
      <h4 id=${`enrol-${g.id}`}>${t('catalogue.enrolTitle', { course: title })}</h4>
      ${this.#summary()}
      <div class="field"><label for="en-name">${t('booking.nameLabel')}</label>${err('name')}<input id="en-name" name="name" autocomplete="name" aria-describedby=${described('name')} /></div>
      <p class="hint">${t('booking.contactHint')}</p>
      <div class="field"><label for="en-phone">${t('booking.phoneLabel')}</label>${err('phone')}<input id="en-phone" name="phone" type="tel" autocomplete="tel" aria-describedby=${described('phone')} /></div>
      <div class="field"><label for="en-email">${t('booking.emailLabel')}</label>${err('email')}<input id="en-email" name="email" type="email" autocomplete="email" aria-describedby=${described('email')} /></div>
      ${err('consent')}
      <label class="check"><input id="en-consent" type="checkbox" name="consent" value="yes" aria-invalid=${this.errors.consent ? 'true' : nothing} aria-describedby=${described('consent')} /> ${t('catalogue.consent')}</label>
      <p><a href=${this.#cfg.privacyUrl}>${this.#cfg.privacyLabel}</a></p>
      <button class="button" type="submit">${t('catalogue.send')}</button>
    </form>`;
  }

  #group(g: Group) {
    const { t } = this.#tr;
    const course = this.#cfg.courses[g.course];
    const full = g.seatsLeft <= 0;
    return html`<li class="card group" data-group=${g.id}>
      <h3>${course?.title ?? g.course}</h3>
      <p><strong>${this.#cfg.languages.find((l) => l.code === g.language)?.name ?? g.language}</strong> · ${t(`catalogue.format.${g.format}`)}</p>
      ${g.place ? html`<p>${t('catalogue.place')}: <span dir="ltr">${g.place}</span></p>` : nothing}
      <p class="seats" aria-live="polite"><strong>${full ? t('catalogue.full') : t('catalogue.seatsLeft', { count: g.seatsLeft })}</strong></p>
      <details><summary>${t('catalogue.sessions')} (${g.sessions.length})</summary>
        <ul>${g.sessions.map((s) => html`<li>${timeHtml(this.#f, 'dateTime', new Date(s.start))}</li>`)}</ul></details>
      ${
        this.result?.groupId === g.id
          ? html`<div class="enrol-result notice" tabindex="-1" role="status"><p>${this.result.text}</p>
            ${this.result.token && this.result.confirmBy ? this.#held(this.result.token, this.result.confirmBy) : nothing}
            ${this.result.token ? html`<button class="button button--secondary" type="button" @click=${() => this.#cancel()}>${t('catalogue.cancelLink')}</button>` : nothing}</div>`
          : this.open === g.id
            ? this.#form(g)
            : html`<button class="button" type="button" @click=${() => {
                this.open = g.id;
                this.errors = {};
              }}>${full ? t('catalogue.joinWaitlist') : t('catalogue.enrol')}</button>`
      }
    </li>`;
  }

  override render() {
    const { t } = this.#tr;
    const thisMonth = helsinkiMonth(new Date());
    const months = Array.from({ length: 8 }, (_, i) => addMonths(thisMonth, i));
    const shown = this.groups.filter((g) => !this.topic || this.#cfg.courses[g.course]?.topic === this.topic);
    return html`
      <form class="filters" aria-label=${t('catalogue.filters')} @submit=${(e: Event) => e.preventDefault()}>
        <div class="field"><label for="c-language">${t('catalogue.filterLanguage')}</label>
          <select id="c-language" @change=${(e: Event) => this.#setFilter('language', (e.target as HTMLSelectElement).value)}>
            <option value="">${t('catalogue.any')}</option>
            ${this.#cfg.languages.map((l) => html`<option value=${l.code} ?selected=${this.language === l.code}>${l.name}</option>`)}</select></div>
        <div class="field"><label for="c-month">${t('catalogue.filterMonth')}</label>
          <select id="c-month" @change=${(e: Event) => this.#setFilter('month', (e.target as HTMLSelectElement).value)}>
            <option value="">${t('catalogue.any')}</option>
            ${months.map((m) => html`<option value=${m} ?selected=${this.month === m}>${this.#f.monthYear(m)}</option>`)}</select></div>
        <div class="field"><label for="c-format">${t('catalogue.filterFormat')}</label>
          <select id="c-format" @change=${(e: Event) => this.#setFilter('format', (e.target as HTMLSelectElement).value)}>
            <option value="">${t('catalogue.any')}</option>
            ${['in_person', 'online', 'hybrid'].map((f) => html`<option value=${f} ?selected=${this.format === f}>${t(`catalogue.format.${f}`)}</option>`)}</select></div>
        <div class="field"><label for="c-topic">${t('catalogue.filterTopic')}</label>
          <select id="c-topic" @change=${(e: Event) => this.#setFilter('topic', (e.target as HTMLSelectElement).value)}>
            <option value="">${t('catalogue.any')}</option>
            ${this.#cfg.topics.map((x) => html`<option value=${x} ?selected=${this.topic === x}>${t(`catalogue.topic.${x}`)}</option>`)}</select></div>
      </form>
      <h2>${t('catalogue.groupsTitle')}</h2>
      ${this.loading ? html`<p>${t('catalogue.loading')}</p>` : shown.length === 0 ? html`<p>${t('catalogue.none')}</p>` : html`<ul class="card-grid" role="list">${shown.map((g) => this.#group(g))}</ul>`}`;
  }
}
customElements.define('ihl-catalogue', CatalogueElement);
declare global {
  interface HTMLElementTagNameMap {
    'ihl-catalogue': CatalogueElement;
  }
}
