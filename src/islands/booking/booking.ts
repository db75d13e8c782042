/**
 * <ihl-booking>: book an integration-plan assessment in five steps (language and mode → time →
 * details → check → done). Every field is checked with the same zod schema the API uses; errors
 * are listed in a summary and at each field; focus moves to each step's heading. The answer of a
 * lost race ("just taken") brings the person back to the times with fresh ones. This element keeps
 * the state and the flow; the steps are drawn in booking-steps.ts from the parts in booking-form.ts.
 */
import { html } from 'lit';
import { LightElement, emit, islandFormatter, islandTranslator, readIslandData } from '../shared/island.ts';
import { BOOKING_PREFILL_KEY, type BookingPrefill } from '../shared/prefill.ts';
import { publicApi } from '../shared/api.ts';
import { answeredErrors, checkedErrors } from '../shared/field-errors.ts';
import type { BookingCreated, BookingOptions, FreeTime, Mode, SlotsResponse } from '../../contracts/booking.ts';
import type { Translator } from '../../i18n/translator.ts';
import type { Formatter } from '../../i18n/format.ts';
import { type BookingState, type Config, type Details, type Step, type StepView, stepper } from './booking-form.ts';
import { renderCheck, renderDetails, renderDone, renderService, renderTime } from './booking-steps.ts';

/**
 * Code a later step needs, loaded when the person gets there rather than with the page (the
 * page's JavaScript budget, README "Budgets"): the form's check (zod's core with the contract's
 * fields) from the details step on, the feedback question at the end.
 */
let check: Promise<typeof import('./check.ts')> | undefined;
const loadCheck = () => (check ??= import('./check.ts'));
const loadFeedback = () => import('../shared/feedback.ts');
const LATER: Partial<Record<Step, () => Promise<unknown>>> = {
  details: loadCheck,
  check: loadFeedback,
  done: loadFeedback,
};

const STEP_VIEWS: Record<Step, (v: StepView) => unknown> = {
  service: renderService,
  time: renderTime,
  details: renderDetails,
  check: renderCheck,
  done: renderDone,
};

export class BookingElement extends LightElement implements BookingState {
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
  #f!: Formatter;
  #cfg!: Config;
  /** Set when an advisor opened the page from the workspace inbox (shared/prefill.ts). */
  #staffCsrf: string | undefined;
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
    this.#f = islandFormatter(this);
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
      this.#staffCsrf = p.staffCsrf;
    } catch {
      /* not ours */
    }
  }

  #api<T>(path: string, init?: RequestInit) {
    return publicApi<T, { nextTimes?: FreeTime[] }>(this.#cfg.locale, path, init);
  }

  async #loadOptions() {
    const res = await this.#api<BookingOptions>('/api/bookings/options');
    if (!res.ok) {
      this.message = this.#tr.t('errors.unavailable');
      return;
    }
    this.options = res.body;
    const own = this.#cfg.serviceLanguage;
    // No advisor speaks the reader's language: the step says so, preselects none and offers an
    // interpreter in it (ticked, shown, and changeable).
    const served = res.body.languages.includes(own);
    if (!this.language || !res.body.languages.includes(this.language)) this.language = served ? own : '';
    if (!served && !this.details.interpreter)
      this.details = { ...this.details, interpreter: true, interpreterLanguage: own };
    this.mode = res.body.modes[0] ?? 'in_person';
  }

  #go(step: Step) {
    void LATER[step]?.();
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
    this.errors = this.language ? {} : { serviceLanguage: this.#tr.t('booking.chooseLanguage') };
    if (!this.language) {
      this.#focus = true;
      return;
    }
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

  async #checkDetails(e: Event) {
    e.preventDefault();
    const { checkRequest } = await loadCheck();
    const result = checkRequest(this.#request());
    const errors = result.success ? {} : checkedErrors(result.error, this.#tr);
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
      // An advisor booking for a referred client: confirmed at once, no code to the client.
      ...(this.#staffCsrf ? { headers: { 'x-csrf-token': this.#staffCsrf } } : {}),
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
      this.errors = answeredErrors(error.fields);
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

  override render() {
    const v: StepView = {
      state: this,
      tr: this.#tr,
      f: this.#f,
      cfg: this.#cfg,
      go: (step) => this.#go(step),
      set: (key, value) => this.#set(key, value),
      showTimes: (e) => this.#showTimes(e),
      chooseTime: (e) => this.#chooseTime(e),
      checkDetails: (e) => void this.#checkDetails(e),
      confirm: () => this.#confirm(),
      sendLink: () => this.#sendLink(),
    };
    return html`${stepper(v)}<div class="booking-step">${STEP_VIEWS[this.step](v)}</div>`;
  }
}

customElements.define('ihl-booking', BookingElement);

declare global {
  interface HTMLElementTagNameMap {
    'ihl-booking': BookingElement;
  }
}
