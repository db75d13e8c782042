/**
 * <ihl-staff-availability>: the advisor's weekly working hours. Adding is immediate; removing
 * hours that hold bookings is refused by the server, and the bookings are listed here so each can
 * be moved or cancelled on purpose.
 */
import { html, nothing } from 'lit';
import { LightElement, islandTranslator, readIslandData } from '../shared/island.ts';
import type { Translator } from '../../i18n/translator.ts';
import { helsinkiDate } from '../../domain/calendar.ts';
import { staffFormatter } from './staff-format.ts';
import type { ApiResult } from '../shared/api.ts';
import { staffApi, staffLang, whoAmI } from './staff-api.ts';
import type {
  AvailabilityException as Exception,
  AvailabilityTemplate as Template,
  PreviewSlot,
} from '../../contracts/staff-responses.ts';

export class StaffAvailabilityElement extends LightElement {
  static override properties = {
    templates: { state: true },
    exceptions: { state: true },
    preview: { state: true },
    conflict: { state: true },
    message: { state: true },
    ready: { state: true },
  };
  declare exceptions: Exception[];
  declare preview: PreviewSlot[];
  declare templates: Template[];
  declare conflict: { reference: string; start: string }[];
  declare message: string;
  declare ready: boolean;
  #tr!: Translator;
  #weekdays: string[] = [];

  constructor() {
    super();
    this.templates = [];
    this.exceptions = [];
    this.preview = [];
    this.conflict = [];
    this.message = '';
    this.ready = false;
  }

  override async connectedCallback() {
    this.#tr = islandTranslator(this);
    this.#weekdays = readIslandData<string[]>(this, 'weekdays') ?? [];
    super.connectedCallback();
    if (!(await whoAmI())) return;
    await this.#load();
    this.ready = true;
  }

  async #load() {
    const [res, ex, pv] = await Promise.all([
      staffApi<{ templates: Template[] }>('GET', '/api/staff/availability'),
      staffApi<{ exceptions: Exception[] }>('GET', '/api/staff/availability/exceptions'),
      staffApi<{ slots: PreviewSlot[] }>('GET', '/api/staff/availability/preview'),
    ]);
    if (res.ok) this.templates = res.body.templates;
    if (ex.ok) this.exceptions = ex.body.exceptions;
    if (pv.ok) this.preview = pv.body.slots.slice(0, 40);
  }

  async #addException(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const kind = String(f.get('kind'));
    const start = String(f.get('start') ?? '');
    const end = String(f.get('end') ?? '');
    const res = await staffApi<{ error?: unknown }>('POST', '/api/staff/availability/exceptions', {
      date: f.get('date'),
      kind,
      ...(start && end ? { startTime: start, endTime: end } : {}),
      ...(kind === 'extra'
        ? {
            modes: f.getAll('xmodes'),
            languages: String(f.get('xlanguages') ?? '')
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
            slotMinutes: 60,
          }
        : {}),
    });
    await this.#afterChange(res);
  }

  async #removeException(id: string) {
    await this.#afterChange(await staffApi('DELETE', `/api/staff/availability/exceptions/${id}`));
  }

  async #afterChange(res: ApiResult<unknown>) {
    this.conflict = res.ok
      ? []
      : ((res.body.error?.details?.bookings as { reference: string; start: string }[] | undefined) ?? []);
    this.message = res.ok
      ? this.#tr.t('workspace.booking.saved')
      : this.conflict.length
        ? this.#tr.t('workspace.availability.conflict')
        : (res.body.error?.message ?? this.#tr.t('workspace.error'));
    await this.#load();
    await this.updateComplete;
    this.querySelector<HTMLElement>('.availability-message')?.focus();
  }

  async #add(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const res = await staffApi('POST', '/api/staff/availability', {
      weekday: Number(f.get('weekday')),
      startTime: f.get('start'),
      endTime: f.get('end'),
      slotMinutes: Number(f.get('slot')),
      modes: f.getAll('modes'),
      languages: String(f.get('languages') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      validFrom: helsinkiDate(new Date()),
    });
    this.message = res.ok
      ? this.#tr.t('workspace.booking.saved')
      : (res.body.error?.message ?? this.#tr.t('workspace.error'));
    this.conflict = [];
    await this.#load();
  }

  async #remove(id: string) {
    const res = await staffApi<{ error?: unknown }>('DELETE', `/api/staff/availability/${id}`);
    if (res.ok) {
      this.conflict = [];
      this.message = this.#tr.t('workspace.booking.saved');
    } else {
      this.conflict = (res.body.error?.details?.bookings as { reference: string; start: string }[] | undefined) ?? [];
      this.message = this.conflict.length
        ? this.#tr.t('workspace.availability.conflict')
        : (res.body.error?.message ?? this.#tr.t('workspace.error'));
    }
    await this.#load();
    await this.updateComplete;
    this.querySelector<HTMLElement>('.availability-message')?.focus();
  }

  override render() {
    const { t } = this.#tr;
    if (!this.ready) return html`<p>…</p>`;
    return html`
      <div class="availability-message" tabindex="-1" role="status">
        ${this.message ? html`<p>${this.message}</p>` : nothing}
        ${this.conflict.length ? html`<ul>${this.conflict.map((b) => html`<li><a href=${`/workspace/${staffLang()}/bookings/`} dir="ltr">${b.reference}</a> ${staffFormatter(staffLang()).dateTime(new Date(b.start))}</li>`)}</ul>` : nothing}
      </div>
      ${
        this.templates.length === 0
          ? html`<p>${t('workspace.availability.none')}</p>`
          : html`<ul class="template-list">
        ${this.templates.map(
          (tp) => html`<li>
          <strong>${this.#weekdays[tp.weekday - 1]}</strong> <span dir="ltr">${tp.start_time}–${tp.end_time}</span>, ${tp.slot_minutes} min,
          ${tp.modes.map((m) => t(`workspace.mode.${m}`)).join(', ')}; ${tp.languages.join(', ')}
          <button class="link-button" type="button" @click=${() => this.#remove(tp.id)}>${t('workspace.availability.remove')}<span class="visually-hidden"> ${this.#weekdays[tp.weekday - 1]} ${tp.start_time}</span></button>
        </li>`,
        )}</ul>`
      }
      <h2>${t('workspace.availability.exceptions')}</h2>
      ${
        this.exceptions.length === 0
          ? html`<p>${t('workspace.availability.noExceptions')}</p>`
          : html`<ul class="template-list">${this.exceptions.map(
              (x) => html`<li>
        <strong dir="ltr">${x.date}</strong> ${t(`workspace.availability.${x.kind}`)} ${x.start_time ? html`<span dir="ltr">${x.start_time}–${x.end_time}</span>` : ''} ${x.languages.join(', ')}
        <button class="link-button" type="button" @click=${() => this.#removeException(x.id)}>${t('workspace.availability.remove')}<span class="visually-hidden"> ${x.date}</span></button></li>`,
            )}</ul>`
      }
      <form @submit=${(e: Event) => this.#addException(e)}>
        <div class="row-editor">
          <div class="field"><label for="x-date">${t('workspace.bookings.date')}</label><input id="x-date" name="date" type="date" required /></div>
          <fieldset class="choices choices--inline"><legend>${t('workspace.availability.kind')}</legend>
            <label class="choice"><input type="radio" name="kind" value="absence" checked /> ${t('workspace.availability.absence')}</label>
            <label class="choice"><input type="radio" name="kind" value="extra" /> ${t('workspace.availability.extra')}</label></fieldset>
          <div class="field"><label for="x-start">${t('workspace.availability.start')}</label><input id="x-start" name="start" type="time" aria-describedby="x-hint" /></div>
          <div class="field"><label for="x-end">${t('workspace.availability.end')}</label><input id="x-end" name="end" type="time" aria-describedby="x-hint" /></div>
          <fieldset class="choices choices--inline"><legend>${t('workspace.availability.modes')}</legend>
            ${['in_person', 'phone', 'video'].map((m) => html`<label class="choice"><input type="checkbox" name="xmodes" value=${m} ?checked=${m === 'in_person'} /> ${t(`workspace.mode.${m}`)}</label>`)}</fieldset>
          <div class="field"><label for="x-languages">${t('workspace.availability.languages')}</label><input id="x-languages" name="xlanguages" value="fi" /></div>
        </div>
        <p class="hint" id="x-hint">${t('workspace.availability.wholeDayHint')}</p>
        <button class="button button--secondary" type="submit">${t('workspace.availability.addException')}</button>
      </form>
      <h2>${t('workspace.availability.preview')}</h2>
      <ul class="template-list">${this.preview.map((p) => html`<li>${staffFormatter(staffLang()).dateTime(new Date(p.start))}: <strong>${p.booked ? t('workspace.availability.booked') : t('workspace.availability.free')}</strong></li>`)}</ul>
      <h2>${t('workspace.availability.add')}</h2>
      <form @submit=${(e: Event) => this.#add(e)}>
        <div class="field"><label for="a-weekday">${t('workspace.availability.weekday')}</label>
          <select id="a-weekday" name="weekday">${this.#weekdays.map((w, i) => html`<option value=${i + 1}>${w}</option>`)}</select></div>
        <div class="field"><label for="a-start">${t('workspace.availability.start')}</label><input id="a-start" name="start" type="time" value="09:00" required /></div>
        <div class="field"><label for="a-end">${t('workspace.availability.end')}</label><input id="a-end" name="end" type="time" value="12:00" required /></div>
        <div class="field"><label for="a-slot">${t('workspace.availability.slot')}</label><input id="a-slot" name="slot" type="number" min="15" max="240" step="15" value="60" required /></div>
        <fieldset class="choices choices--inline"><legend>${t('workspace.availability.modes')}</legend>
          ${['in_person', 'phone', 'video'].map((m) => html`<label class="choice"><input type="checkbox" name="modes" value=${m} ?checked=${m === 'in_person'} /> ${t(`workspace.mode.${m}`)}</label>`)}
        </fieldset>
        <div class="field"><label for="a-languages">${t('workspace.availability.languages')}</label><input id="a-languages" name="languages" value="fi" required /></div>
        <button class="button" type="submit">${t('workspace.availability.add')}</button>
      </form>`;
  }
}
customElements.define('ihl-staff-availability', StaffAvailabilityElement);
declare global {
  interface HTMLElementTagNameMap {
    'ihl-staff-availability': StaffAvailabilityElement;
  }
}
