/** <ihl-staff-reset>: sets a password through a one-time link. */
import { html, nothing } from 'lit';
import { LightElement, islandTranslator } from '../shared/island.ts';
import type { Translator } from '../../i18n/translator.ts';
import { staffApi, staffLang } from './staff-api.ts';

export class StaffResetElement extends LightElement {
  static override properties = { error: { state: true }, done: { state: true } };
  declare error: string;
  declare done: boolean;
  #tr!: Translator;

  constructor() {
    super();
    this.error = '';
    this.done = false;
  }

  override connectedCallback() {
    this.#tr = islandTranslator(this);
    super.connectedCallback();
  }

  async #submit(e: Event) {
    e.preventDefault();
    const password = String(new FormData(e.target as HTMLFormElement).get('password') ?? '');
    const res = await staffApi('POST', '/api/staff/password-reset', { token: this.dataset.token, password });
    if (res.ok) this.done = true;
    else
      this.error =
        res.body.error?.fields?.password?.message ?? res.body.error?.message ?? this.#tr.t('workspace.error');
  }

  override render() {
    const { t } = this.#tr;
    if (this.done)
      return html`<p class="notice notice--ok" role="status">${t('workspace.reset.done')} <a href=${`/workspace/${staffLang()}/`}>${t('workspace.login.submit')}</a></p>`;
    return html`<form @submit=${(e: Event) => this.#submit(e)}>
      ${this.error ? html`<div class="error-summary" role="alert"><p>${this.error}</p></div>` : nothing}
      <div class="field">
        <label for="reset-password">${t('workspace.reset.password')}</label>
        <p class="hint" id="reset-hint">${t('workspace.reset.hint')}</p>
        <input id="reset-password" name="password" type="password" autocomplete="new-password" minlength="12" maxlength="128" required aria-describedby="reset-hint" />
      </div>
      <button class="button" type="submit">${t('workspace.reset.submit')}</button>
    </form>`;
  }
}
customElements.define('ihl-staff-reset', StaffResetElement);
declare global {
  interface HTMLElementTagNameMap {
    'ihl-staff-reset': StaffResetElement;
  }
}
