/**
 * <ihl-kiosk>: the service point's tablet. Language (all 16) → topic (with pictograms) → a number
 * shown large, printable; or "I have an appointment" → booking reference → a check-in number.
 * Everything after the language is shown in that language, with its `lang` and `dir`. The kiosk
 * goes back to the start by itself after a minute without a touch, so the next person never
 * sees the previous one's number. No personal data is asked.
 *
 * A ticket with a page (every walk-in ticket, a first check-in) then offers text messages: a
 * mobile number for the ticket's SMS follow-up, skipped with one key (the Skip button has the
 * focus, and Escape skips too). The number goes straight to the ticket's SMS route and is not kept
 * here. The ticket then shows its QR code (made by the server, opening the ticket's page in the
 * chosen language) with the same address written out and the number beside it; it prints too.
 * The address is text, not a link: tapping a link would take the kiosk itself to that page.
 */
import { html, nothing } from 'lit';
import { LightElement, readIslandData } from '../shared/island.ts';
import { createTranslator, type Translator } from '../../i18n/translator.ts';
import { TOPICS, TOPIC_ICON } from '../../domain/queue-topics.ts';
import { ICON_PATHS } from '../../site/icons.ts';
import type { MaybeApiError } from '../../contracts/api-error.ts';

interface KioskLocale {
  code: string;
  name: string;
  dir: 'ltr' | 'rtl';
}
interface Point {
  id: string;
  place: string;
  street: string;
  walkIn: boolean;
  appointments: boolean;
  /** The SMS follow-up's "turn near" threshold, for its explanation. */
  smsNearMinutes: number;
}
/** A ticket with a page: its token (for the QR code and the SMS route) and the page's address. */
interface Page {
  token: string;
  pageUrl: string;
}
type Step =
  | { kind: 'language' }
  | { kind: 'topic' }
  | { kind: 'check-in'; error?: string }
  | { kind: 'sms'; code: string; checkedIn: boolean; page: Page; error?: string }
  | { kind: 'ticket'; code: string; checkedIn: boolean; page?: Page; sms?: boolean }
  | { kind: 'error'; message: string };

const IDLE_MS = 60_000;

/**
 * The key a coordinator made when pairing this tablet (Workspace → kiosks): opened once as
 * `/kiosk/<point>/#pair=<key>` (a fragment never reaches the server or its logs), kept in this
 * browser, sent with every ticket and check-in so the kiosk counts on its own budget, not its
 * address's. A revoked key simply gets the address's budget again.
 */
const KIOSK_KEY_STORAGE = 'ihl-kiosk-key';

export function pairedKioskKey(): string | undefined {
  try {
    const pairing = /^#pair=(ihlk_[A-Za-z0-9_-]{43})$/.exec(location.hash)?.[1];
    if (pairing) {
      localStorage.setItem(KIOSK_KEY_STORAGE, pairing);
      history.replaceState(null, '', location.pathname + location.search);
    }
    return localStorage.getItem(KIOSK_KEY_STORAGE) ?? undefined;
  } catch {
    return undefined; // storage switched off: the address's budget
  }
}

export const pictogram = (name: string) =>
  html`<svg class="icon" aria-hidden="true" focusable="false" width="56" height="56" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><path d=${ICON_PATHS[name] ?? ICON_PATHS.other!} /></svg>`;

export class KioskElement extends LightElement {
  static override properties = { step: { state: true }, locale: { state: true }, busy: { state: true } };
  declare step: Step;
  declare locale: KioskLocale | undefined;
  declare busy: boolean;
  #strings: Record<string, Record<string, string>> = {};
  #locales: KioskLocale[] = [];
  #point!: Point;
  #tr: Translator | undefined;
  #idle: ReturnType<typeof setTimeout> | undefined;
  #kioskKey: string | undefined;

  constructor() {
    super();
    this.step = { kind: 'language' };
    this.busy = false;
  }

  override connectedCallback() {
    this.#strings = readIslandData(this, 'all-strings') ?? {};
    this.#locales = readIslandData(this, 'locales') ?? [];
    this.#point = readIslandData<Point>(this, 'point')!;
    this.#kioskKey = pairedKioskKey();
    super.connectedCallback();
    this.addEventListener('pointerdown', () => this.#touch());
    this.addEventListener('keydown', (e) => {
      this.#touch();
      if (e.key === 'Escape' && this.step.kind === 'sms') this.#skipSms();
    });
  }

  #touch() {
    clearTimeout(this.#idle);
    if (this.step.kind !== 'language') this.#idle = setTimeout(() => this.#reset(), IDLE_MS);
  }

  #reset() {
    this.locale = undefined;
    this.#tr = undefined;
    this.step = { kind: 'language' };
  }

  #choose(l: KioskLocale) {
    this.locale = l;
    this.#tr = createTranslator({ locale: l.code, messages: { common: this.#strings[l.code] ?? {} } });
    this.step = this.#point.walkIn ? { kind: 'topic' } : { kind: 'check-in' };
    this.#touch();
  }

  async #post(
    path: string,
    body: unknown,
  ): Promise<{ ok: boolean; json: MaybeApiError<{ ticket?: { code: string }; token?: string; pageUrl?: string }> }> {
    this.busy = true;
    try {
      const res = await fetch(
        path.startsWith('/') ? path : `/api/queue/points/${encodeURIComponent(this.#point.id)}/${path}`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            'x-locale': this.locale!.code,
            ...(this.#kioskKey ? { 'x-kiosk-key': this.#kioskKey } : {}),
          },
          body: JSON.stringify(body),
        },
      );
      return { ok: res.ok, json: await res.json().catch(() => ({})) };
    } catch {
      // No answer at all (the network): the same shape, written here.
      return {
        ok: false,
        json: { error: { code: 'unavailable', message: this.#tr!.t('errors.unavailable'), lang: this.locale!.code } },
      };
    } finally {
      this.busy = false;
    }
  }

  /** The number is given: a ticket with a page offers text messages first, then shows its QR code. */
  #taken(code: string, checkedIn: boolean, json: { token?: string; pageUrl?: string }) {
    this.step =
      json.token && json.pageUrl
        ? { kind: 'sms', code, checkedIn, page: { token: json.token, pageUrl: json.pageUrl } }
        : { kind: 'ticket', code, checkedIn };
  }

  async #take(topic: string) {
    const { ok, json } = await this.#post('tickets', { topic, language: this.locale!.code, channel: 'kiosk' });
    if (ok && json.ticket) this.#taken(json.ticket.code, false, json);
    else this.step = { kind: 'error', message: json.error?.message ?? this.#tr!.t('errors.internal') };
  }

  #skipSms() {
    if (this.step.kind !== 'sms') return;
    const { code, checkedIn, page } = this.step;
    this.step = { kind: 'ticket', code, checkedIn, page };
  }

  async #followBySms(e: Event) {
    e.preventDefault();
    const step = this.step;
    if (step.kind !== 'sms') return;
    const phone = new FormData(e.target as HTMLFormElement).get('phone');
    const path = `/api/queue/tickets/${encodeURIComponent(step.page.token)}/sms`;
    const { ok, json } = await this.#post(path, { phone, locale: this.locale!.code });
    const { code, checkedIn, page } = step;
    this.step = ok
      ? { kind: 'ticket', code, checkedIn, page, sms: true }
      : {
          ...step,
          error: json.error?.fields?.phone?.message ?? json.error?.message ?? this.#tr!.t('errors.internal'),
        };
  }

  async #checkIn(e: Event) {
    e.preventDefault();
    const reference = new FormData(e.target as HTMLFormElement).get('reference');
    const { ok, json } = await this.#post('check-in', { reference });
    if (ok && json.ticket) this.#taken(json.ticket.code, true, json);
    else
      this.step = {
        kind: 'check-in',
        error: json.error?.fields?.reference?.message ?? json.error?.message ?? this.#tr!.t('errors.internal'),
      };
  }

  override updated(changed: Map<string, unknown>) {
    // The part the island renders speaks the chosen language, with its direction.
    const root = this.querySelector<HTMLElement>('[data-island-root]') ?? this;
    root.lang = this.locale?.code ?? 'fi';
    root.dir = this.locale?.dir ?? 'ltr';
    // A new step moves focus to its heading (or field), so keyboard and screen-reader users follow.
    if (changed.has('step') && changed.get('step') !== undefined)
      root.querySelector<HTMLElement>('[data-focus]')?.focus();
  }

  /** The ticket's QR code, its address written out and the number beside it (on screen and on the slip). */
  #qr(code: string, page: Page, t: Translator['t']) {
    const src = `/api/queue/tickets/${encodeURIComponent(page.token)}/qr.svg?locale=${encodeURIComponent(this.locale!.code)}`;
    return html`<figure class="ticket-qr">
      <img class="ticket-qr__code" src=${src} alt=${t('queue.kiosk.qrAlt')} width="240" height="240" />
      <figcaption>
        <p>${t('queue.kiosk.qrCaption')}</p>
        <p class="ticket-qr__url" dir="ltr">${page.pageUrl}</p>
        <p>${t('queue.yourNumber')}: <span class="ticket-qr__number" dir="ltr">${code}</span></p>
      </figcaption>
    </figure>`;
  }

  override render() {
    const step = this.step;
    if (step.kind === 'language' || !this.#tr) {
      return html`<h1 class="kiosk-title"><span lang="fi">Valitse kieli</span> · <span lang="sv">Välj språk</span> · <span lang="en">Choose your language</span></h1>
        <ul class="kiosk-grid kiosk-grid--languages" role="list">
          ${this.#locales.map((l) => html`<li><button class="kiosk-button" type="button" lang=${l.code} dir=${l.dir} @click=${() => this.#choose(l)}>${l.name}</button></li>`)}
        </ul>`;
    }
    const { t } = this.#tr;
    const back = html`<button class="button button--secondary kiosk-back" type="button" @click=${() => this.#reset()}>${t('queue.kiosk.back')}</button>`;
    switch (step.kind) {
      case 'topic':
        return html`<h1 class="kiosk-title" tabindex="-1" data-focus>${t('queue.kiosk.chooseTopic')}</h1>
          <ul class="kiosk-grid" role="list">
            ${TOPICS.map((topic) => html`<li><button class="kiosk-button" type="button" ?disabled=${this.busy} @click=${() => this.#take(topic)}>${pictogram(TOPIC_ICON[topic])}<span>${t(`queue.topic.${topic}`)}</span></button></li>`)}
            <li><button class="kiosk-button kiosk-button--quiet" type="button" @click=${() => (this.step = { kind: 'check-in' })}>${pictogram(TOPIC_ICON.appointment)}<span>${t('queue.kiosk.checkIn')}</span></button></li>
          </ul>
          <p class="kiosk-note">${t('queue.kiosk.noPersonalData')}</p>
          ${back}`;
      case 'check-in':
        return html`<h1 class="kiosk-title">${t('queue.kiosk.checkIn')}</h1>
          <form class="kiosk-form" @submit=${(e: Event) => this.#checkIn(e)} novalidate>
            <div class="field ${step.error ? 'field--error' : ''}">
              <label for="kiosk-reference">${t('queue.kiosk.checkInReference')}</label>
              <p class="hint" id="kiosk-reference-hint">${t('queue.kiosk.checkInHint')}</p>
              <input id="kiosk-reference" name="reference" dir="ltr" autocomplete="off" autocapitalize="characters" spellcheck="false" data-focus
                aria-describedby=${step.error ? 'kiosk-reference-hint kiosk-reference-error' : 'kiosk-reference-hint'} aria-invalid=${step.error ? 'true' : 'false'} />
              ${step.error ? html`<p class="field-error" id="kiosk-reference-error">${step.error}</p>` : nothing}
            </div>
            <button class="button kiosk-submit" type="submit" ?disabled=${this.busy}>${t('queue.kiosk.checkInButton')}</button>
          </form>
          ${back}`;
      case 'sms':
        return html`<h1 class="kiosk-title">${t('queue.sms.title')}</h1>
          <p class="kiosk-place">${t('queue.yourNumber')}: <span class="ticket-code" dir="ltr">${step.code}</span></p>
          <p id="kiosk-sms-intro" class="kiosk-note">${t('queue.sms.intro', { minutes: this.#point.smsNearMinutes })}</p>
          <p><button class="button kiosk-skip" type="button" ?data-focus=${!step.error} aria-describedby="kiosk-sms-intro" @click=${() => this.#skipSms()}>${t('queue.kiosk.smsSkip')}</button></p>
          <form class="kiosk-form" @submit=${(e: Event) => this.#followBySms(e)} novalidate>
            <div class="field ${step.error ? 'field--error' : ''}">
              <label for="kiosk-phone">${t('queue.sms.phoneLabel')}</label>
              <input id="kiosk-phone" name="phone" type="tel" inputmode="tel" dir="ltr" autocomplete="off" ?data-focus=${!!step.error}
                aria-describedby=${step.error ? 'kiosk-phone-error' : nothing} aria-invalid=${step.error ? 'true' : 'false'} />
              ${step.error ? html`<p class="field-error" id="kiosk-phone-error">${step.error}</p>` : nothing}
            </div>
            <button class="button button--secondary kiosk-submit" type="submit" ?disabled=${this.busy}>${t('queue.sms.submit')}</button>
          </form>`;
      case 'ticket':
        return html`<div class="kiosk-ticket" role="status">
            <h1 class="kiosk-title" tabindex="-1" data-focus>${t('queue.yourNumber')}</h1>
            <p class="ticket-code ticket-code--kiosk" dir="ltr">${step.code}</p>
            <p>${step.checkedIn ? t('queue.kiosk.checkedIn') : t('queue.kiosk.noPersonalData')}</p>
            ${step.sms ? html`<p class="notice notice--ok">${t('queue.sms.following')}</p>` : nothing}
            <p class="kiosk-place">${this.#point.place}, ${this.#point.street}</p>
          </div>
          ${step.page ? this.#qr(step.code, step.page, t) : nothing}
          <div class="kiosk-actions">
            <button class="button button--secondary" type="button" @click=${() => window.print()}>${t('queue.kiosk.print')}</button>
            <button class="button" type="button" @click=${() => this.#reset()}>${t('queue.kiosk.done')}</button>
          </div>`;
      case 'error':
        return html`<p class="notice notice--error" role="alert" tabindex="-1" data-focus>${step.message}</p>${back}`;
    }
  }
}
customElements.define('ihl-kiosk', KioskElement);
declare global {
  interface HTMLElementTagNameMap {
    'ihl-kiosk': KioskElement;
  }
}
