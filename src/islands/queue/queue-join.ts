/**
 * <ihl-queue-join>: under the phone page's heading, says whether the queue is open now (and until
 * when, how many wait, which languages the desks speak), or when it opens next; while it is closed
 * the form (`#queue-form`) is disabled. The error the API sent the form back with
 * (`?error=queue_closed`) is shown first and takes focus.
 */
import { html, nothing } from 'lit';
import { LightElement, islandFormatter, islandTranslator, tHtml, timeHtml } from '../shared/island.ts';
import type { Formatter } from '../../i18n/format.ts';
import type { OpenState } from '../../contracts/responses.ts';
import type { Translator } from '../../i18n/translator.ts';

interface Status {
  open: OpenState;
  waiting: number;
  languagesServed: string[];
}

const ERROR_KEYS: Record<string, string> = {
  queue_closed: 'errors.queueClosed',
  rate_limited: 'errors.rateLimited',
  limit_reached: 'errors.limitReached',
  validation_failed: 'errors.validation',
};

export class QueueJoinElement extends LightElement {
  static override properties = { status: { state: true }, failed: { state: true } };
  declare status: Status | undefined;
  declare failed: boolean;
  #tr!: Translator;
  #f!: Formatter;

  override connectedCallback() {
    this.#tr = islandTranslator(this);
    this.#f = islandFormatter(this);
    super.connectedCallback();
    if (new URLSearchParams(location.search).has('error'))
      void this.updateComplete.then(() => this.querySelector<HTMLElement>('.queue-error')?.focus());
    void this.#load();
  }

  async #load() {
    const res = await fetch(`/api/queue/points/${encodeURIComponent(this.dataset.point ?? '')}/status`, {
      headers: { accept: 'application/json' },
    }).catch(() => undefined);
    if (res?.ok) this.status = (await res.json()) as Status;
    else this.failed = true;
    this.#disableWhileClosed(this.status ? !this.status.open.open : false);
  }

  /** A closed queue's form cannot be sent: every control is disabled and points to the notice. */
  #disableWhileClosed(closed: boolean) {
    const form = document.querySelector<HTMLFormElement>('#queue-form');
    if (!form) return;
    for (const el of Array.from(form.elements) as (HTMLInputElement | HTMLButtonElement)[]) el.disabled = closed;
    if (closed) form.setAttribute('aria-describedby', 'queue-state');
    else form.removeAttribute('aria-describedby');
  }

  override render() {
    const { t } = this.#tr;
    const f = this.#f;
    const error = new URLSearchParams(location.search).get('error');
    const s = this.status;
    let state: unknown = html`<p>${t('queue.statusChecking')}</p>`;
    if (this.failed) state = html`<p>${t('errors.unavailable')}</p>`;
    else if (s?.open.open && s.open.closesAt) {
      state = html`<p class="notice notice--ok">${tHtml(this.#tr, 'queue.openNow', { until: timeHtml(f, 'time', new Date(s.open.closesAt)), waiting: s.waiting })}</p>
        ${s.languagesServed.length ? html`<p>${t('walkIn.openNowLanguages', { languages: f.languageList(s.languagesServed) })}</p>` : nothing}`;
    } else if (s) {
      const next = s.open.opensAt ? new Date(s.open.opensAt) : undefined;
      state = html`<p class="notice" id="queue-state">${t('queue.closedNow')}${next ? html` ${tHtml(this.#tr, 'queue.opensNext', { day: timeHtml(f, 'day', next), time: timeHtml(f, 'time', next) })}` : nothing}</p>`;
    }
    return html`${error ? html`<p class="notice notice--error queue-error" role="alert" tabindex="-1">${t(ERROR_KEYS[error] ?? 'errors.internal', { phone: this.dataset.phone, place: this.dataset.place, street: this.dataset.street })}</p>` : nothing}<div aria-live="polite">${state}</div>`;
  }
}
customElements.define('ihl-queue-join', QueueJoinElement);
declare global {
  interface HTMLElementTagNameMap {
    'ihl-queue-join': QueueJoinElement;
  }
}
