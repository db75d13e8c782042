/**
 * <ihl-queue-display>: the screen at the service point. The newest call large ("A-017 → 2"), with
 * a line for that person in their own language (its own `lang` and `dir`), the other current and
 * recent calls, how many wait, live over Server-Sent Events. A chime sounds for each new call or
 * recall; staff switch it off and on with the button (remembered on this screen). At a point that
 * takes walk-ins, a QR code (made by the server) opens the phone page for joining the queue, with
 * its address written out beside it for people who cannot scan.
 */
import { html, nothing } from 'lit';
import { LightElement, readIslandData } from '../shared/island.ts';
import { chime, followLive } from '../shared/live.ts';
import { createTranslator, type Translator } from '../../i18n/translator.ts';
import type { DisplayView } from '../../contracts/queue.ts';

interface KioskLocale {
  code: string;
  name: string;
  dir: 'ltr' | 'rtl';
}
const SOUND_KEY = 'ihl-display-sound';

export class QueueDisplayElement extends LightElement {
  static override properties = { view: { state: true }, connected: { state: true }, sound: { state: true } };
  declare view: DisplayView | undefined;
  declare connected: boolean;
  declare sound: boolean;
  #translators = new Map<string, Translator>();
  #strings: Record<string, Record<string, string>> = {};
  #locales: KioskLocale[] = [];
  #stop: (() => void) | undefined;
  #audio: AudioContext | undefined;
  #lastCall = '';

  constructor() {
    super();
    this.connected = true;
    this.sound = localStorage.getItem(SOUND_KEY) !== 'off';
  }

  #tr(code: string): Translator {
    let tr = this.#translators.get(code);
    if (!tr) {
      tr = createTranslator({ locale: code, messages: { common: this.#strings[code] ?? {} } });
      this.#translators.set(code, tr);
    }
    return tr;
  }

  override connectedCallback() {
    this.#strings = readIslandData(this, 'all-strings') ?? {};
    this.#locales = readIslandData(this, 'locales') ?? [];
    super.connectedCallback();
    this.#stop = followLive<DisplayView>(
      `/api/queue/points/${encodeURIComponent(this.dataset.point ?? '')}/display/events`,
      (view) => this.#update(view),
      (up) => (this.connected = up),
    );
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#stop?.();
  }

  #update(view: DisplayView) {
    const newest = view.calls.find((c) => c.active);
    const key = newest ? `${newest.code}#${newest.callCount}` : '';
    if (this.view && key && key !== this.#lastCall && this.sound && this.#audio) chime(this.#audio);
    this.#lastCall = key;
    this.view = view;
  }

  #toggleSound() {
    this.sound = !this.sound;
    localStorage.setItem(SOUND_KEY, this.sound ? 'on' : 'off');
    // Pressing the button is the gesture browsers want before they play sound.
    this.#audio ??= new AudioContext();
    void this.#audio.resume();
  }

  override render() {
    const fi = this.#tr('fi');
    const en = this.#tr('en');
    const both = (key: string, options?: Record<string, unknown>) =>
      html`<span lang="fi">${fi.t(key, options)}</span> · <span lang="en">${en.t(key, options)}</span>`;
    const v = this.view;
    const active = v?.calls.filter((c) => c.active) ?? [];
    const recent = v?.calls.filter((c) => !c.active) ?? [];
    const newest = active[0];
    const dir = (code: string) => this.#locales.find((l) => l.code === code)?.dir ?? 'ltr';
    return html`
      <div class="display-head">
        <h1>${both('queue.display.title')}</h1>
        <button class="button button--secondary" type="button" aria-pressed=${String(this.sound)} @click=${() => this.#toggleSound()}>
          ${this.sound ? both('queue.display.soundOn') : both('queue.display.soundOff')}
        </button>
      </div>
      ${v ? nothing : html`<p>…</p>`}
      ${
        newest
          ? html`<div class="display-now" role="status">
            <p class="display-now__pair" dir="ltr"><span class="ticket-code">${newest.code}</span> <span aria-hidden="true">→</span> <span class="display-now__desk">${newest.desk}</span></p>
            <p class="display-now__line" lang=${newest.language} dir=${dir(newest.language)}>${this.#tr(newest.language).t('queue.display.calledLine', { code: newest.code, desk: newest.desk })}</p>
          </div>`
          : v
            ? html`<p class="display-empty">${both('queue.display.none')}</p>`
            : nothing
      }
      ${
        active.length > 1 || recent.length
          ? html`<table class="display-table">
            <caption>${both('queue.display.recent')}</caption>
            <thead><tr><th scope="col">${both('queue.display.number')}</th><th scope="col">${both('queue.display.desk')}</th></tr></thead>
            <tbody>${[...active.slice(1), ...recent].map((c) => html`<tr class=${c.active ? 'is-active' : ''}><td dir="ltr">${c.code}</td><td>${c.desk}</td></tr>`)}</tbody>
          </table>`
          : nothing
      }
      ${v ? html`<p class="display-waiting">${both('queue.display.waiting', { count: v.waiting })}</p>` : nothing}
      ${
        v?.joinUrl
          ? html`<figure class="display-join">
            <img class="display-join__code" src=${`/api/queue/points/${encodeURIComponent(v.servicePoint.id)}/join-qr.svg?locale=fi`}
              alt=${`${fi.t('queue.display.joinQrAlt')} · ${en.t('queue.display.joinQrAlt')}`} width="200" height="200" />
            <figcaption><p>${both('queue.display.joinCaption')}</p><p class="display-join__url" dir="ltr">${v.joinUrl}</p></figcaption>
          </figure>`
          : nothing
      }
      <p class="hint live-status" data-connected=${String(this.connected)}>${this.connected ? both('queue.live') : both('queue.reconnecting')}</p>
    `;
  }
}
customElements.define('ihl-queue-display', QueueDisplayElement);
declare global {
  interface HTMLElementTagNameMap {
    'ihl-queue-display': QueueDisplayElement;
  }
}
