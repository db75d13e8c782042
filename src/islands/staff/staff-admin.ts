/**
 * <ihl-staff-admin>: accounts (create with a one-time password link and a TOTP secret shown
 * once, deactivate, new password link) and the audit log search. Admins only; the server checks.
 */
import { html, nothing } from 'lit';
import { LightElement, islandTranslator } from '../shared/island.ts';
import type { Translator } from '../../i18n/translator.ts';
import { staffApi, whoAmI } from './staff-api.ts';
import type { Account, AuditEntry } from '../../contracts/staff-responses.ts';

export class StaffAdminElement extends LightElement {
  static override properties = {
    accounts: { state: true },
    created: { state: true },
    message: { state: true },
    audit: { state: true },
    allowed: { state: true },
  };
  declare accounts: Account[];
  declare created: { resetUrl: string } | undefined;
  declare message: string;
  declare audit: AuditEntry[];
  declare allowed: boolean | undefined;
  #tr!: Translator;

  constructor() {
    super();
    this.accounts = [];
    this.audit = [];
    this.message = '';
  }

  override async connectedCallback() {
    this.#tr = islandTranslator(this);
    super.connectedCallback();
    const me = await whoAmI();
    if (!me) return;
    this.allowed = me.role === 'admin';
    if (this.allowed) await this.#load();
  }

  async #load() {
    const res = await staffApi<{ accounts: Account[] }>('GET', '/api/staff/admin/accounts');
    if (res.ok) this.accounts = res.body.accounts;
  }

  async #create(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const res = await staffApi<{ resetUrl: string }>('POST', '/api/staff/admin/accounts', {
      email: f.get('email'),
      displayName: f.get('name'),
      role: f.get('role'),
      languages: String(f.get('languages') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    });
    this.created = res.ok ? res.body : undefined;
    this.message = res.ok
      ? this.#tr.t('workspace.booking.saved')
      : (res.body.error?.message ?? this.#tr.t('workspace.error'));
    await this.#load();
  }

  async #post(path: string) {
    const res = await staffApi<{ resetUrl?: string }>('POST', path);
    this.message = res.ok
      ? (res.body.resetUrl ?? this.#tr.t('workspace.booking.saved'))
      : (res.body.error?.message ?? this.#tr.t('workspace.error'));
    await this.#load();
  }

  async #search(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const q = new URLSearchParams([...f.entries()].filter(([, v]) => v !== '').map(([k, v]) => [k, String(v)]));
    const res = await staffApi<{ entries: AuditEntry[] }>('GET', `/api/staff/admin/audit?${q}`);
    this.audit = res.ok ? res.body.entries : [];
  }

  override render() {
    const { t } = this.#tr;
    if (this.allowed === false) return html`<p class="notice">${t('errors.forbidden')}</p>`;
    if (!this.allowed) return html`<p>…</p>`;
    return html`
      <p role="status" class="muted" dir="auto">${this.message}</p>
      ${this.created ? html`<div class="notice"><p>${t('workspace.admin.giveLink')}</p><p dir="ltr"><code>${this.created.resetUrl}</code></p></div>` : nothing}
      <h2>${t('workspace.admin.accounts')}</h2>
      <ul class="template-list">${this.accounts.map(
        (a) => html`<li>
        <strong>${a.display_name}</strong> <span dir="ltr">${a.email}</span>, ${t(`workspace.role.${a.role}`)}${a.active ? '' : ` (${t('workspace.admin.inactive')})`}
        ${a.active ? html`<button class="link-button" type="button" @click=${() => this.#post(`/api/staff/admin/accounts/${a.id}/deactivate`)}>${t('workspace.admin.deactivate')}<span class="visually-hidden"> ${a.display_name}</span></button>` : nothing}
        <button class="link-button" type="button" @click=${() => this.#post(`/api/staff/admin/accounts/${a.id}/reset-link`)}>${t('workspace.admin.resetLink')}<span class="visually-hidden"> ${a.display_name}</span></button>
      </li>`,
      )}</ul>
      <h2>${t('workspace.admin.create')}</h2>
      <form @submit=${(e: Event) => this.#create(e)}>
        <div class="field"><label for="n-email">${t('workspace.login.email')}</label><input id="n-email" name="email" type="email" required /></div>
        <div class="field"><label for="n-name">${t('workspace.admin.name')}</label><input id="n-name" name="name" required /></div>
        <div class="field"><label for="n-role">${t('workspace.admin.role')}</label><select id="n-role" name="role">${['advisor', 'coordinator', 'admin'].map((r) => html`<option value=${r}>${t(`workspace.role.${r}`)}</option>`)}</select></div>
        <div class="field"><label for="n-languages">${t('workspace.availability.languages')}</label><input id="n-languages" name="languages" value="fi" /></div>
        <button class="button" type="submit">${t('workspace.admin.create')}</button>
      </form>
      <h2>${t('workspace.admin.audit')}</h2>
      <form class="filters" @submit=${(e: Event) => this.#search(e)}>
        <div class="field"><label for="q-type">${t('workspace.admin.recordType')}</label><input id="q-type" name="recordType" placeholder="booking" /></div>
        <div class="field"><label for="q-id">${t('workspace.admin.recordId')}</label><input id="q-id" name="recordId" /></div>
        <div class="field"><label for="q-from">${t('workspace.availability.from')}</label><input id="q-from" name="from" type="date" /></div>
        <button class="button" type="submit">${t('workspace.bookings.filter')}</button>
      </form>
      ${
        this.audit.length
          ? html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t('workspace.admin.audit')}><table class="schedule"><thead><tr>
        <th scope="col">${t('workspace.bookings.colTime')}</th><th scope="col">${t('workspace.admin.actor')}</th><th scope="col">${t('workspace.admin.action')}</th><th scope="col">${t('workspace.admin.recordType')}</th><th scope="col">${t('workspace.admin.recordId')}</th></tr></thead>
        <tbody>${this.audit.map((a) => html`<tr><td dir="ltr">${new Date(a.at).toISOString().replace('T', ' ').slice(0, 19)}</td><td>${this.accounts.find((x) => x.id === a.actor_id)?.display_name ?? a.actor_id ?? '–'}</td><td>${a.action}</td><td>${a.record_type}</td><td dir="ltr">${a.record_id ?? ''}</td></tr>`)}</tbody></table></div>`
          : nothing
      }`;
  }
}
customElements.define('ihl-staff-admin', StaffAdminElement);
declare global {
  interface HTMLElementTagNameMap {
    'ihl-staff-admin': StaffAdminElement;
  }
}
