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
import type { PersonExport as Found } from '../../contracts/staff-responses.ts';

type Counts = { bookings: number; enrolments: number; requests: number; queueTexts: number };

/** What the API takes of a picked record. */
const kindsAndIds = (records: PersonCandidate[]) => records.map(({ kind, id }) => ({ kind, id }));

export class StaffPersonElement extends LightElement {
  static override properties = { allowed: { state: true }, message: { state: true }, candidates: { state: true } };
  declare allowed: boolean;
  declare message: string;
  /** The records the last contact lookup found; null before any. */
  declare candidates: PersonCandidate[] | null;
  #tr!: Translator;

  constructor() {
    super();
    this.allowed = false;
    this.message = '';
    this.candidates = null;
  }

  override async connectedCallback() {
    this.#tr = islandTranslator(this);
    super.connectedCallback();
    this.allowed = (await whoAmI())?.role === 'admin';
  }

  #value(id: string): string {
    return this.querySelector<HTMLInputElement>(`#${id}`)!.value.trim();
  }

  /** The ticked candidates, or null (and a message saying to tick one) when none is. */
  #picked(): PersonCandidate[] | null {
    const ids = new Set([...this.querySelectorAll<HTMLInputElement>('[data-candidate]:checked')].map((i) => i.value));
    const picked = (this.candidates ?? []).filter((c) => ids.has(c.id));
    if (!picked.length) this.message = this.#tr.t('workspace.admin.person.nonePicked');
    return picked.length ? picked : null;
  }

  /** A new list starts unticked (Lit reuses the rows' checkboxes, and their ticks with them). */
  #show(candidates: PersonCandidate[]) {
    for (const box of this.querySelectorAll<HTMLInputElement>('[data-candidate]')) box.checked = false;
    this.candidates = candidates;
  }

  async #call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T | undefined> {
    const res = await staffApi<T>(method, `/api/staff/admin/person${path}`, body);
    if (res.ok) return res.body;
    this.message = errorText(res.body as MaybeApiError, this.#tr.t('workspace.error'));
    return undefined;
  }

  /** Exports by the reference, or the ticked candidates; downloads the JSON. */
  async #export(picked: boolean) {
    const records = picked ? this.#picked() : [];
    if (!records) return;
    const found = picked
      ? await this.#call<Found>('POST', '/export', { records: kindsAndIds(records) })
      : await this.#call<Found>('GET', `?${new URLSearchParams({ reference: this.#value('person-reference') })}`);
    if (!found) return;
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

  async #findCandidates() {
    const found = await this.#call<{ candidates: PersonCandidate[] }>(
      'GET',
      `/candidates?${new URLSearchParams({ contact: this.#value('person-contact') })}`,
    );
    if (!found) return;
    this.#show(found.candidates);
    this.message = this.#tr.t('workspace.admin.person.candidatesFound', { count: found.candidates.length });
  }

  /** Erases by the reference, or the ticked candidates (which then leave the list). */
  async #erase(picked: boolean) {
    const records = picked ? this.#picked() : [];
    if (!records) return;
    const confirm = this.querySelector<HTMLInputElement>('#person-confirm')!.checked;
    const res = await this.#call<{ erased: Counts }>('POST', '/erase', {
      ...(picked ? { records: kindsAndIds(records) } : { reference: this.#value('person-reference') }),
      ...(confirm ? { confirm: true } : {}),
    });
    if (!res) return;
    if (picked) this.#show((this.candidates ?? []).filter((c) => !records.includes(c)));
    this.message = this.#tr.t('workspace.admin.person.erased', res.erased);
  }

  #candidate(c: PersonCandidate) {
    const text = [
      this.#tr.t(`workspace.admin.person.kind.${c.kind}`),
      staffFormatter(staffLang()).date(c.date),
      c.initials,
      c.reference,
    ]
      .filter(Boolean)
      .join(' · ');
    return html`<li><label class="check"><input type="checkbox" data-candidate value=${c.id} /> <span>${text}</span></label></li>`;
  }

  override render() {
    if (!this.allowed) return nothing;
    const { t } = this.#tr;
    const list = this.candidates;
    const button = (key: string, onClick: () => void) =>
      html`<button class="button button--secondary" type="button" @click=${onClick}>${t(`workspace.admin.person.${key}`)}</button>`;
    const lookup = (field: string, key: string, onClick: () => void) =>
      html`<div class="row-editor">
        <div class="field"><label for=${`person-${field}`}>${t(`workspace.admin.person.${field}`)}</label><input id=${`person-${field}`} dir="ltr" autocomplete="off" /></div>
        ${button(key, onClick)}
      </div>`;
    return html`<section aria-labelledby="person-title">
      <h2 id="person-title">${t('workspace.admin.person.title')}</h2>
      <p>${t('workspace.admin.person.intro')}</p>
      ${lookup('reference', 'export', () => this.#export(false))}
      ${lookup('contact', 'findCandidates', () => this.#findCandidates())}
      ${
        list
          ? html`<fieldset class="person-candidates">
              <legend>${t('workspace.admin.person.candidatesLegend')}</legend>
              ${list.length ? html`<ul class="person-candidates__list">${list.map((c) => this.#candidate(c))}</ul>` : html`<p>${t('workspace.admin.person.noCandidates')}</p>`}
              ${button('exportPicked', () => this.#export(true))}
            </fieldset>`
          : nothing
      }
      <div class="row-editor">
        <label class="check"><input id="person-confirm" type="checkbox" /> ${t('workspace.admin.person.confirm')}</label>
        ${button('erase', () => this.#erase(false))}
        ${list?.length ? button('erasePicked', () => this.#erase(true)) : nothing}
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
