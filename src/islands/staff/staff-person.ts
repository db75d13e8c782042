/**
 * <ihl-staff-person>: an admin answers a data subject's request. By a reference: download
 * everything under it as JSON, or erase it after confirming. By an email or phone number: the
 * records the contact matches are listed first (kind, day, initials), and the admin ticks the ones
 * that belong to the person asking before exporting or erasing them, so a family sharing one phone
 * is never exported or erased together (README "Personal data").
 */
import { html, nothing } from 'lit';
import { LightElement, islandTranslator } from '../shared/island.ts';
import type { Translator } from '../../i18n/translator.ts';
import { errorText, staffApi, staffLang, whoAmI } from './staff-api.ts';
import { staffFormatter } from './staff-format.ts';
import type { MaybeApiError } from '../../contracts/api-error.ts';
import type { PersonCandidate } from '../../contracts/person.ts';

interface Found {
  bookings: unknown[];
  enrolments: unknown[];
  requests: unknown[];
  queueTexts: unknown[];
}
type Counts = { bookings: number; enrolments: number; requests: number; queueTexts: number };

export class StaffPersonElement extends LightElement {
  static override properties = {
    allowed: { state: true },
    message: { state: true },
    candidates: { state: true },
    picked: { state: true },
  };
  declare allowed: boolean;
  declare message: string;
  /** The records the last contact lookup found; null before any. */
  declare candidates: PersonCandidate[] | null;
  declare picked: ReadonlySet<string>;
  #tr!: Translator;

  constructor() {
    super();
    this.allowed = false;
    this.message = '';
    this.candidates = null;
    this.picked = new Set();
  }

  override async connectedCallback() {
    this.#tr = islandTranslator(this);
    super.connectedCallback();
    this.allowed = (await whoAmI())?.role === 'admin';
  }

  #value(id: string): string {
    return this.querySelector<HTMLInputElement>(`#${id}`)!.value.trim();
  }

  #fail(body: MaybeApiError) {
    this.message = errorText(body, this.#tr.t('workspace.error'));
  }

  #nonePicked() {
    this.message = this.#tr.t('workspace.admin.person.nonePicked');
  }

  #pickedRecords() {
    return (this.candidates ?? []).filter((c) => this.picked.has(c.id)).map(({ kind, id }) => ({ kind, id }));
  }

  #download(found: Found) {
    this.message = this.#tr.t('workspace.admin.person.found', {
      bookings: found.bookings.length,
      enrolments: found.enrolments.length,
      requests: found.requests.length,
      queueTexts: found.queueTexts.length,
    });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([JSON.stringify(found, null, 2)], { type: 'application/json' }));
    link.download = 'person-data.json';
    link.click();
    URL.revokeObjectURL(link.href);
  }

  async #exportReference() {
    const reference = this.#value('person-reference');
    const res = await staffApi<Found>(
      'GET',
      `/api/staff/admin/person?${new URLSearchParams({ reference }).toString()}`,
    );
    if (!res.ok) return this.#fail(res.body);
    this.#download(res.body);
  }

  async #findCandidates() {
    const contact = this.#value('person-contact');
    const res = await staffApi<{ candidates: PersonCandidate[] }>(
      'GET',
      `/api/staff/admin/person/candidates?${new URLSearchParams({ contact }).toString()}`,
    );
    if (!res.ok) return this.#fail(res.body);
    this.candidates = res.body.candidates;
    this.picked = new Set();
    this.message = this.#tr.t('workspace.admin.person.candidatesFound', { count: this.candidates.length });
  }

  async #exportPicked() {
    const records = this.#pickedRecords();
    if (!records.length) return this.#nonePicked();
    const res = await staffApi<Found>('POST', '/api/staff/admin/person/export', { records });
    if (!res.ok) return this.#fail(res.body);
    this.#download(res.body);
  }

  async #erase(by: 'reference' | 'picked') {
    const records = this.#pickedRecords();
    if (by === 'picked' && !records.length) return this.#nonePicked();
    const confirm = this.querySelector<HTMLInputElement>('#person-confirm')!.checked;
    const res = await staffApi<{ erased: Counts }>('POST', '/api/staff/admin/person/erase', {
      ...(by === 'picked' ? { records } : { reference: this.#value('person-reference') }),
      ...(confirm ? { confirm: true } : {}),
    });
    if (!res.ok) return this.#fail(res.body);
    if (by === 'picked') {
      this.candidates = (this.candidates ?? []).filter((c) => !this.picked.has(c.id));
      this.picked = new Set();
    }
    this.message = this.#tr.t('workspace.admin.person.erased', res.body.erased);
  }

  #toggle(id: string, on: boolean) {
    const next = new Set(this.picked);
    if (on) next.add(id);
    else next.delete(id);
    this.picked = next;
  }

  #candidate(c: PersonCandidate) {
    const { t } = this.#tr;
    const parts = [
      t(`workspace.admin.person.kind.${c.kind}`),
      staffFormatter(staffLang()).date(c.date),
      c.initials,
      c.reference,
    ].filter(Boolean);
    return html`<li><label class="check"><input type="checkbox" .checked=${this.picked.has(c.id)} @change=${(e: Event) => this.#toggle(c.id, (e.target as HTMLInputElement).checked)} /> <span>${parts.join(' · ')}</span></label></li>`;
  }

  override render() {
    if (!this.allowed) return nothing;
    const { t } = this.#tr;
    const list = this.candidates;
    return html`<section aria-labelledby="person-title">
      <h2 id="person-title">${t('workspace.admin.person.title')}</h2>
      <p>${t('workspace.admin.person.intro')}</p>
      <div class="row-editor">
        <div class="field"><label for="person-reference">${t('workspace.admin.person.reference')}</label><input id="person-reference" dir="ltr" autocomplete="off" /></div>
        <button class="button button--secondary" type="button" @click=${() => this.#exportReference()}>${t('workspace.admin.person.export')}</button>
      </div>
      <div class="row-editor">
        <div class="field"><label for="person-contact">${t('workspace.admin.person.contact')}</label><input id="person-contact" dir="ltr" autocomplete="off" /></div>
        <button class="button button--secondary" type="button" @click=${() => this.#findCandidates()}>${t('workspace.admin.person.findCandidates')}</button>
      </div>
      ${
        list
          ? html`<fieldset class="person-candidates">
              <legend>${t('workspace.admin.person.candidatesLegend')}</legend>
              ${list.length ? html`<ul class="person-candidates__list">${list.map((c) => this.#candidate(c))}</ul>` : html`<p>${t('workspace.admin.person.noCandidates')}</p>`}
              <button class="button button--secondary" type="button" @click=${() => this.#exportPicked()}>${t('workspace.admin.person.exportPicked')}</button>
            </fieldset>`
          : nothing
      }
      <div class="row-editor">
        <label class="check"><input id="person-confirm" type="checkbox" /> ${t('workspace.admin.person.confirm')}</label>
        <button class="button button--secondary" type="button" @click=${() => this.#erase('reference')}>${t('workspace.admin.person.erase')}</button>
        ${list?.length ? html`<button class="button button--secondary" type="button" @click=${() => this.#erase('picked')}>${t('workspace.admin.person.erasePicked')}</button>` : nothing}
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
