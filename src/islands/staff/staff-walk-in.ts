/**
 * <ihl-staff-walk-in>: coordinators edit the walk-in desk's weekly sessions, their languages and
 * the exceptions (closures, changed hours). Saved to the server, which validates it and serves it
 * to the public page at once.
 */
import { html, nothing } from 'lit';
import { LightElement, islandTranslator, readIslandData } from '../shared/island.ts';
import type { Translator } from '../../i18n/translator.ts';
import { helsinkiDate } from '../../domain/calendar.ts';
import type { WalkInSchedule } from '../../domain/walk-in.ts';
import { staffApi, whoAmI } from './staff-api.ts';

export class StaffWalkInElement extends LightElement {
  static override properties = { schedule: { state: true }, message: { state: true }, allowed: { state: true } };
  declare schedule: WalkInSchedule | undefined;
  declare message: string;
  declare allowed: boolean | undefined;
  #tr!: Translator;
  #weekdays: string[] = [];

  constructor() {
    super();
    this.message = '';
  }

  override async connectedCallback() {
    this.#tr = islandTranslator(this);
    this.#weekdays = readIslandData<string[]>(this, 'weekdays') ?? [];
    super.connectedCallback();
    const me = await whoAmI();
    if (!me) return;
    this.allowed = me.role !== 'advisor';
    if (!this.allowed) return;
    const res = await staffApi<{ schedule: WalkInSchedule }>('GET', '/api/staff/coordinator/walk-in');
    if (res.ok) this.schedule = res.body.schedule;
  }

  #update(fn: (s: WalkInSchedule) => void) {
    const copy = structuredClone(this.schedule!);
    fn(copy);
    this.schedule = copy;
  }

  async #save(e: Event) {
    e.preventDefault();
    const res = await staffApi<{ schedule: WalkInSchedule }>('PUT', '/api/staff/coordinator/walk-in', this.schedule);
    if (res.ok) this.schedule = res.body.schedule;
    const fields = res.body.error?.fields ? Object.keys(res.body.error.fields).join(', ') : '';
    this.message = res.ok
      ? this.#tr.t('workspace.booking.saved')
      : `${res.body.error?.message ?? this.#tr.t('workspace.error')} ${fields}`;
    await this.updateComplete;
    this.querySelector<HTMLElement>('.walk-in-message')?.focus();
  }

  override render() {
    const { t } = this.#tr;
    if (this.allowed === false) return html`<p class="notice">${t('errors.forbidden')}</p>`;
    const s = this.schedule;
    if (!s) return html`<p>…</p>`;
    const value = (e: Event) => (e.target as HTMLInputElement).value;
    return html`<form @submit=${(e: Event) => this.#save(e)}>
      <p class="walk-in-message" tabindex="-1" role="status">${this.message}</p>
      <fieldset><legend>${t('workspace.walkIn.sessions')}</legend>
        ${s.sessions.map(
          (row, i) => html`<div class="row-editor">
          <div class="field"><label for=${`s-day-${i}`}>${t('workspace.availability.weekday')}</label>
            <select id=${`s-day-${i}`} @change=${(e: Event) => this.#update((x) => (x.sessions[i]!.weekday = Number(value(e))))}>
              ${this.#weekdays.map((w, d) => html`<option value=${d + 1} ?selected=${row.weekday === d + 1}>${w}</option>`)}</select></div>
          <div class="field"><label for=${`s-start-${i}`}>${t('workspace.availability.start')}</label><input id=${`s-start-${i}`} type="time" .value=${row.start} @change=${(e: Event) => this.#update((x) => (x.sessions[i]!.start = value(e)))} /></div>
          <div class="field"><label for=${`s-end-${i}`}>${t('workspace.availability.end')}</label><input id=${`s-end-${i}`} type="time" .value=${row.end} @change=${(e: Event) => this.#update((x) => (x.sessions[i]!.end = value(e)))} /></div>
          <div class="field"><label for=${`s-lang-${i}`}>${t('workspace.availability.languages')}</label><input id=${`s-lang-${i}`} .value=${row.languages.join(', ')} @change=${(
            e: Event,
          ) =>
            this.#update(
              (x) =>
                (x.sessions[i]!.languages = value(e)
                  .split(',')
                  .map((l) => l.trim())
                  .filter(Boolean)),
            )} /></div>
          <button class="link-button" type="button" @click=${() => this.#update((x) => x.sessions.splice(i, 1))}>${t('workspace.availability.remove')}<span class="visually-hidden"> ${this.#weekdays[row.weekday - 1]} ${row.start}</span></button>
        </div>`,
        )}
        <button class="button button--secondary" type="button" @click=${() => this.#update((x) => x.sessions.push({ weekday: 1, start: '09:00', end: '12:00', languages: ['fi'] }))}>${t('workspace.walkIn.addSession')}</button>
      </fieldset>
      <fieldset><legend>${t('workspace.walkIn.exceptions')}</legend>
        ${s.exceptions.map(
          (ex, i) => html`<div class="row-editor">
          <div class="field"><label for=${`e-date-${i}`}>${t('workspace.bookings.date')}</label><input id=${`e-date-${i}`} type="date" .value=${ex.date} @change=${(e: Event) => this.#update((x) => (x.exceptions[i]!.date = value(e)))} /></div>
          <label class="check"><input type="checkbox" .checked=${!!ex.closed} @change=${(e: Event) =>
            this.#update((x) => {
              x.exceptions[i]!.closed = (e.target as HTMLInputElement).checked;
              if (x.exceptions[i]!.closed) delete x.exceptions[i]!.sessions;
            })} /> ${t('workspace.walkIn.closed')}</label>
          ${
            ex.closed
              ? nothing
              : html`<div class="field"><label for=${`e-hours-${i}`}>${t('workspace.walkIn.hours')}</label><input id=${`e-hours-${i}`} placeholder="09:00-12:00 fi,en" .value=${(ex.sessions ?? []).map((x) => `${x.start}-${x.end} ${x.languages.join(',')}`).join('; ')}
            @change=${(e: Event) =>
              this.#update(
                (x) =>
                  (x.exceptions[i]!.sessions = value(e)
                    .split(';')
                    .map((p) => p.trim())
                    .filter(Boolean)
                    .map((p) => {
                      const [time = '', langs = ''] = p.split(/\s+/);
                      const [start = '', end = ''] = time.split('-');
                      return { start, end, languages: langs.split(',').filter(Boolean) };
                    })),
              )} /></div>`
          }
          <button class="link-button" type="button" @click=${() => this.#update((x) => x.exceptions.splice(i, 1))}>${t('workspace.availability.remove')}<span class="visually-hidden"> ${ex.date}</span></button>
        </div>`,
        )}
        <button class="button button--secondary" type="button" @click=${() => this.#update((x) => x.exceptions.push({ date: helsinkiDate(new Date()), closed: true }))}>${t('workspace.walkIn.addException')}</button>
      </fieldset>
      <p class="hint">${t('workspace.walkIn.holidaysNote')}</p>
      <button class="button" type="submit">${t('workspace.booking.save')}</button>
    </form>`;
  }
}
customElements.define('ihl-staff-walk-in', StaffWalkInElement);
declare global {
  interface HTMLElementTagNameMap {
    'ihl-staff-walk-in': StaffWalkInElement;
  }
}
