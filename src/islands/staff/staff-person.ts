/**
 * <ihl-staff-person>: an admin answers a data subject's request: find everything held on one
 * person by a reference or a contact, download it as JSON, or erase it after confirming.
 */
import { html, nothing } from 'lit';
import { LightElement, islandTranslator } from '../shared/island.ts';
import type { Translator } from '../../i18n/translator.ts';
import { errorText, staffApi, whoAmI } from './staff-api.ts';
import type { MaybeApiError } from '../../contracts/api-error.ts';
import type { PersonExport as Found } from '../../contracts/staff-responses.ts';

export class StaffPersonElement extends LightElement {
  static override properties = { allowed: { state: true }, message: { state: true } };
  declare allowed: boolean;
  declare message: string;
  #tr!: Translator;

  constructor() {
    super();
    this.allowed = false;
    this.message = '';
  }

  override async connectedCallback() {
    this.#tr = islandTranslator(this);
    super.connectedCallback();
    this.allowed = (await whoAmI())?.role === 'admin';
  }

  #lookup(): { reference?: string; contact?: string } {
    const reference = this.querySelector<HTMLInputElement>('#person-reference')!.value.trim();
    const contact = this.querySelector<HTMLInputElement>('#person-contact')!.value.trim();
    return { ...(reference ? { reference } : {}), ...(contact ? { contact } : {}) };
  }

  #fail(body: MaybeApiError) {
    this.message = errorText(body, this.#tr.t('workspace.error'));
  }

  async #export() {
    const res = await staffApi<Found>(
      'GET',
      `/api/staff/admin/person?${new URLSearchParams(this.#lookup()).toString()}`,
    );
    if (!res.ok) return this.#fail(res.body);
    const { bookings, enrolments, requests } = res.body;
    this.message = this.#tr.t('workspace.admin.person.found', {
      bookings: bookings.length,
      enrolments: enrolments.length,
      requests: requests.length,
    });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([JSON.stringify(res.body, null, 2)], { type: 'application/json' }));
    link.download = 'person-data.json';
    link.click();
    URL.revokeObjectURL(link.href);
  }

  async #erase() {
    const confirm = this.querySelector<HTMLInputElement>('#person-confirm')!.checked;
    const res = await staffApi<{ erased: { bookings: number; enrolments: number; requests: number } }>(
      'POST',
      '/api/staff/admin/person/erase',
      { ...this.#lookup(), ...(confirm ? { confirm: true } : {}) },
    );
    if (!res.ok) return this.#fail(res.body);
    this.message = this.#tr.t('workspace.admin.person.erased', res.body.erased);
  }

  override render() {
    if (!this.allowed) return nothing;
    const { t } = this.#tr;
    return html`<section aria-labelledby="person-title">
      <h2 id="person-title">${t('workspace.admin.person.title')}</h2>
      <p>${t('workspace.admin.person.intro')}</p>
      <div class="row-editor">
        <div class="field"><label for="person-reference">${t('workspace.admin.person.reference')}</label><input id="person-reference" dir="ltr" autocomplete="off" /></div>
        <div class="field"><label for="person-contact">${t('workspace.admin.person.contact')}</label><input id="person-contact" dir="ltr" autocomplete="off" /></div>
        <button class="button button--secondary" type="button" @click=${() => this.#export()}>${t('workspace.admin.person.export')}</button>
      </div>
      <div class="row-editor">
        <label class="check"><input id="person-confirm" type="checkbox" /> ${t('workspace.admin.person.confirm')}</label>
        <button class="button button--secondary" type="button" @click=${() => this.#erase()}>${t('workspace.admin.person.erase')}</button>
      </div>
      <p role="status">${this.message}</p>
    </section>`;
  }
}
customElements.define('ihl-staff-person', StaffPersonElement);
declare global {
  interface HTMLElementTagNameMap {
    'ihl-staff-person': StaffPersonElement;
  }
}
