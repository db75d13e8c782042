/**
 * <ihl-feedback>: the anonymous satisfaction question, shown inside another island (after a
 * booking is made, after a walk-in visit). The host hands it the endpoint, its translator (with
 * the `feedback.` strings) and the locale; it renders into its own light DOM.
 */
import { html, LitElement, nothing } from 'lit';
import type { Translator } from '../../i18n/translator.ts';
import type { MaybeApiError } from '../../contracts/api-error.ts';

export class FeedbackElement extends LitElement {
  static override properties = {
    endpoint: {},
    tr: { attribute: false },
    locale: {},
    sent: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  declare endpoint: string;
  declare tr: Translator;
  declare locale: string;
  declare sent: boolean;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.sent = false;
    this.error = '';
    this.busy = false;
  }

  protected override createRenderRoot() {
    return this;
  }

  async #send(e: Event) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const score = Number(form.get('score'));
    if (!score) {
      this.error = this.tr.t('errors.field.required');
      return;
    }
    this.busy = true;
    const res = await fetch(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-locale': this.locale },
      body: JSON.stringify({ score, comment: String(form.get('comment') ?? ''), locale: this.locale }),
    }).catch(() => undefined);
    this.busy = false;
    const body = (await res?.json().catch(() => ({}))) as MaybeApiError | undefined;
    if (res?.ok) this.sent = true;
    else this.error = body?.error?.message ?? this.tr.t('errors.unavailable');
    await this.updateComplete;
    this.querySelector<HTMLElement>('.feedback-result')?.focus();
  }

  override render() {
    const { t } = this.tr;
    if (this.sent)
      return html`<p class="notice notice--ok feedback-result" tabindex="-1" role="status">${t('feedback.thanks')}</p>`;
    return html`<form class="feedback" @submit=${(e: Event) => this.#send(e)}>
      <h2>${t('feedback.title')}</h2>
      <fieldset class="choices feedback__scale">
        <legend>${t('feedback.question')}</legend>
        ${[1, 2, 3, 4, 5].map((s) => html`<label class="choice"><input type="radio" name="score" value=${s} /><span><strong>${s}</strong> ${t(`feedback.score.${s}`)}</span></label>`)}
      </fieldset>
      <div class="field"><label for="feedback-comment">${t('feedback.comment')}</label>
        <p class="hint" id="feedback-comment-hint">${t('feedback.commentHint')}</p>
        <textarea id="feedback-comment" name="comment" rows="3" maxlength="500" aria-describedby="feedback-comment-hint"></textarea></div>
      <p class="hint">${t('feedback.anonymous')}</p>
      ${this.error ? html`<p class="notice notice--error feedback-result" tabindex="-1" role="alert">${this.error}</p>` : nothing}
      <button class="button button--secondary" type="submit" ?disabled=${this.busy}>${t('feedback.send')}</button>
    </form>`;
  }
}
if (!customElements.get('ihl-feedback')) customElements.define('ihl-feedback', FeedbackElement);
declare global {
  interface HTMLElementTagNameMap {
    'ihl-feedback': FeedbackElement;
  }
}
