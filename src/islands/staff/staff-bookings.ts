/**
 * <ihl-staff-bookings>: the advisor's bookings by day, week or as a list, with filters; a
 * booking's details and actions (attended, no-show, cancel with the client told, interpreter
 * status, notes, video link); messages that failed to send. New bookings show within 5 seconds:
 * a cheap fingerprint is polled, and the list is reloaded (and its view audited) only on change.
 */
import { html, nothing } from 'lit';
import { LightElement, islandTranslator } from '../shared/island.ts';
import type { Translator } from '../../i18n/translator.ts';
import { addDays, helsinkiDate, weekdayOf } from '../../domain/calendar.ts';
import { staffFormatter } from './staff-format.ts';
import { staffApi, staffLang, whoAmI } from './staff-api.ts';
import type {
  FailedMessage as Failed,
  StaffBookingDetail as Detail,
  StaffBookingListRow as Row,
} from '../../contracts/staff-responses.ts';

const POLL_MS = 4000;

export class StaffBookingsElement extends LightElement {
  static override properties = {
    user: { state: true },
    view: { state: true },
    date: { state: true },
    language: { state: true },
    mode: { state: true },
    status: { state: true },
    rows: { state: true },
    detail: { state: true },
    failed: { state: true },
    announce: { state: true },
    saved: { state: true },
    moveTimes: { state: true },
  };
  declare moveTimes: { slotId: string; start: string }[] | undefined;
  declare user: { id: string; display_name: string; role: string } | undefined;
  declare view: 'day' | 'week' | 'list';
  declare date: string;
  declare language: string;
  declare mode: string;
  declare status: string;
  declare rows: Row[];
  declare detail: Detail | undefined;
  declare failed: Failed[];
  declare announce: string;
  declare saved: string;
  #tr!: Translator;
  #version = '';
  #known = new Set<string>();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.view = 'list';
    this.date = helsinkiDate(new Date());
    this.language = '';
    this.mode = '';
    this.status = '';
    this.rows = [];
    this.failed = [];
    this.announce = '';
    this.saved = '';
  }

  override async connectedCallback() {
    this.#tr = islandTranslator(this);
    super.connectedCallback();
    this.user = await whoAmI();
    if (!this.user) return;
    await this.#load(true);
    this.#timer = setInterval(() => void this.#poll(), POLL_MS);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  #range(): { from?: string; to?: string } {
    if (this.view === 'day') return { from: this.date, to: this.date };
    if (this.view === 'week') {
      const monday = addDays(this.date, 1 - weekdayOf(this.date));
      return { from: monday, to: addDays(monday, 6) };
    }
    return { from: helsinkiDate(new Date()) };
  }

  async #load(first = false, background = false) {
    const q = new URLSearchParams({
      ...this.#range(),
      ...(this.language ? { language: this.language } : {}),
      ...(this.mode ? { mode: this.mode } : {}),
      ...(this.status ? { status: this.status } : {}),
    });
    const [list, version, failed] = await Promise.all([
      staffApi<{ bookings: Row[] }>('GET', `/api/staff/bookings?${q}`, undefined, { background }),
      staffApi<{ version: string }>('GET', '/api/staff/bookings/version', undefined, { background }),
      staffApi<{ messages: Failed[] }>('GET', '/api/staff/messages/failed', undefined, { background }),
    ]);
    if (!list.ok) return;
    const fresh = list.body.bookings.filter((r) => !this.#known.has(r.id));
    if (!first && fresh.length) this.announce = this.#tr.t('workspace.bookings.newArrived', { count: fresh.length });
    for (const r of list.body.bookings) this.#known.add(r.id);
    this.rows = list.body.bookings;
    this.#version = version.body.version;
    this.failed = failed.ok ? failed.body.messages : [];
  }

  async #poll() {
    const version = await staffApi<{ version: string }>('GET', '/api/staff/bookings/version', undefined, {
      background: true,
    });
    if (version.ok && version.body.version !== this.#version) await this.#load(false, true);
  }

  async #open(id: string) {
    const res = await staffApi<{ booking: Detail }>('GET', `/api/staff/bookings/${id}`);
    if (res.ok) {
      this.detail = res.body.booking;
      this.saved = '';
      this.moveTimes = undefined;
      await this.updateComplete;
      this.querySelector<HTMLElement>('#booking-detail-title')?.focus();
    }
  }

  async #act(path: string, body: unknown) {
    if (!this.detail) return;
    const res = await staffApi<{ booking: Detail }>('POST', `/api/staff/bookings/${this.detail.id}/${path}`, body);
    if (res.ok) {
      this.detail = { ...this.detail, ...res.body.booking };
      this.saved = this.#tr.t('workspace.booking.saved');
      await this.#load();
    } else {
      this.saved = res.body.error?.message ?? this.#tr.t('workspace.error');
    }
  }

  #filters() {
    const { t } = this.#tr;
    const set = (k: 'view' | 'date' | 'language' | 'mode' | 'status') => (e: Event) => {
      (this as unknown as Record<string, string>)[k] = (e.target as HTMLInputElement).value;
      void this.#load(true);
    };
    return html`<form class="filters" @submit=${(e: Event) => e.preventDefault()}>
      <fieldset class="choices choices--inline"><legend>${t('workspace.bookings.view')}</legend>
        ${(['day', 'week', 'list'] as const).map((v) => html`<label class="choice"><input type="radio" name="view" value=${v} .checked=${this.view === v} @change=${set('view')} /> ${t(`workspace.bookings.${v}`)}</label>`)}
      </fieldset>
      ${this.view !== 'list' ? html`<div class="field"><label for="f-date">${t('workspace.bookings.date')}</label><input id="f-date" type="date" .value=${this.date} @change=${set('date')} /></div>` : nothing}
      <div class="field"><label for="f-language">${t('workspace.bookings.language')}</label><input id="f-language" .value=${this.language} @change=${set('language')} size="6" /></div>
      <div class="field"><label for="f-mode">${t('workspace.bookings.mode')}</label>
        <select id="f-mode" @change=${set('mode')}><option value="">${t('workspace.bookings.any')}</option>${['in_person', 'phone', 'video'].map((m) => html`<option value=${m} ?selected=${this.mode === m}>${t(`workspace.mode.${m}`)}</option>`)}</select></div>
      <div class="field"><label for="f-status">${t('workspace.bookings.status')}</label>
        <select id="f-status" @change=${set('status')}><option value="">${t('workspace.bookings.any')}</option>${['active', 'cancelled', 'attended', 'no_show', 'expired'].map((s) => html`<option value=${s} ?selected=${this.status === s}>${t(`workspace.status.${s}`)}</option>`)}</select></div>
    </form>`;
  }

  #table() {
    const { t } = this.#tr;
    const lang = staffLang();
    if (!this.rows.length) return html`<p>${t('workspace.bookings.none')}</p>`;
    return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="bookings-caption"><table class="schedule">
      <caption id="bookings-caption" class="visually-hidden">${t('workspace.bookings.title')}</caption>
      <thead><tr><th scope="col">${t('workspace.bookings.colTime')}</th><th scope="col">${t('workspace.bookings.colReference')}</th><th scope="col">${t('workspace.bookings.colClient')}</th>
        <th scope="col">${t('workspace.bookings.language')}</th><th scope="col">${t('workspace.bookings.mode')}</th><th scope="col">${t('workspace.bookings.status')}</th><th scope="col">${t('workspace.booking.interpreter')}</th><th scope="col"><span class="visually-hidden">${t('workspace.bookings.open')}</span></th></tr></thead>
      <tbody>${this.rows.map(
        (r) => html`<tr data-reference=${r.reference}>
        <td>${staffFormatter(lang).day(new Date(r.starts_at))} <span dir="ltr">${staffFormatter(lang).time(new Date(r.starts_at))}</span></td>
        <td dir="ltr">${r.reference}</td><td>${r.client_name}</td><td>${r.service_language}</td><td>${t(`workspace.mode.${r.mode}`)}</td>
        <td>${r.hold_until ? t('workspace.status.held', { time: staffFormatter(lang).time(new Date(r.hold_until)) }) : t(`workspace.status.${r.status}`)}</td><td>${r.interpreter_language ? `${staffFormatter(lang).languageName(r.interpreter_language)}: ${t(`workspace.interpreter.${r.interpreter_status}`)}` : '–'}</td>
        <td><button class="button button--secondary" type="button" @click=${() => this.#open(r.id)}>${t('workspace.bookings.open')}<span class="visually-hidden"> ${r.reference}</span></button></td>
      </tr>`,
      )}</tbody></table></div>`;
  }

  #detailView() {
    const d = this.detail;
    if (!d) return nothing;
    const { t } = this.#tr;
    const active = d.status === 'active';
    return html`<section class="detail" aria-labelledby="booking-detail-title">
      <h2 id="booking-detail-title" tabindex="-1">${t('workspace.booking.title', { reference: d.reference })}</h2>
      <dl class="summary">
        <div><dt>${t('workspace.bookings.colTime')}</dt><dd>${staffFormatter(staffLang()).dateTime(new Date(d.starts_at))}</dd></div>
        <div><dt>${t('workspace.bookings.colClient')}</dt><dd>${d.client_name}</dd></div>
        ${d.client_phone ? html`<div><dt>${t('workspace.booking.phone')}</dt><dd dir="ltr">${d.client_phone}</dd></div>` : nothing}
        ${d.client_email ? html`<div><dt>${t('workspace.booking.email')}</dt><dd dir="ltr">${d.client_email}</dd></div>` : nothing}
        <div><dt>${t('workspace.booking.contactLanguage')}</dt><dd>${staffFormatter(staffLang()).languageName(d.contact_language)}</dd></div>
        ${d.interpreter_language ? html`<div><dt>${t('workspace.booking.interpreter')}</dt><dd>${staffFormatter(staffLang()).languageName(d.interpreter_language)}: ${t(`workspace.interpreter.${d.interpreter_status}`)}</dd></div>` : nothing}
        <div><dt>${t('workspace.bookings.status')}</dt><dd>${t(`workspace.status.${d.status}`)}</dd></div>
        ${d.access_needs ? html`<div><dt>${t('workspace.booking.access')}</dt><dd>${d.access_needs}</dd></div>` : nothing}
        ${d.reason ? html`<div><dt>${t('workspace.booking.reason')}</dt><dd>${d.reason}</dd></div>` : nothing}
      </dl>
      <p role="status" class="muted">${this.saved}</p>
      ${
        active
          ? html`<ul class="actions" role="list">
        <li><button class="button" type="button" @click=${() => this.#act('status', { status: 'attended' })}>${t('workspace.booking.attended')}</button></li>
        <li><button class="button button--secondary" type="button" @click=${() => this.#act('status', { status: 'no_show' })}>${t('workspace.booking.noShow')}</button></li>
        <li><button class="button button--secondary" type="button" @click=${() => this.#act('status', { status: 'cancelled' })}>${t('workspace.booking.cancel')}</button></li>
      </ul>`
          : nothing
      }
      ${
        active && !this.moveTimes
          ? html`<p><button class="button button--secondary" type="button" @click=${async () => {
              const res = await staffApi<{ times: { slotId: string; start: string }[] }>(
                'GET',
                `/api/staff/bookings/${d.id}/move-options`,
              );
              this.moveTimes = res.ok ? res.body.times : [];
            }}>${t('workspace.booking.move')}</button></p>`
          : nothing
      }
      ${
        active && this.moveTimes
          ? html`<form @submit=${(e: Event) => {
              e.preventDefault();
              void this.#act('move', {
                slotId: String(new FormData(e.target as HTMLFormElement).get('slotId') ?? ''),
              }).then(() => (this.moveTimes = undefined));
            }}>
        <div class="field"><label for="d-move">${t('workspace.booking.moveTo')}</label>
          <select id="d-move" name="slotId">${this.moveTimes.map((m) => html`<option value=${m.slotId}>${staffFormatter(staffLang()).dateTime(new Date(m.start))}</option>`)}</select></div>
        <button class="button" type="submit">${t('workspace.booking.moveSave')}</button>
      </form>`
          : nothing
      }
      <div class="field"><label for="d-interpreter">${t('workspace.booking.interpreterStatus')}</label>
        <select id="d-interpreter" @change=${(e: Event) => this.#act('interpreter', { status: (e.target as HTMLSelectElement).value })}>
          ${['not_needed', 'needed', 'ordered', 'confirmed'].map((s) => html`<option value=${s} ?selected=${d.interpreter_status === s}>${t(`workspace.interpreter.${s}`)}</option>`)}
        </select></div>
      <form @submit=${(e: Event) => {
        e.preventDefault();
        void this.#act('notes', { notes: String(new FormData(e.target as HTMLFormElement).get('notes') ?? '') });
      }}>
        <div class="field"><label for="d-notes">${t('workspace.booking.notes')}</label><textarea id="d-notes" name="notes" rows="3" maxlength="1000" .value=${d.staff_notes ?? ''}></textarea></div>
        <button class="button button--secondary" type="submit">${t('workspace.booking.save')}</button>
      </form>
      ${
        d.mode === 'video'
          ? html`<form @submit=${(e: Event) => {
              e.preventDefault();
              void this.#act('meeting-link', {
                url: String(new FormData(e.target as HTMLFormElement).get('url') ?? ''),
              });
            }}>
        <div class="field"><label for="d-link">${t('workspace.booking.meetingLink')}</label><input id="d-link" name="url" type="url" dir="ltr" .value=${d.meeting_link ?? ''} /></div>
        <button class="button button--secondary" type="submit">${t('workspace.booking.save')}</button>
      </form>`
          : nothing
      }
      <p><button class="link-button" type="button" @click=${() => (this.detail = undefined)}>${t('workspace.booking.close')}</button></p>
    </section>`;
  }

  override render() {
    const { t } = this.#tr;
    if (!this.user) return html`<p>…</p>`;
    return html`
      <p class="muted">${t('workspace.signedInAs', { name: this.user.display_name, role: t(`workspace.role.${this.user.role}`) })}
        <button class="link-button" type="button" @click=${async () => {
          await staffApi('POST', '/api/staff/logout');
          location.assign(`/workspace/${staffLang()}/`);
        }}>${t('workspace.nav.signOut')}</button></p>
      <p class="visually-hidden" aria-live="polite">${this.announce}</p>
      ${this.#filters()}
      ${this.#table()}
      ${this.#detailView()}
      <section aria-labelledby="failed-title">
        <h2 id="failed-title">${t('workspace.failed.title')}</h2>
        ${this.failed.length ? html`<p>${t('workspace.failed.hint')}</p><ul>${this.failed.map((f) => html`<li><span dir="ltr">${f.reference}</span>: ${f.kind}, ${f.channel} (${f.last_error})</li>`)}</ul>` : html`<p>${t('workspace.failed.none')}</p>`}
      </section>`;
  }
}
customElements.define('ihl-staff-bookings', StaffBookingsElement);
declare global {
  interface HTMLElementTagNameMap {
    'ihl-staff-bookings': StaffBookingsElement;
  }
}
