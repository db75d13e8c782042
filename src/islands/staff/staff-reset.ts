/** <ihl-staff-reset>: sets a password through a one-time link. */
import { html, nothing } from 'lit';
import { LightElement, islandTranslator } from '../shared/island.ts';
import type { Translator } from '../../i18n/translator.ts';
import { staffApi, staffLang } from './staff-api.ts';

export class StaffResetElement extends LightElement {
  static override properties = { error: { state: true }, done: { state: true }, enrolment: { state: true } };
  declare error: string;
  declare done: boolean;
  /** The authenticator setting, for an account without a second factor yet: shown to its owner only. */
  declare enrolment: { totpUri: string; required: boolean } | null;
  #tr!: Translator;

  constructor() {
    super();
    this.error = '';
    this.done = false;
    this.enrolment = null;
  }

  override connectedCallback() {
    this.#tr = islandTranslator(this);
    super.connectedCallback();
    void this.#enrolment();
  }

  async #enrolment() {
    const res = await staffApi<{ enrolment: StaffResetElement['enrolment'] }>(
      'POST',
      '/api/staff/password-reset/authenticator',
      { token: this.dataset.token },
    );
    if (res.ok) this.enrolment = res.body.enrolment;
  }

  async #submit(e: Event) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const password = String(form.get('password') ?? '');
    const totp = String(form.get('totp') ?? '').replace(/\s/g, '');
    const res = await staffApi('POST', '/api/staff/password-reset', {
      token: this.dataset.token,
      password,
      ...(totp ? { totp } : {}),
    });
    if (res.ok) this.done = true;
    else
      this.error =
        res.body.error?.fields?.password?.message ??
        res.body.error?.fields?.totp?.message ??
        res.body.error?.message ??
        this.#tr.t('workspace.error');
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
      ${
        this.enrolment
          ? html`<p>${t('workspace.reset.totp')}</p>
              <p dir="ltr"><code>${this.enrolment.totpUri}</code></p>
              <div class="field">
                <label for="reset-totp">${t('workspace.reset.code')}</label>
                <p class="hint" id="reset-totp-hint">${t('workspace.reset.codeHint')}</p>
                <input id="reset-totp" name="totp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" ?required=${this.enrolment.required} aria-describedby="reset-totp-hint" />
              </div>`
          : nothing
      }
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
