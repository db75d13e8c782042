/**
 * <ihl-booking>: book an integration-plan assessment in five steps (language and mode → time →
 * details → check → done). Every field is checked with the same zod schema the API uses; errors
 * are listed in a summary and at each field; focus moves to each step's heading. The answer of a
 * lost race ("just taken") brings the person back to the times with fresh ones.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { LightElement, emit, islandTranslator, readIslandData } from '../shared/island.ts';
import { BOOKING_PREFILL_KEY, type BookingPrefill } from '../shared/prefill.ts';
import '../shared/feedback.ts';
import {
  bookingRequestSchema,
  type BookingCreated,
  type BookingOptions,
  type FreeTime,
  type Mode,
  type SlotsResponse,
} from '../../contracts/booking.ts';
import { formatDateTime, formatDay, formatTime } from '../../i18n/format.ts';
import { addDays } from '../../domain/calendar.ts';
import type { Translator } from '../../i18n/translator.ts';
import { fieldErrors } from '../../contracts/field-errors.ts';
import type { MaybeApiError } from '../../contracts/api-error.ts';

interface Config {
  locale: string;
  names: Record<string, string>;
  contactLocales: { code: string; name: string; dir: string }[];
  privacyUrl: string;
  privacyLabel: string;
  address: string;
  coursesUrl: string;
}
type Step = 'service' | 'time' | 'details' | 'check' | 'done';
const STEPS: Step[] = ['service', 'time', 'details', 'check', 'done'];

interface Details {
  name: string;
  phone: string;
  email: string;
  contactLanguage: string;
  interpreter: boolean;
  interpreterLanguage: string;
  accessNeeds: string;
  reason: string;
  website: string;
}

export class BookingElement extends LightElement {
  static override properties = {
    step: { state: true },
    options: { state: true },
    language: { state: true },
    mode: { state: true },
    slots: { state: true },
    day: { state: true },
    chosen: { state: true },
    details: { state: true },
    errors: { state: true },
    message: { state: true },
    busy: { state: true },
    created: { state: true },
    offerLink: { state: true },
  };
  declare step: Step;
  declare options: BookingOptions | undefined;
  declare language: string;
  declare mode: Mode;
  declare slots: SlotsResponse | undefined;
  declare day: string | undefined;
  declare chosen: FreeTime | undefined;
  declare details: Details;
  declare errors: Record<string, string>;
  declare message: string;
  declare busy: boolean;
  declare created: BookingCreated | undefined;
  declare offerLink: boolean;
  #tr!: Translator;
  #cfg!: Config;
  #focus = false;

  constructor() {
    super();
    this.step = 'service';
    this.mode = 'in_person';
    this.language = '';
    this.errors = {};
    this.message = '';
    this.busy = false;
    this.offerLink = false;
  }

  override connectedCallback() {
    this.#tr = islandTranslator(this);
    this.#cfg = readIslandData<Config>(this, 'booking')!;
    this.details = {
      name: '',
      phone: '',
      email: '',
      contactLanguage: this.#cfg.locale,
      interpreter: false,
      interpreterLanguage: '',
      accessNeeds: '',
      reason: '',
      website: '',
    };
    this.#applyPrefill();
    super.connectedCallback();
    void this.#loadOptions();
  }

  /**
   * An advisor booking for a referred client (the workspace inbox) leaves the client's details
   * in this tab's sessionStorage, never in the URL; they are read once and removed.
   */
  #applyPrefill() {
    const raw = sessionStorage.getItem(BOOKING_PREFILL_KEY);
    if (!raw) return;
    sessionStorage.removeItem(BOOKING_PREFILL_KEY);
    try {
      const p = JSON.parse(raw) as BookingPrefill;
      this.details = {
        ...this.details,
        name: p.name ?? '',
        phone: p.phone ?? '',
        email: p.email ?? '',
        interpreter: !!p.interpreter,
        interpreterLanguage: p.interpreter ? (p.language ?? '') : '',
      };
      if (p.language) this.language = p.language;
    } catch {
      /* not ours */
    }
  }

  async #api<T>(
    path: string,
    init?: RequestInit,
  ): Promise<{ ok: boolean; status: number; body: MaybeApiError<T, { nextTimes?: FreeTime[] }> }> {
    const res = await fetch(path, {
      ...init,
      headers: { 'content-type': 'application/json', 'x-locale': this.#cfg.locale, ...(init?.headers ?? {}) },
    });
    const body = await res.json().catch(() => ({}));
    return { ok: res.ok, status: res.status, body };
  }

  async #loadOptions() {
    const res = await this.#api<BookingOptions>('/api/bookings/options');
    if (!res.ok) {
      this.message = this.#tr.t('errors.unavailable');
      return;
    }
    this.options = res.body;
    const { locale } = this.#cfg;
    if (!this.language || !res.body.languages.includes(this.language))
      this.language = res.body.languages.includes(locale)
        ? locale
        : res.body.languages.includes('fi')
          ? 'fi'
          : (res.body.languages[0] ?? 'fi');
    this.mode = res.body.modes[0] ?? 'in_person';
  }

  #go(step: Step) {
    this.step = step;
    this.message = '';
    this.#focus = true;
    emit(this, 'ihl-booking-step', { step });
  }

  protected override updated() {
    if (this.#focus) {
      this.#focus = false;
      this.querySelector<HTMLElement>(
        Object.keys(this.errors).length ? '.error-summary' : '[data-step-heading]',
      )?.focus();
    }
  }

  async #showTimes(e?: Event) {
    e?.preventDefault();
    this.busy = true;
    const res = await this.#api<SlotsResponse>(
      `/api/bookings/slots?language=${encodeURIComponent(this.language)}&mode=${this.mode}`,
    );
    this.busy = false;
    if (!res.ok) {
      this.message = res.body.error?.message ?? this.#tr.t('errors.unavailable');
      return;
    }
    this.slots = res.body;
    this.day = res.body.days[0]?.date; // the first free day, preselected
    this.chosen = undefined;
    this.#go('time');
  }

  #chooseTime(e: Event) {
    e.preventDefault();
    if (!this.chosen) {
      this.errors = { slot: this.#tr.t('booking.chooseTime') };
      this.#focus = true;
      return;
    }
    this.errors = {};
    this.#go('details');
  }

  #request() {
    const d = this.details;
    return {
      slotId: this.chosen?.slotId ?? '',
      serviceLanguage: this.language,
      mode: this.mode,
      name: d.name,
      ...(d.phone.trim() ? { phone: d.phone } : {}),
      ...(d.email.trim() ? { email: d.email } : {}),
      contactLanguage: d.contactLanguage,
      ...(d.interpreter && d.interpreterLanguage ? { interpreterLanguage: d.interpreterLanguage } : {}),
      ...(d.accessNeeds.trim() ? { accessNeeds: d.accessNeeds } : {}),
      ...(d.reason.trim() ? { reason: d.reason } : {}),
      ...(d.website ? { website: d.website } : {}),
      locale: this.#cfg.locale,
    };
  }

  #checkDetails(e: Event) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const result = bookingRequestSchema.safeParse(this.#request());
    if (!result.success) {
      for (const [path, f] of Object.entries(fieldErrors(result.error)))
        errors[path.split('.')[0]!] ??= this.#tr.t(f.key, f.params);
    }
    if (this.details.interpreter && !this.details.interpreterLanguage)
      errors.interpreterLanguage = this.#tr.t('booking.interpreterLanguageRequired');
    this.errors = errors;
    if (Object.keys(errors).length) {
      this.#focus = true;
      return;
    }
    this.#go('check');
  }

  async #confirm() {
    this.busy = true;
    const res = await this.#api<BookingCreated>('/api/bookings', {
      method: 'POST',
      body: JSON.stringify(this.#request()),
    });
    this.busy = false;
    if (res.ok) {
      this.created = res.body;
      this.#go('done');
      return;
    }
    const error = res.body.error;
    if (error?.code === 'slot_taken' || error?.code === 'slot_unavailable') {
      await this.#showTimes();
      this.message = this.#tr.t('booking.slotTaken');
      return;
    }
    if (error?.code === 'existing_booking') {
      this.offerLink = true;
      this.message = error.message;
      return;
    }
    if (error?.fields) {
      this.errors = Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k.split('.')[0]!, v.message]));
      this.#go('details');
      return;
    }
    this.message = error?.message ?? this.#tr.t('errors.internal');
  }

  async #sendLink() {
    const d = this.details;
    await this.#api('/api/bookings/resend-link', {
      method: 'POST',
      body: JSON.stringify({
        name: d.name,
        ...(d.phone ? { phone: d.phone } : {}),
        ...(d.email ? { email: d.email } : {}),
        locale: this.#cfg.locale,
      }),
    });
    this.offerLink = false;
    this.message = this.#tr.t('booking.linkSent');
  }

  #set<K extends keyof Details>(key: K, value: Details[K]) {
    this.details = { ...this.details, [key]: value };
  }

  // --- rendering -------------------------------------------------------------------------------

  #stepper() {
    const { t } = this.#tr;
    const index = STEPS.indexOf(this.step);
    return html`<ol class="stepper">
      ${STEPS.map((s, i) => html`<li class=${i < index ? 'stepper__done' : ''} aria-current=${i === index ? 'step' : nothing}>${t(`booking.step.${s}`)}</li>`)}
    </ol>`;
  }

  #heading(step: Step, text: string) {
    const { t } = this.#tr;
    const index = STEPS.indexOf(step);
    return html`<h2 tabindex="-1" data-step-heading>
      <span class="visually-hidden">${t('booking.stepper', { current: index + 1, total: STEPS.length, name: t(`booking.step.${step}`) })}: </span>${text}
    </h2>`;
  }

  #errorSummary() {
    const entries = Object.entries(this.errors);
    if (!entries.length) return nothing;
    return html`<div class="error-summary" role="alert" tabindex="-1">
      <h3>${this.#tr.t('booking.errorSummary')}</h3>
      <ul>${entries.map(([field, msg]) => html`<li><a href=${`#booking-${field}`}>${msg}</a></li>`)}</ul>
    </div>`;
  }

  #field(name: keyof Details | 'slot' | 'serviceLanguage', label: string, control: TemplateResult, hint?: string) {
    const error = this.errors[name];
    return html`<div class=${`field${error ? ' field--error' : ''}`}>
      <label for=${`booking-${name}`}>${label}</label>
      ${hint ? html`<p class="hint" id=${`booking-${name}-hint`}>${hint}</p>` : nothing}
      ${error ? html`<p class="field-error" id=${`booking-${name}-error`}>${error}</p>` : nothing}
      ${control}
    </div>`;
  }

  #describedBy(name: string, hint = false) {
    const ids = [hint ? `booking-${name}-hint` : '', this.errors[name] ? `booking-${name}-error` : '']
      .filter(Boolean)
      .join(' ');
    return ids || nothing;
  }

  #renderService() {
    const { t } = this.#tr;
    if (!this.options) return html`<p>${this.message || t('booking.loading')}</p>`;
    // No advisor has availability (e.g. a new installation): say so; phone and walk-in stay on the page.
    if (!this.options.languages.length)
      return html`${this.#heading('service', t('booking.step.service'))}<p class="notice">${t('booking.noTimes')}</p>`;
    return html`<form @submit=${(e: Event) => this.#showTimes(e)}>
      ${this.#heading('service', t('booking.step.service'))}
      ${this.#field(
        'serviceLanguage',
        t('booking.languageLabel'),
        html`<select id="booking-serviceLanguage" aria-describedby="booking-serviceLanguage-hint" @change=${(e: Event) => (this.language = (e.target as HTMLSelectElement).value)}>
          ${this.options.languages.map((l) => html`<option value=${l} ?selected=${l === this.language}>${this.#cfg.names[l] ?? l}</option>`)}
        </select>`,
        t('booking.languageHint'),
      )}
      <fieldset class="choices">
        <legend>${t('booking.modeLabel')}</legend>
        ${this.options.modes.map(
          (m) =>
            html`<label class="choice"><input type="radio" name="mode" value=${m} .checked=${this.mode === m} @change=${() => (this.mode = m)} /><span>${t(`booking.mode.${m}`)}</span></label>`,
        )}
      </fieldset>
      <button class="button" type="submit" ?disabled=${this.busy}>${t('booking.showTimes')}</button>
    </form>`;
  }

  #renderTime() {
    const { t } = this.#tr;
    const { locale } = this.#cfg;
    const days = this.slots?.days ?? [];
    const earliest = this.slots?.earliest;
    if (!days.length) {
      return html`${this.#heading('time', t('booking.step.time'))}<p class="notice">${t('booking.noTimes')}</p>
        <button class="button button--secondary" type="button" @click=${() => this.#go('service')}>${t('booking.back')}</button>`;
    }
    // Every date from the first to the last free day; days without times are shown but disabled.
    const all: string[] = [];
    for (let d = days[0]!.date; d <= days.at(-1)!.date; d = addDays(d, 1)) all.push(d);
    const byDate = new Map(days.map((d) => [d.date, d.times]));
    const times = this.day ? (byDate.get(this.day) ?? []) : [];
    return html`<form @submit=${(e: Event) => this.#chooseTime(e)}>
      ${this.#heading('time', t('booking.step.time'))}
      ${this.message ? html`<p class="notice" role="alert">${this.message}</p>` : nothing}
      ${this.#errorSummary()}
      <fieldset class="days">
        <legend>${t('booking.dayLabel')}</legend>
        <div class="day-grid">
          ${all.map((date) => {
            const has = byDate.has(date);
            const label = formatDay(new Date(`${date}T12:00:00Z`), locale);
            return html`<label class=${`day${has ? '' : ' day--empty'}`}>
              <input type="radio" name="day" value=${date} ?disabled=${!has} .checked=${this.day === date} @change=${() => {
                this.day = date;
                this.chosen = undefined;
              }} />
              <span>${label}${has ? nothing : html`<span class="visually-hidden">, ${t('booking.noTimesOnDay')}</span>`}</span>
            </label>`;
          })}
        </div>
      </fieldset>
      <fieldset class="choices choices--times" id="booking-slot" aria-describedby=${this.errors.slot ? 'booking-slot-error' : nothing}>
        <legend>${t('booking.timeLabel')}: ${this.day ? formatDay(new Date(`${this.day}T12:00:00Z`), locale) : ''}</legend>
        ${this.errors.slot ? html`<p class="field-error" id="booking-slot-error">${this.errors.slot}</p>` : nothing}
        ${times.map(
          (time) => html`<label class="choice">
            <input type="radio" name="slot" value=${time.slotId} .checked=${this.chosen?.slotId === time.slotId} @change=${() => (this.chosen = time)} />
            <span dir="ltr">${formatTime(new Date(time.start), locale)}</span>
            ${time.start === earliest ? html`<strong class="badge">${t('booking.earliest')}</strong>` : nothing}
          </label>`,
        )}
      </fieldset>
      <div class="actions">
        <button class="button button--secondary" type="button" @click=${() => this.#go('service')}>${t('booking.back')}</button>
        <button class="button" type="submit">${t('booking.next')}</button>
      </div>
    </form>`;
  }

  #renderDetails() {
    const { t } = this.#tr;
    const d = this.details;
    const text = (name: keyof Details, type: string, autocomplete: string, hint = false) =>
      html`<input id=${`booking-${name}`} name=${name} type=${type} autocomplete=${autocomplete} .value=${String(d[name])}
        aria-invalid=${this.errors[name] ? 'true' : nothing} aria-describedby=${this.#describedBy(name, hint)}
        @input=${(e: Event) => this.#set(name, (e.target as HTMLInputElement).value as never)} />`;
    return html`<form @submit=${(e: Event) => this.#checkDetails(e)} novalidate>
      ${this.#heading('details', t('booking.step.details'))}
      ${this.#errorSummary()}
      <p>${t('booking.privacyNote')} <a href=${this.#cfg.privacyUrl}>${this.#cfg.privacyLabel}</a></p>
      ${this.#field('name', t('booking.nameLabel'), text('name', 'text', 'name'))}
      <p class="hint" id="booking-contact-hint">${t('booking.contactHint')}</p>
      ${this.#field('phone', t('booking.phoneLabel'), text('phone', 'tel', 'tel'))}
      ${this.#field('email', t('booking.emailLabel'), text('email', 'email', 'email'))}
      ${this.#field(
        'contactLanguage',
        t('booking.contactLanguageLabel'),
        html`<select id="booking-contactLanguage" @change=${(e: Event) => this.#set('contactLanguage', (e.target as HTMLSelectElement).value)}>
          ${this.#cfg.contactLocales.map((l) => html`<option value=${l.code} lang=${l.code} dir=${l.dir} ?selected=${l.code === d.contactLanguage}>${l.name}</option>`)}
        </select>`,
      )}
      <div class="field">
        <label class="check"><input type="checkbox" .checked=${d.interpreter} @change=${(e: Event) => this.#set('interpreter', (e.target as HTMLInputElement).checked)} /> ${t('booking.interpreterLabel')}</label>
      </div>
      ${
        d.interpreter
          ? this.#field(
              'interpreterLanguage',
              t('booking.interpreterLanguageLabel'),
              html`<select id="booking-interpreterLanguage" aria-invalid=${this.errors.interpreterLanguage ? 'true' : nothing} aria-describedby=${this.#describedBy('interpreterLanguage')}
              @change=${(e: Event) => this.#set('interpreterLanguage', (e.target as HTMLSelectElement).value)}>
              <option value="">—</option>
              ${Object.entries(this.#cfg.names).map(([code, name]) => html`<option value=${code} ?selected=${code === d.interpreterLanguage}>${name}</option>`)}
            </select>`,
            )
          : nothing
      }
      ${this.#field('accessNeeds', t('booking.accessLabel'), html`<textarea id="booking-accessNeeds" rows="2" maxlength="300" aria-describedby="booking-accessNeeds-hint" .value=${d.accessNeeds} @input=${(e: Event) => this.#set('accessNeeds', (e.target as HTMLTextAreaElement).value)}></textarea>`, t('booking.accessHint'))}
      ${this.#field('reason', t('booking.reasonLabel'), html`<textarea id="booking-reason" rows="3" maxlength="500" aria-describedby="booking-reason-hint" .value=${d.reason} @input=${(e: Event) => this.#set('reason', (e.target as HTMLTextAreaElement).value)}></textarea>`, t('booking.reasonHint'))}
      <div class="hp" aria-hidden="true"><label>Website <input tabindex="-1" autocomplete="off" name="website" .value=${d.website} @input=${(e: Event) => this.#set('website', (e.target as HTMLInputElement).value)} /></label></div>
      <div class="actions">
        <button class="button button--secondary" type="button" @click=${() => this.#go('time')}>${t('booking.back')}</button>
        <button class="button" type="submit">${t('booking.next')}</button>
      </div>
    </form>`;
  }

  #summary() {
    const { t } = this.#tr;
    const { locale } = this.#cfg;
    const view = this.created?.booking;
    const start = view?.start ?? this.chosen?.start;
    const rows: [string, unknown, Step][] = [
      [t('booking.when'), start ? formatDateTime(new Date(start), locale) : '', 'time'],
      [t('booking.mode'), t(`booking.mode.${this.mode}`), 'service'],
      [t('booking.language'), this.#cfg.names[this.language] ?? this.language, 'service'],
      ...(this.mode === 'in_person'
        ? [
            [t('booking.where'), html`<span dir="ltr">${this.#cfg.address}</span>`, 'service'] as [
              string,
              unknown,
              Step,
            ],
          ]
        : []),
    ];
    if (!view) {
      const d = this.details;
      rows.push(
        [t('booking.nameLabel'), d.name, 'details'],
        ...(d.phone
          ? [[t('booking.phoneLabel'), html`<span dir="ltr">${d.phone}</span>`, 'details'] as [string, unknown, Step]]
          : []),
        ...(d.email
          ? [[t('booking.emailLabel'), html`<span dir="ltr">${d.email}</span>`, 'details'] as [string, unknown, Step]]
          : []),
        [
          t('booking.interpreter'),
          d.interpreter ? (this.#cfg.names[d.interpreterLanguage] ?? d.interpreterLanguage) : t('booking.no'),
          'details',
        ],
      );
    }
    return html`<dl class="summary">
      ${rows.map(
        ([label, value, step]) => html`<div><dt>${label}</dt><dd>${value}
        ${view ? nothing : html` <button type="button" class="link-button" @click=${() => this.#go(step)}>${t('booking.change')}<span class="visually-hidden">: ${label}</span></button>`}</dd></div>`,
      )}
    </dl>`;
  }

  #renderCheck() {
    const { t } = this.#tr;
    return html`${this.#heading('check', t('booking.checkTitle'))}
      ${this.message ? html`<p class="notice" role="alert">${this.message}</p>` : nothing}
      ${this.offerLink ? html`<p><button class="button button--secondary" type="button" @click=${() => this.#sendLink()}>${t('booking.sendLink')}</button></p>` : nothing}
      ${this.#summary()}
      <div class="actions">
        <button class="button button--secondary" type="button" @click=${() => this.#go('details')}>${t('booking.back')}</button>
        <button class="button" type="button" ?disabled=${this.busy} @click=${() => this.#confirm()}>${this.busy ? t('booking.sending') : t('booking.confirm')}</button>
      </div>`;
  }

  #renderDone() {
    const { t } = this.#tr;
    const c = this.created!;
    return html`${this.#heading('done', t('booking.doneTitle'))}
      <p class="reference-box">${t('booking.reference')}: <strong class="reference" dir="ltr">${c.booking.reference}</strong></p>
      <p>${t('booking.referenceHint')}</p>
      ${this.#summary()}
      ${this.mode === 'phone' ? html`<p>${t('booking.phoneMeeting')}</p>` : nothing}
      ${this.mode === 'video' ? html`<p>${t('booking.videoMeeting')}</p>` : nothing}
      ${this.mode === 'in_person' ? html`<p>${t('booking.bring')}</p>` : nothing}
      <p><a class="button" href=${c.manageUrl}>${t('booking.manageLink')}</a></p>
      <p class="hint">${t('booking.manageHint')}</p>
      <ul class="actions no-print">
        <li><a class="button button--secondary" href=${c.icsUrl} download>${t('booking.addToCalendar')}</a></li>
        <li><button class="button button--secondary" type="button" @click=${() => window.print()}>${t('booking.print')}</button></li>
      </ul>
      <p><a href=${this.#cfg.coursesUrl}>${t('booking.coursesLink')}</a></p>
      <ihl-feedback class="no-print" .endpoint=${`/api/bookings/manage/${c.manageUrl.split('/').filter(Boolean).pop()}/feedback`} .tr=${this.#tr} .locale=${this.#cfg.locale}></ihl-feedback>`;
  }

  override render() {
    const body = {
      service: () => this.#renderService(),
      time: () => this.#renderTime(),
      details: () => this.#renderDetails(),
      check: () => this.#renderCheck(),
      done: () => this.#renderDone(),
    }[this.step]();
    return html`${this.#stepper()}<div class="booking-step">${body}</div>`;
  }
}

customElements.define('ihl-booking', BookingElement);

declare global {
  interface HTMLElementTagNameMap {
    'ihl-booking': BookingElement;
  }
}
