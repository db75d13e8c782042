/**
 * <ihl-staff-queue>: the advisor's console for the walk-in queue. Take a desk with today's
 * languages; call the next person (the server applies the rule: your appointments, transfers to
 * your desk, anyone past the maximum wait, your languages, then anyone with an interpreter);
 * recall, served, no-show, transfer, pause. Waiting tickets (numbers only), counts by language and
 * topic and the desks stay live over Server-Sent Events.
 */
import { html, nothing } from 'lit';
import { LightElement, islandTranslator, readIslandData } from '../shared/island.ts';
import { followLive } from '../shared/live.ts';
import { staffFormatter } from './staff-format.ts';
import { TOPICS } from '../../domain/queue-topics.ts';
import type { ConsoleView } from '../../contracts/staff-responses.ts';
import type { Translator } from '../../i18n/translator.ts';
import { errorText, staffApi, staffLang, whoAmI } from './staff-api.ts';

export class StaffQueueElement extends LightElement {
  static override properties = {
    view: { state: true },
    message: { state: true },
    connected: { state: true },
    point: { state: true },
  };
  declare view: ConsoleView | undefined;
  declare message: string;
  declare connected: boolean;
  declare point: string;
  #tr!: Translator;
  #topics: Record<string, string> = {};
  #languages: Record<string, string> = {};
  #stop: (() => void) | undefined;
  #following = '';

  constructor() {
    super();
    this.message = '';
    this.connected = true;
    this.point = '';
  }

  override async connectedCallback() {
    this.#tr = islandTranslator(this);
    this.#topics = readIslandData(this, 'topics') ?? {};
    this.#languages = readIslandData(this, 'languages') ?? {};
    super.connectedCallback();
    if (!(await whoAmI())) return;
    const res = await staffApi<ConsoleView>('GET', '/api/staff/queue');
    if (res.ok) this.#show(res.body);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#stop?.();
  }

  #show(view: ConsoleView) {
    this.view = view;
    this.point = view.desk?.servicePoint ?? (this.point || view.servicePoints[0]?.id || '');
    if (this.#following !== this.point) {
      this.#stop?.();
      this.#following = this.point;
      this.#stop = followLive<ConsoleView>(
        `/api/staff/queue/events?point=${encodeURIComponent(this.point)}`,
        (v) => (this.view = v),
        (up) => (this.connected = up),
      );
    }
  }

  async #act(path: string, body: unknown = {}, done?: string) {
    const res = await staffApi<ConsoleView & { called?: { code: string } | null; view?: ConsoleView }>(
      'POST',
      `/api/staff/queue${path}`,
      body,
    );
    if (res.ok) {
      this.#show(res.body.view ?? res.body);
      if ('called' in res.body)
        this.message = res.body.called
          ? this.#tr.t('workspace.queue.calledNow', { code: res.body.called.code })
          : this.#tr.t('workspace.queue.nobodyWaiting');
      else this.message = done ?? '';
    } else {
      this.message = errorText(res.body, this.#tr.t('workspace.error'));
    }
    await this.updateComplete;
    this.querySelector<HTMLElement>('.queue-message')?.focus();
  }

  async #changePoint(point: string) {
    this.point = point;
    const res = await staffApi<ConsoleView>('GET', `/api/staff/queue?point=${encodeURIComponent(point)}`);
    if (res.ok) this.#show(res.body);
  }

  #openDesk(e: Event) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    void this.#act('/desk', {
      servicePoint: form.get('servicePoint'),
      desk: form.get('desk'),
      languages: form.getAll('languages'),
    });
  }

  #transfer(e: Event, ticketId: string) {
    e.preventDefault();
    const target = String(new FormData(e.target as HTMLFormElement).get('target') ?? '');
    const [kind, value] = target.split(':');
    void this.#act(`/tickets/${ticketId}/transfer`, kind === 'desk' ? { desk: value } : { topic: value });
  }

  #opening(e: Event) {
    e.preventDefault();
    const until = String(new FormData(e.target as HTMLFormElement).get('until') ?? '');
    void this.#act('/openings', { servicePoint: this.point, until });
  }

  override render() {
    const { t } = this.#tr;
    const v = this.view;
    if (!v) return html`<p>…</p>`;
    const lang = staffLang();
    const point = v.servicePoints.find((p) => p.id === this.point) ?? v.servicePoints[0]!;
    const langName = (code: string) => this.#languages[code] ?? code;
    const time = (iso: string | Date) => staffFormatter(lang).time(new Date(iso));
    return html`
      <p>${t('workspace.queue.intro', { minutes: v.maxWaitMinutes })}</p>
      <p class="queue-message" tabindex="-1" role="status">${this.message}</p>
      <p>${point.open.open && point.open.closesAt ? t('workspace.queue.openUntil', { time: time(point.open.closesAt) }) : t('workspace.queue.closedNow')}
        <a href=${`/kiosk/${point.id}/`}>${t('workspace.queue.kioskLink')}</a> · <a href=${`/kiosk/${point.id}/display/`}>${t('workspace.queue.displayLink')}</a></p>
      ${v.desk ? this.#deskPanel(v, point.place, langName, time) : this.#deskForm(v, point.id, langName)}
      ${this.#waitingTable(v, langName)}
      ${this.#counts(v, langName)}
      <section aria-labelledby="queue-desks"><h2 id="queue-desks">${t('workspace.queue.desksTitle')}</h2>
        ${
          v.desks.length
            ? html`<ul>${v.desks.map((d) => html`<li>${t('workspace.queue.transferDesk', { desk: d.desk })}: ${d.languages.map(langName).join(', ')} — ${d.paused ? t('workspace.queue.pause') : d.calling ? t('workspace.queue.deskCalling', { code: d.calling }) : t('workspace.queue.deskIdle')}</li>`)}</ul>`
            : html`<p>${t('workspace.queue.noDesksOpen')}</p>`
        }
      </section>
      ${
        point.open.open
          ? nothing
          : html`<form class="row-editor" @submit=${(e: Event) => this.#opening(e)}>
          <h2>${t('workspace.queue.openingTitle')}</h2>
          <div class="field"><label for="queue-until">${t('workspace.queue.openingUntil')}</label><input id="queue-until" name="until" type="time" required /></div>
          <button class="button button--secondary" type="submit">${t('workspace.queue.openingButton')}</button>
        </form>`
      }
      <p class="hint live-status" data-connected=${String(this.connected)}>${this.connected ? t('workspace.queue.live') : t('workspace.queue.reconnecting')}</p>
    `;
  }

  #deskForm(v: ConsoleView, pointId: string, langName: (c: string) => string) {
    const { t } = this.#tr;
    const point = v.servicePoints.find((p) => p.id === pointId)!;
    const taken = new Set(v.desks.map((d) => d.desk));
    return html`<form @submit=${(e: Event) => this.#openDesk(e)}>
      <div class="field"><label for="queue-point">${t('workspace.queue.point')}</label>
        <select id="queue-point" name="servicePoint" @change=${(e: Event) => this.#changePoint((e.target as HTMLSelectElement).value)}>
          ${v.servicePoints.map((p) => html`<option value=${p.id} ?selected=${p.id === pointId}>${p.place}, ${p.street}</option>`)}
        </select></div>
      <div class="field"><label for="queue-desk">${t('workspace.queue.desk')}</label>
        <select id="queue-desk" name="desk">${point.desks.map((d) => html`<option value=${d} ?disabled=${taken.has(d)}>${d}</option>`)}</select></div>
      <fieldset class="checks"><legend>${t('workspace.queue.languages')}</legend>
        ${Object.keys(this.#languages).map((code) => html`<label class="check"><input type="checkbox" name="languages" value=${code} ?checked=${code === 'fi'} /> ${langName(code)}</label>`)}
      </fieldset>
      <button class="button" type="submit">${t('workspace.queue.openDesk')}</button>
    </form>`;
  }

  #deskPanel(v: ConsoleView, place: string, langName: (c: string) => string, time: (iso: string) => string) {
    const { t } = this.#tr;
    const desk = v.desk!;
    const c = v.current;
    const now = Date.now();
    return html`<section class="status-box" aria-labelledby="queue-desk-title">
      <h2 id="queue-desk-title">${t('workspace.queue.atDesk', { desk: desk.desk, place })}</h2>
      <p>${t('workspace.queue.languages')}: ${desk.languages.map(langName).join(', ')}</p>
      ${desk.paused ? html`<p class="notice">${t('workspace.queue.paused')}</p>` : nothing}
      ${
        c
          ? html`<div class="queue-current">
            <h3>${t('workspace.queue.current')}</h3>
            <p class="ticket-code" dir="ltr">${c.code}</p>
            <p>${langName(c.language)} · ${this.#topics[c.topic] ?? c.topic} · ${t('workspace.queue.waited', { minutes: c.waitedMinutes })}</p>
            ${c.interpreterNeeded ? html`<p class="notice">${t('workspace.queue.interpreterNeeded')}</p>` : nothing}
            <div class="actions">
              <button class="button button--secondary" type="button" @click=${() => this.#act(`/tickets/${c.id}/recall`)}>${t('workspace.queue.recall')}</button>
              <button class="button" type="button" @click=${() => this.#act(`/tickets/${c.id}/served`)}>${t('workspace.queue.served')}</button>
              <button class="button button--secondary" type="button" @click=${() => this.#act(`/tickets/${c.id}/no-show`)}>${t('workspace.queue.noShow')}</button>
            </div>
            ${new Date(c.noShowFrom).getTime() > now ? html`<p class="hint">${t('workspace.queue.noShowFrom', { time: time(c.noShowFrom) })}</p>` : nothing}
            <form class="row-editor" @submit=${(e: Event) => this.#transfer(e, c.id)}>
              <div class="field"><label for="queue-transfer">${t('workspace.queue.transferTarget')}</label>
                <select id="queue-transfer" name="target">
                  ${TOPICS.map((topic) => html`<option value=${`topic:${topic}`}>${t('workspace.queue.transferTopic', { topic: this.#topics[topic] ?? topic })}</option>`)}
                  ${v.servicePoints
                    .find((p) => p.id === desk.servicePoint)!
                    .desks.filter((d) => d !== desk.desk)
                    .map(
                      (d) =>
                        html`<option value=${`desk:${d}`}>${t('workspace.queue.transferDesk', { desk: d })}</option>`,
                    )}
                </select></div>
              <button class="button button--secondary" type="submit">${t('workspace.queue.transferTo')}</button>
            </form>
          </div>`
          : html`<p><button class="button" type="button" ?disabled=${desk.paused} @click=${() => this.#act('/call-next')}>${t('workspace.queue.callNext')}</button></p>`
      }
      <div class="actions">
        <button class="button button--secondary" type="button" aria-pressed=${String(desk.paused)} @click=${() => this.#act('/desk/pause', { paused: !desk.paused })}>${desk.paused ? t('workspace.queue.resume') : t('workspace.queue.pause')}</button>
        <button class="button button--secondary" type="button" @click=${() => this.#act('/desk/close')}>${t('workspace.queue.closeDesk')}</button>
      </div>
    </section>`;
  }

  #waitingTable(v: ConsoleView, langName: (c: string) => string) {
    const { t } = this.#tr;
    const note = (w: ConsoleView['waiting'][number]) =>
      [
        w.overMaxWait ? t('workspace.queue.overMaxWait') : '',
        w.forDesk ? t('workspace.queue.forDesk', { desk: w.forDesk }) : '',
        w.appointment ? (w.mine ? t('workspace.queue.appointmentYours') : t('workspace.queue.appointmentOther')) : '',
      ]
        .filter(Boolean)
        .join(' · ');
    return html`<section aria-labelledby="queue-waiting"><h2 id="queue-waiting">${t('workspace.queue.waitingTitle')} (${v.waiting.length})</h2>
      ${
        v.waiting.length
          ? html`<div class="table-scroll" role="region" aria-labelledby="queue-waiting" tabindex="0"><table class="schedule">
            <thead><tr><th scope="col">${t('workspace.queue.colNumber')}</th><th scope="col">${t('workspace.queue.colLanguage')}</th><th scope="col">${t('workspace.queue.colTopic')}</th><th scope="col">${t('workspace.queue.colWaited')}</th><th scope="col">${t('workspace.queue.colNote')}</th></tr></thead>
            <tbody>${v.waiting.map((w) => html`<tr class=${w.overMaxWait ? 'is-overdue' : ''}><td dir="ltr">${w.code}</td><td>${langName(w.language)}</td><td>${this.#topics[w.topic] ?? w.topic}</td><td>${w.waitedMinutes}</td><td>${note(w)}</td></tr>`)}</tbody>
          </table></div>`
          : html`<p>${t('workspace.queue.nobody')}</p>`
      }
    </section>`;
  }

  #counts(v: ConsoleView, langName: (c: string) => string) {
    const { t } = this.#tr;
    const table = (caption: string, rows: [string, number][]) =>
      html`<table class="schedule"><caption>${caption}</caption><tbody>${rows.map(([k, n]) => html`<tr><th scope="row">${k}</th><td>${n}</td></tr>`)}</tbody></table>`;
    if (!v.waiting.length) return nothing;
    return html`<section aria-labelledby="queue-counts"><h2 id="queue-counts">${t('workspace.queue.countsTitle')}</h2>
      <div class="actions">
        ${table(
          t('workspace.queue.colLanguage'),
          Object.entries(v.counts.byLanguage).map(([k, n]) => [langName(k), n]),
        )}
        ${table(
          t('workspace.queue.colTopic'),
          Object.entries(v.counts.byTopic).map(([k, n]) => [this.#topics[k] ?? k, n]),
        )}
      </div>
    </section>`;
  }
}
customElements.define('ihl-staff-queue', StaffQueueElement);
declare global {
  interface HTMLElementTagNameMap {
    'ihl-staff-queue': StaffQueueElement;
  }
}
