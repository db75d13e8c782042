/**
 * <ihl-queue-ticket>: keeps a queue ticket's page live. It renders the same lines as the page did
 * (src/site/queue-text.ts) from each new state, and when the number is called (or called again)
 * it alerts: the page title, a chime and a vibration where the person allowed them, and a
 * message announced assertively to screen readers.
 */
import { html, nothing } from 'lit';
import { LightElement, islandFormatter, islandTranslator, readIslandData } from '../shared/island.ts';
import { chime, followLive } from '../shared/live.ts';
import '../shared/feedback.ts';
import { calledTitle, explainsEstimate, ticketLines, whereLine } from '../../site/queue-text.ts';
import type { TicketView } from '../../contracts/queue.ts';
import type { Translator } from '../../i18n/translator.ts';

export class QueueTicketElement extends LightElement {
  static override properties = { ticket: { state: true }, connected: { state: true }, alerts: { state: true } };
  declare ticket: TicketView | undefined;
  declare connected: boolean;
  declare alerts: boolean;
  #tr!: Translator;
  #stop: (() => void) | undefined;
  #audio: AudioContext | undefined;
  #originalTitle = document.title;
  /** The question was shown on this page: keep it (and its thank-you) when the state updates. */
  #asked = false;

  constructor() {
    super();
    this.connected = true;
    this.alerts = false;
  }

  override connectedCallback() {
    this.#tr = islandTranslator(this);
    this.ticket = readIslandData<TicketView>(this, 'ticket');
    super.connectedCallback();
    const token = this.dataset.token ?? '';
    this.#stop = followLive<{ ticket: TicketView }>(
      `/api/queue/tickets/${encodeURIComponent(token)}/events`,
      ({ ticket }) => this.#update(ticket),
      (up) => (this.connected = up),
    );
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#stop?.();
  }

  #update(next: TicketView) {
    const before = this.ticket;
    this.ticket = next;
    const calledNow = next.status === 'called' && (before?.status !== 'called' || next.callCount > before.callCount);
    if (calledNow) this.#alert();
    document.title = calledTitle(next, this.#tr.t) ?? this.#originalTitle;
    // The leave button makes no sense once the visit is over.
    if (next.status !== 'waiting' && next.status !== 'called') document.querySelector('.leave-form')?.remove();
  }

  #alert() {
    if (!this.alerts) return;
    if (this.#audio) chime(this.#audio);
    navigator.vibrate?.([300, 150, 300, 150, 600]);
  }

  #enableAlerts() {
    // Browsers allow sound only after the person has pressed something: this button.
    this.#audio ??= new AudioContext();
    void this.#audio.resume();
    this.alerts = true;
  }

  override render() {
    const v = this.ticket;
    if (!v) return nothing;
    const { t } = this.#tr;
    const lang = document.documentElement.lang;
    const lines = ticketLines(v, t, (c) => islandFormatter(this).languageName(c));
    const active = v.status === 'waiting' || v.status === 'called';
    const askFeedback = v.status === 'served' && (!v.feedbackGiven || this.#asked);
    if (askFeedback) this.#asked = true;
    return html`
      <p class="ticket-code" dir="ltr">${v.code}</p>
      <p>${t(`queue.topic.${v.topic}`)} · ${islandFormatter(this).languageName(v.language)}</p>
      <p>${whereLine(v, t)}</p>
      <div class="ticket-state" role=${v.status === 'called' ? 'alert' : 'status'}>
        ${lines.map((l) => html`<p class="ticket-line ticket-line--${l.tone}">${l.text}</p>`)}
      </div>
      ${explainsEstimate(v) ? html`<p class="hint">${t('queue.estimateHow')}</p>` : nothing}
      ${
        askFeedback
          ? html`<ihl-feedback .endpoint=${`/api/queue/tickets/${encodeURIComponent(this.dataset.token ?? '')}/feedback`} .tr=${this.#tr} .locale=${lang}></ihl-feedback>`
          : nothing
      }
      ${
        active
          ? html`<p>${
              this.alerts
                ? html`<span class="notice notice--ok">${t('queue.alertsEnabled')}</span>`
                : html`<button class="button button--secondary" type="button" @click=${() => this.#enableAlerts()}>${t('queue.alertsOn')}</button>`
            }</p>
          <p class="hint live-status" data-connected=${String(this.connected)}>${this.connected ? t('queue.live') : t('queue.reconnecting')}</p>`
          : nothing
      }
    `;
  }
}
customElements.define('ihl-queue-ticket', QueueTicketElement);
declare global {
  interface HTMLElementTagNameMap {
    'ihl-queue-ticket': QueueTicketElement;
  }
}
