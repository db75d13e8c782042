/**
 * <ihl-staff-kiosks> (on the walk-in desk page): coordinators pair the walk-in kiosk tablets and
 * revoke them. Pairing makes a key that the server stores only as a hash: its link
 * `/kiosk/<point>/#pair=<key>` is shown here once, whole (a textarea: no part hides at 320 px), to
 * open on the tablet (the fragment never reaches a server or a log), which then counts on the
 * kiosk's own budget (README, Security). The list shows when each was paired and revoked, in the
 * workspace's language. Hidden from advisors (the API refuses them too).
 */
import { html, nothing } from 'lit';
import { LightElement, islandTranslator, readIslandData, timeHtml } from '../shared/island.ts';
import { staffFormatter } from './staff-format.ts';
import type { Translator } from '../../i18n/translator.ts';
import { errorText, staffApi, staffLang, whoAmI } from './staff-api.ts';

interface Kiosk {
  id: string;
  label: string;
  created_at: string;
  revoked_at: string | null;
}
interface Point {
  id: string;
  place: string;
}

export class StaffKiosksElement extends LightElement {
  static override properties = {
    allowed: { state: true },
    kiosks: { state: true },
    message: { state: true },
    pairing: { state: true },
    confirming: { state: true },
  };
  declare allowed: boolean;
  declare kiosks: Kiosk[];
  declare message: string;
  /** The link just made, shown until the next action and never again. */
  declare pairing: { label: string; url: string } | undefined;
  /** The kiosk whose revocation waits for a yes. */
  declare confirming: string | undefined;
  #tr!: Translator;
  #points: Point[] = [];

  constructor() {
    super();
    this.allowed = false;
    this.kiosks = [];
    this.message = '';
  }

  override async connectedCallback() {
    this.#tr = islandTranslator(this);
    this.#points = readIslandData<Point[]>(this, 'points') ?? [];
    super.connectedCallback();
    const me = await whoAmI();
    this.allowed = me?.role === 'coordinator' || me?.role === 'admin';
    if (this.allowed) await this.#load();
  }

  async #load() {
    const res = await staffApi<{ kiosks: Kiosk[] }>('GET', '/api/staff/coordinator/kiosks');
    if (res.ok) this.kiosks = res.body.kiosks;
  }

  async #focus(selector: string) {
    await this.updateComplete;
    this.querySelector<HTMLElement>(selector)?.focus();
  }

  async #pair(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const label = String(f.get('label') ?? '').trim();
    const res = await staffApi<{ kiosk: { label: string }; key: string }>('POST', '/api/staff/coordinator/kiosks', {
      label,
    });
    this.confirming = undefined;
    if (res.ok) {
      const point = encodeURIComponent(String(f.get('point') ?? this.#points[0]?.id ?? ''));
      this.pairing = { label: res.body.kiosk.label, url: `${location.origin}/kiosk/${point}/#pair=${res.body.key}` };
      this.message = '';
      form.reset();
      await this.#load();
      await this.#focus('#kiosk-link-title');
    } else {
      this.pairing = undefined;
      this.message = errorText(res.body, this.#tr.t('workspace.error'));
      await this.#focus('#kiosks-message');
    }
  }

  async #copy() {
    const field = this.querySelector<HTMLTextAreaElement>('#kiosk-link');
    if (!field) return;
    field.select();
    // The clipboard needs a secure context; elsewhere the selected text is there to copy by hand.
    const copied = await navigator.clipboard?.writeText(field.value).then(
      () => true,
      () => false,
    );
    this.message = copied ? this.#tr.t('workspace.kiosks.copied') : '';
  }

  async #revoke(k: Kiosk) {
    const res = await staffApi('POST', `/api/staff/coordinator/kiosks/${k.id}/revoke`);
    this.confirming = undefined;
    this.pairing = undefined;
    this.message = res.ok
      ? this.#tr.t('workspace.kiosks.revoked', { label: k.label })
      : errorText(res.body, this.#tr.t('workspace.error'));
    await this.#load();
    await this.#focus('#kiosks-message');
  }

  async #ask(k: Kiosk | undefined) {
    this.confirming = k?.id;
    await this.#focus(k ? '#kiosk-confirm' : '#kiosks-list-title');
  }

  #row(k: Kiosk) {
    const { t } = this.#tr;
    const f = staffFormatter(staffLang());
    const confirming = this.confirming === k.id;
    return html`<tr>
      <th scope="row">${k.label}</th>
      <td>${timeHtml(f, 'dateTime', new Date(k.created_at))}</td>
      <td>${k.revoked_at ? timeHtml(f, 'dateTime', new Date(k.revoked_at)) : t('workspace.kiosks.inUse')}</td>
      <td>${
        k.revoked_at
          ? nothing
          : confirming
            ? html`<div id="kiosk-confirm" role="group" tabindex="-1" aria-labelledby="kiosk-confirm-text">
                <p id="kiosk-confirm-text">${t('workspace.kiosks.revokeConfirm', { label: k.label })}</p>
                <div class="actions">
                  <button class="button" type="button" @click=${() => this.#revoke(k)}>${t('workspace.kiosks.revokeYes')}</button>
                  <button class="button button--secondary" type="button" @click=${() => this.#ask(undefined)}>${t('workspace.kiosks.revokeNo')}</button>
                </div>
              </div>`
            : html`<button class="link-button" type="button" @click=${() => this.#ask(k)}>${t('workspace.kiosks.revoke')}<span class="visually-hidden"> ${k.label}</span></button>`
      }</td>
    </tr>`;
  }

  override render() {
    if (!this.allowed) return nothing;
    const { t } = this.#tr;
    return html`<section aria-labelledby="kiosks-title">
      <h2 id="kiosks-title">${t('workspace.kiosks.title')}</h2>
      <p>${t('workspace.kiosks.intro')}</p>
      <p id="kiosks-message" tabindex="-1" role="status">${this.message}</p>
      <form class="row-editor" @submit=${(e: Event) => this.#pair(e)}>
        <div class="field"><label for="kiosk-label">${t('workspace.kiosks.label')}</label><input id="kiosk-label" name="label" required maxlength="80" autocomplete="off" /></div>
        <div class="field"><label for="kiosk-point">${t('workspace.kiosks.point')}</label>
          <select id="kiosk-point" name="point">${this.#points.map((p) => html`<option value=${p.id}>${p.place}</option>`)}</select></div>
        <button class="button" type="submit">${t('workspace.kiosks.pair')}</button>
      </form>
      ${
        this.pairing
          ? html`<div class="notice notice--ok">
              <h3 id="kiosk-link-title" tabindex="-1">${t('workspace.kiosks.linkTitle', { label: this.pairing.label })}</h3>
              <p>${t('workspace.kiosks.linkOnce')}</p>
              <div class="field"><label for="kiosk-link">${t('workspace.kiosks.linkText')}</label>
                <textarea id="kiosk-link" readonly rows="3" dir="ltr" .value=${this.pairing.url} @focus=${(e: Event) => (e.target as HTMLTextAreaElement).select()}></textarea></div>
              <button class="button button--secondary" type="button" @click=${() => this.#copy()}>${t('workspace.kiosks.copy')}</button>
            </div>`
          : nothing
      }
      <h3 id="kiosks-list-title" tabindex="-1">${t('workspace.kiosks.listTitle')}</h3>
      ${
        this.kiosks.length
          ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="kiosks-list-title"><table class="schedule">
              <thead><tr><th scope="col">${t('workspace.kiosks.colLabel')}</th><th scope="col">${t('workspace.kiosks.colCreated')}</th><th scope="col">${t('workspace.kiosks.colRevoked')}</th><th scope="col"><span class="visually-hidden">${t('workspace.kiosks.revoke')}</span></th></tr></thead>
              <tbody>${this.kiosks.map((k) => this.#row(k))}</tbody></table></div>`
          : html`<p>${t('workspace.kiosks.none')}</p>`
      }
    </section>`;
  }
}
customElements.define('ihl-staff-kiosks', StaffKiosksElement);
declare global {
  interface HTMLElementTagNameMap {
    'ihl-staff-kiosks': StaffKiosksElement;
  }
}
