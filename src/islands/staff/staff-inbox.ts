/**
 * <ihl-staff-inbox>: referrals and employer requests with their first-contact deadline (overdue
 * ones marked), the employer follow-ups that are due, and one request's details (personal data,
 * fetched only when opened: the server audits each view) with its actions: assign to me,
 * contacted, close with an outcome, and for a referral "book an assessment" with the client's
 * details carried to the booking page in this tab's sessionStorage.
 */
import { html, nothing } from 'lit';
import { LightElement, islandTranslator, readIslandData } from '../shared/island.ts';
import { BOOKING_PREFILL_KEY, type BookingPrefill } from '../shared/prefill.ts';
import { staffFormatter } from './staff-format.ts';
import { OUTCOMES } from '../../domain/request-options.ts';
import type { InboxDetail, InboxItem } from '../../contracts/staff-responses.ts';
import type { Translator } from '../../i18n/translator.ts';
import { csrfToken, staffApi, staffLang, whoAmI } from './staff-api.ts';

export class StaffInboxElement extends LightElement {
  static override properties = {
    items: { state: true },
    detail: { state: true },
    status: { state: true },
    kind: { state: true },
    message: { state: true },
  };
  declare items: InboxItem[];
  declare detail: InboxDetail | undefined;
  declare status: 'open' | 'closed' | 'all';
  declare kind: 'all' | 'referral' | 'employer';
  declare message: string;
  #tr!: Translator;
  #labels: Record<string, string> = {};
  #languages: Record<string, string> = {};

  constructor() {
    super();
    this.items = [];
    this.status = 'open';
    this.kind = 'all';
    this.message = '';
  }

  override async connectedCallback() {
    this.#tr = islandTranslator(this);
    this.#labels = readIslandData(this, 'labels') ?? {};
    this.#languages = readIslandData(this, 'languages') ?? {};
    super.connectedCallback();
    if (await whoAmI()) await this.#load();
  }

  async #load() {
    const res = await staffApi<{ items: InboxItem[] }>(
      'GET',
      `/api/staff/inbox?status=${this.status}&kind=${this.kind}`,
    );
    if (res.ok) this.items = res.body.items;
  }

  async #open(id: string) {
    const res = await staffApi<{ item: InboxDetail }>('GET', `/api/staff/inbox/${id}`);
    this.message = res.ok ? '' : (res.body.error?.message ?? this.#tr.t('workspace.error'));
    if (res.ok) this.detail = res.body.item;
    await this.updateComplete;
    this.querySelector<HTMLElement>(res.ok ? '#inbox-detail-title' : '.inbox-message')?.focus();
  }

  async #act(path: string, body: unknown = {}) {
    const res = await staffApi<{ item?: InboxDetail }>('POST', `/api/staff/inbox/${path}`, body);
    if (res.ok && res.body.item) this.detail = res.body.item;
    this.message = res.ok
      ? this.#tr.t('workspace.inbox.saved')
      : (res.body.error?.message ?? this.#tr.t('workspace.error'));
    await this.#load();
    await this.updateComplete;
    this.querySelector<HTMLElement>('.inbox-message')?.focus();
  }

  #book(d: InboxDetail) {
    const p = d.personal ?? {};
    const prefill: BookingPrefill = {
      name: String(p.clientName ?? ''),
      phone: String(p.clientPhone ?? ''),
      email: String(p.clientEmail ?? ''),
      ...(d.language ? { language: d.language } : {}),
      interpreter: !!d.interpreterNeeded,
      staffCsrf: csrfToken(),
    };
    sessionStorage.setItem(BOOKING_PREFILL_KEY, JSON.stringify(prefill));
    location.assign(`/${staffLang()}/book/`);
  }

  override render() {
    const { t } = this.#tr;
    const lang = staffLang();
    const date = (iso: string) => staffFormatter(lang).date(new Date(iso));
    const followUps = this.items.filter((i) => i.followUp && !i.followUp.doneAt);
    return html`
      <p class="inbox-message" tabindex="-1" role="status">${this.message}</p>
      <form class="row-editor" @submit=${(e: Event) => {
        e.preventDefault();
        void this.#load();
      }}>
        <div class="field"><label for="inbox-status">${t('workspace.inbox.filterStatus')}</label>
          <select id="inbox-status" @change=${(e: Event) => (this.status = (e.target as HTMLSelectElement).value as typeof this.status)}>
            ${(['open', 'closed', 'all'] as const).map((s) => html`<option value=${s} ?selected=${this.status === s}>${t(`workspace.inbox.status.${s}`)}</option>`)}
          </select></div>
        <div class="field"><label for="inbox-kind">${t('workspace.inbox.filterKind')}</label>
          <select id="inbox-kind" @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as typeof this.kind)}>
            ${(['all', 'referral', 'employer'] as const).map((k) => html`<option value=${k} ?selected=${this.kind === k}>${t(`workspace.inbox.kind.${k}`)}</option>`)}
          </select></div>
        <button class="button button--secondary" type="submit">${t('workspace.inbox.show')}</button>
      </form>
      <section aria-labelledby="inbox-tasks"><h2 id="inbox-tasks">${t('workspace.inbox.tasksTitle')}</h2>
        ${
          followUps.length
            ? html`<ul class="actions">${followUps.map(
                (i) => html`<li class=${i.followUp!.overdue ? 'is-overdue' : ''}>
              ${t('workspace.inbox.followUp', { reference: i.reference, from: i.from, date: date(i.followUp!.dueAt) })}
              ${i.followUp!.overdue ? html` <strong>${t('workspace.inbox.overdue')}</strong>` : nothing}
              <button class="button button--secondary" type="button" @click=${() => this.#act(`tasks/${i.followUp!.id}/done`)}>${t('workspace.inbox.followUpDone')}<span class="visually-hidden"> ${i.reference}</span></button></li>`,
              )}</ul>`
            : html`<p>${t('workspace.inbox.noTasks')}</p>`
        }
      </section>
      ${
        this.items.length
          ? html`<div class="table-scroll" role="region" aria-label=${t('workspace.inbox.title')} tabindex="0"><table class="schedule inbox-table">
            <thead><tr>${['colReference', 'colKind', 'colFrom', 'colReceived', 'colDue', 'colStatus', 'colAssigned'].map((c) => html`<th scope="col">${t(`workspace.inbox.${c}`)}</th>`)}</tr></thead>
            <tbody>${this.items.map(
              (i) => html`<tr class=${i.overdue ? 'is-overdue' : ''}>
              <td><button class="link-button" type="button" dir="ltr" aria-label=${t('workspace.inbox.open', { reference: i.reference })} @click=${() => this.#open(i.id)}>${i.reference}</button></td>
              <td>${t(`workspace.inbox.kind.${i.kind}`)}</td>
              <td>${i.from}</td>
              <td>${date(i.receivedAt)}</td>
              <td>${date(i.dueAt)}${i.overdue ? html` <strong>${t('workspace.inbox.overdue')}</strong>` : nothing}</td>
              <td>${i.status === 'closed' && i.outcome ? t(`workspace.inbox.outcome.${i.outcome}`) : t(`workspace.inbox.status.${i.status}`)}</td>
              <td>${i.assignedTo?.name ?? ''}</td></tr>`,
            )}</tbody>
          </table></div>`
          : html`<p>${t('workspace.inbox.none')}</p>`
      }
      ${this.detail ? this.#detailView(this.detail) : nothing}
    `;
  }

  #detailView(d: InboxDetail) {
    const { t } = this.#tr;
    const lang = staffLang();
    const label = (k: string) => this.#labels[k] ?? k;
    const row = (name: string, value: unknown) =>
      value === null || value === undefined || value === ''
        ? nothing
        : html`<div><dt>${name}</dt><dd>${value}</dd></div>`;
    const personal = d.personal ? Object.entries(d.personal).filter(([, v]) => v !== null && v !== '') : [];
    return html`<section class="status-box" aria-labelledby="inbox-detail-title">
      <h2 id="inbox-detail-title" tabindex="-1">${t('workspace.inbox.detailTitle', { reference: d.reference })}</h2>
      <dl class="summary">
        ${row(t('workspace.inbox.colKind'), t(`workspace.inbox.kind.${d.kind}`))}
        ${row(t('workspace.inbox.colFrom'), d.orgKind ? `${d.from} (${label(`org.${d.orgKind}`)})` : d.from)}
        ${row(t('workspace.inbox.field.received'), staffFormatter(lang).dateTime(new Date(d.receivedAt)))}
        ${row(t('workspace.inbox.field.due'), staffFormatter(lang).dateTime(new Date(d.dueAt)))}
        ${row(t('workspace.inbox.field.contacted'), d.contactedAt ? staffFormatter(lang).dateTime(new Date(d.contactedAt)) : null)}
        ${row(t('workspace.inbox.colStatus'), d.status === 'closed' && d.outcome ? t(`workspace.inbox.outcome.${d.outcome}`) : t(`workspace.inbox.status.${d.status}`))}
        ${row(t('workspace.inbox.field.language'), d.language ? (this.#languages[d.language] ?? d.language) : null)}
        ${d.interpreterNeeded === null ? nothing : row(t('workspace.inbox.field.interpreter'), d.interpreterNeeded ? t('workspace.inbox.yes') : t('workspace.inbox.no'))}
        ${row(t('workspace.inbox.field.categories'), d.categories.map((c) => label(d.kind === 'referral' ? `reason.${c}` : c)).join(', '))}
        ${row(t('workspace.inbox.field.sector'), d.sector ? label(`sector.${d.sector}`) : null)}
        ${row(t('workspace.inbox.field.positions'), d.positions)}
        ${row(t('workspace.inbox.field.consentVersion'), d.consentVersion)}
      </dl>
      ${
        d.anonymised
          ? html`<p class="notice">${t('workspace.inbox.anonymised')}</p>`
          : html`<h3>${t('workspace.inbox.field.personal')}</h3>
          <dl class="summary">${personal.map(([k, v]) => row(label(k), Array.isArray(v) ? v.map((x) => this.#languages[String(x)] ?? x).join(', ') : String(v)))}</dl>`
      }
      ${
        d.status === 'closed'
          ? nothing
          : html`<div class="actions">
            ${d.assignedTo ? nothing : html`<button class="button button--secondary" type="button" @click=${() => this.#act(`${d.id}/assign`)}>${t('workspace.inbox.assignToMe')}</button>`}
            ${d.status === 'contacted' ? nothing : html`<button class="button" type="button" @click=${() => this.#act(`${d.id}/contacted`)}>${t('workspace.inbox.markContacted')}</button>`}
            ${d.kind === 'referral' && d.personal ? html`<button class="button button--secondary" type="button" @click=${() => this.#book(d)}>${t('workspace.inbox.bookAssessment')}</button>` : nothing}
          </div>
          <form class="row-editor" @submit=${(e: Event) => {
            e.preventDefault();
            void this.#act(`${d.id}/close`, { outcome: new FormData(e.target as HTMLFormElement).get('outcome') });
          }}>
            <div class="field"><label for="inbox-outcome">${t('workspace.inbox.closeWith')}</label>
              <select id="inbox-outcome" name="outcome">${OUTCOMES.map((o) => html`<option value=${o}>${t(`workspace.inbox.outcome.${o}`)}</option>`)}</select></div>
            <button class="button button--secondary" type="submit">${t('workspace.inbox.close')}</button>
          </form>`
      }
    </section>`;
  }
}
customElements.define('ihl-staff-inbox', StaffInboxElement);
declare global {
  interface HTMLElementTagNameMap {
    'ihl-staff-inbox': StaffInboxElement;
  }
}
