/**
 * <ihl-staff-partners>: admins add partner organisations, make API keys for their systems (the
 * key is shown once, here, and never again) and revoke them. Hidden from everyone else.
 */
import { html, nothing } from 'lit';
import { LightElement, islandTranslator, readIslandData } from '../shared/island.ts';
import { staffFormatter } from './staff-format.ts';
import type { Translator } from '../../i18n/translator.ts';
import { errorText, staffApi, staffLang, whoAmI } from './staff-api.ts';
import type { PartnerRow } from '../../contracts/staff-responses.ts';

export class StaffPartnersElement extends LightElement {
  static override properties = {
    partners: { state: true },
    allowed: { state: true },
    message: { state: true },
    newKey: { state: true },
  };
  declare partners: PartnerRow[];
  declare allowed: boolean;
  declare message: string;
  declare newKey: string;
  #tr!: Translator;
  #kinds: Record<string, string> = {};

  constructor() {
    super();
    this.partners = [];
    this.allowed = false;
    this.message = '';
    this.newKey = '';
  }

  override async connectedCallback() {
    this.#tr = islandTranslator(this);
    this.#kinds = readIslandData(this, 'org-kinds') ?? {};
    super.connectedCallback();
    const me = await whoAmI();
    this.allowed = me?.role === 'admin';
    if (this.allowed) await this.#load();
  }

  async #load() {
    const res = await staffApi<{ partners: PartnerRow[] }>('GET', '/api/staff/admin/partners');
    if (res.ok) this.partners = res.body.partners;
  }

  async #post(path: string, body?: unknown) {
    const res = await staffApi<{ key?: string }>('POST', path, body);
    this.message = res.ok ? '' : errorText(res.body, this.#tr.t('workspace.error'));
    this.newKey = res.ok && res.body.key ? res.body.key : '';
    await this.#load();
    await this.updateComplete;
    this.querySelector<HTMLElement>('.partners-message')?.focus();
  }

  override render() {
    if (!this.allowed) return nothing;
    const { t } = this.#tr;
    const date = (iso: string) => staffFormatter(staffLang()).date(new Date(iso));
    return html`<section aria-labelledby="partners-title">
      <h2 id="partners-title">${t('workspace.admin.partners.title')}</h2>
      <div class="partners-message" tabindex="-1" role="status">
        ${this.message ? html`<p class="notice notice--error">${this.message}</p>` : nothing}
        ${this.newKey ? html`<p class="notice notice--ok">${t('workspace.admin.partners.keyOnce')} <code dir="ltr">${this.newKey}</code></p>` : nothing}
      </div>
      ${
        this.partners.length
          ? html`<ul>${this.partners.map(
              (p) => html`<li>
            <strong>${p.name}</strong> (${this.#kinds[p.org_kind] ?? p.org_kind})
            <ul>${p.keys.map(
              (k) => html`<li><code dir="ltr">${k.prefix}…</code> ${date(k.created_at)}
              ${k.last_used_at ? t('workspace.admin.partners.lastUsed', { date: date(k.last_used_at) }) : nothing}
              ${k.revoked_at ? html` — ${t('workspace.admin.partners.revoked')}` : html`<button class="link-button" type="button" @click=${() => this.#post(`/api/staff/admin/partner-keys/${k.id}/revoke`)}>${t('workspace.admin.partners.revoke', { prefix: k.prefix })}</button>`}</li>`,
            )}</ul>
            <button class="button button--secondary" type="button" @click=${() => this.#post(`/api/staff/admin/partners/${p.id}/keys`)}>${t('workspace.admin.partners.newKey', { name: p.name })}</button>
          </li>`,
            )}</ul>`
          : html`<p>${t('workspace.admin.partners.none')}</p>`
      }
      <form class="row-editor" @submit=${(e: Event) => {
        e.preventDefault();
        const f = new FormData(e.target as HTMLFormElement);
        void this.#post('/api/staff/admin/partners', { name: f.get('name'), orgKind: f.get('orgKind') });
      }}>
        <div class="field"><label for="partner-name">${t('workspace.admin.partners.name')}</label><input id="partner-name" name="name" required /></div>
        <div class="field"><label for="partner-kind">${t('workspace.admin.partners.kind')}</label>
          <select id="partner-kind" name="orgKind">${Object.entries(this.#kinds).map(([k, v]) => html`<option value=${k}>${v}</option>`)}</select></div>
        <button class="button button--secondary" type="submit">${t('workspace.admin.partners.add')}</button>
      </form>
    </section>`;
  }
}
customElements.define('ihl-staff-partners', StaffPartnersElement);
declare global {
  interface HTMLElementTagNameMap {
    'ihl-staff-partners': StaffPartnersElement;
  }
}
