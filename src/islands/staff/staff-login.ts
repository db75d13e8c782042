/** <ihl-staff-login>: email, password and TOTP code; one generic message when sign-in fails. */
import { html, nothing } from 'lit';
import { LightElement, islandTranslator } from '../shared/island.ts';
import type { Translator } from '../../i18n/translator.ts';
import { staffApi, staffLang } from './staff-api.ts';

export class StaffLoginElement extends LightElement {
  static override properties = { error: { state: true }, busy: { state: true } };
  declare error: string;
  declare busy: boolean;
  #tr!: Translator;

  constructor() {
    super();
    this.error = '';
    this.busy = false;
  }

  override connectedCallback() {
    this.#tr = islandTranslator(this);
    super.connectedCallback();
  }

  async #submit(e: Event) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const totp = String(form.get('totp') ?? '').trim();
    this.busy = true;
    const res = await staffApi<{ csrfToken: string }>('POST', '/api/staff/login', {
      email: form.get('email'),
      password: form.get('password'),
      ...(totp ? { totp } : {}),
    });
    this.busy = false;
    if (res.ok) {
      location.assign(`/workspace/${staffLang()}/bookings/`);
      return;
    }
    this.error = res.body.error?.message ?? this.#tr.t('workspace.error');
    await this.updateComplete;
    this.querySelector<HTMLElement>('.error-summary')?.focus();
  }

  override render() {
    const { t } = this.#tr;
    return html`<form @submit=${(e: Event) => this.#submit(e)}>
      ${this.error ? html`<div class="error-summary" role="alert" tabindex="-1"><p>${this.error}</p></div>` : nothing}
      <div class="field"><label for="login-email">${t('workspace.login.email')}</label><input id="login-email" name="email" type="email" autocomplete="username" required /></div>
      <div class="field"><label for="login-password">${t('workspace.login.password')}</label><input id="login-password" name="password" type="password" autocomplete="current-password" required /></div>
      <div class="field">
        <label for="login-totp">${t('workspace.login.totp')}</label>
        <p class="hint" id="login-totp-hint">${t('workspace.login.totpHint')}</p>
        <input id="login-totp" name="totp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" aria-describedby="login-totp-hint" />
      </div>
      <button class="button" type="submit" ?disabled=${this.busy}>${t('workspace.login.submit')}</button>
    </form>`;
  }
}
customElements.define('ihl-staff-login', StaffLoginElement);
declare global {
  interface HTMLElementTagNameMap {
    'ihl-staff-login': StaffLoginElement;
  }
}
