/**
 * <ihl-kiosk>: the service point's tablet. Language (all 16) → topic (with pictograms) → a number
 * shown large, printable; or "I have an appointment" → booking reference → a check-in number.
 * Everything after the language is shown in that language, with its `lang` and `dir`. The kiosk
 * goes back to the start by itself after a minute without a touch, so the next person never
 * sees the previous one's number. No personal data is asked.
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
}
type Step =
  | { kind: 'language' }
  | { kind: 'topic' }
  | { kind: 'check-in'; error?: string }
  | { kind: 'ticket'; code: string; checkedIn: boolean }
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
    this.addEventListener('keydown', () => this.#touch());
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
  ): Promise<{ ok: boolean; json: MaybeApiError<{ ticket?: { code: string } }> }> {
    this.busy = true;
    try {
      const res = await fetch(`/api/queue/points/${encodeURIComponent(this.#point.id)}/${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-locale': this.locale!.code,
          ...(this.#kioskKey ? { 'x-kiosk-key': this.#kioskKey } : {}),
        },
        body: JSON.stringify(body),
      });
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

  async #take(topic: string) {
    const { ok, json } = await this.#post('tickets', { topic, language: this.locale!.code, channel: 'kiosk' });
    this.step =
      ok && json.ticket
        ? { kind: 'ticket', code: json.ticket.code, checkedIn: false }
        : { kind: 'error', message: json.error?.message ?? this.#tr!.t('errors.internal') };
  }

  async #checkIn(e: Event) {
    e.preventDefault();
    const reference = new FormData(e.target as HTMLFormElement).get('reference');
    const { ok, json } = await this.#post('check-in', { reference });
    if (ok && json.ticket) this.step = { kind: 'ticket', code: json.ticket.code, checkedIn: true };
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
      case 'ticket':
        return html`<div class="kiosk-ticket" role="status">
            <h1 class="kiosk-title" tabindex="-1" data-focus>${t('queue.yourNumber')}</h1>
            <p class="ticket-code ticket-code--kiosk" dir="ltr">${step.code}</p>
            <p>${step.checkedIn ? t('queue.kiosk.checkedIn') : t('queue.kiosk.noPersonalData')}</p>
            <p class="kiosk-place">${this.#point.place}, ${this.#point.street}</p>
          </div>
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
