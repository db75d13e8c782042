/**
 * <ihl-staff-reports>: the managers' reports for a period of months. Each table comes with a
 * bar chart (SVG, labelled, drawn from the same cells) and a CSV link; the table is the chart's
 * text equivalent. "<5" and withheld cells come from the server as they are, so the page, the
 * chart and the CSV never disagree.
 */
import { html, nothing, svg } from 'lit';
import { LightElement, islandTranslator, readIslandData } from '../shared/island.ts';
import type { Translator } from '../../i18n/translator.ts';
import { errorText, staffApi, whoAmI } from './staff-api.ts';
// The quarter rule from the calendar, not the contract: the period's schema would bring zod along.
import { addMonths, helsinkiMonth, quarterEnd, quarterStart } from '../../domain/calendar.ts';
import type { AdvisorWorkload, ReportTableView as Table, Reports as Report } from '../../contracts/staff-responses.ts';

type Cell = string | number | null;
const monthsAgo = (n: number) => addMonths(helsinkiMonth(new Date()), -n);

export class StaffReportsElement extends LightElement {
  static override properties = {
    report: { state: true },
    advisors: { state: true },
    from: { state: true },
    to: { state: true },
    message: { state: true },
    allowed: { state: true },
  };
  declare report: Report | undefined;
  declare advisors: AdvisorWorkload[] | undefined;
  declare from: string;
  declare to: string;
  declare message: string;
  declare allowed: boolean | undefined;
  #tr!: Translator;
  #values: Record<string, string> = {};

  constructor() {
    super();
    // The last four quarters, this one included: periods are whole quarters.
    this.from = quarterStart(monthsAgo(9));
    this.to = quarterEnd(monthsAgo(0));
    this.message = '';
  }

  override async connectedCallback() {
    this.#tr = islandTranslator(this);
    this.#values = readIslandData(this, 'values') ?? {};
    super.connectedCallback();
    const me = await whoAmI();
    if (!me) return;
    this.allowed = me.role !== 'advisor';
    if (this.allowed) await this.#load();
  }

  get #query() {
    return `?from=${encodeURIComponent(this.from)}&to=${encodeURIComponent(this.to)}`;
  }

  async #load() {
    // Whole quarters: the months picked are widened to theirs (and the inputs say so).
    if (this.from) this.from = quarterStart(this.from);
    if (this.to) this.to = quarterEnd(this.to);
    const res = await staffApi<Report>('GET', `/api/staff/coordinator/reports${this.#query}`);
    if (res.ok) {
      this.report = res.body;
      this.message = '';
    } else {
      this.message = errorText(res.body, this.#tr.t('workspace.error'));
      return;
    }
    // Per advisor: shown here only, never offered as CSV.
    const per = await staffApi<{ rows: AdvisorWorkload[] }>('GET', `/api/staff/coordinator/workload${this.#query}`);
    this.advisors = per.ok ? per.body.rows : undefined;
  }

  #advisors() {
    const { t } = this.#tr;
    const rows = this.advisors ?? [];
    const cols = ['month', 'advisor', 'assessments', 'walkIn', 'requests', 'services', 'available'];
    const who = (r: AdvisorWorkload) =>
      r.advisor ??
      (r.key ? t('workspace.reports.advisors.former', { key: r.key }) : t('workspace.reports.advisors.nobody'));
    return html`<section class="report" aria-labelledby="report-advisors">
      <h2 id="report-advisors">${t('workspace.reports.advisors.title')}</h2>
      <p>${t('workspace.reports.advisors.intro')}</p>
      ${
        rows.length
          ? html`<div class="table-scroll" role="region" aria-labelledby="report-advisors" tabindex="0"><table class="schedule" data-report="advisors">
            <thead><tr>${cols.map((c) => html`<th scope="col">${t(`workspace.reports.advisors.col.${c}`)}</th>`)}</tr></thead>
            <tbody>${rows.map(
              (
                r,
              ) => html`<tr><td>${r.month}</td><td>${who(r)}</td><td>${r.assessments}</td><td>${r.walkIn}</td><td>${r.requests}</td><td>${r.services}</td>
                <td>${r.available ? t('workspace.reports.advisors.yes') : t('workspace.reports.advisors.no')}</td></tr>`,
            )}</tbody>
          </table></div>`
          : html`<p>${t('workspace.reports.empty')}</p>`
      }
    </section>`;
  }

  #cell(kind: string, v: Cell): string {
    if (v === null) return '–';
    if (typeof v === 'string' && (kind === 'language' || kind === 'topic' || kind === 'text')) {
      return this.#values[`${kind}.${v}`] ?? v;
    }
    return String(v);
  }

  #chart(table: Table, title: string) {
    const valueAt = table.columns.findIndex((c) => c.key === table.chart.value);
    const labelAt = table.chart.label.map((l) => table.columns.findIndex((c) => c.key === l));
    const numbers = table.rows.map((r) => (typeof r[valueAt] === 'number' ? (r[valueAt] as number) : 0));
    const max = Math.max(1, ...numbers);
    const rowH = 26;
    const height = table.rows.length * rowH + 8;
    const kind = table.columns[valueAt]!.kind;
    return html`<figure class="report-chart">
      <svg role="img" aria-label=${this.#tr.t('workspace.reports.chart', { title })} viewBox=${`0 0 640 ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        ${table.rows.map((r, i) => {
          const y = i * rowH + 4;
          const v = r[valueAt] ?? null;
          const w = typeof v === 'number' ? Math.max(1, (v / max) * 340) : 0;
          const label = labelAt.map((at) => this.#cell(table.columns[at]!.kind, r[at] ?? null)).join(' · ');
          return svg`<text x="0" y=${y + 17} class="report-chart__label">${label.length > 34 ? `${label.slice(0, 33)}…` : label}</text>
            <rect x="230" y=${y + 3} width=${w} height="18" class="report-chart__bar"></rect>
            <text x=${236 + w} y=${y + 17} class="report-chart__value">${v === null ? this.#tr.t('workspace.reports.withheld') : `${v}${kind === 'percent' && typeof v === 'number' ? ' %' : ''}`}</text>`;
        })}
      </svg>
    </figure>`;
  }

  override render() {
    const { t } = this.#tr;
    if (this.allowed === false) return html`<p class="notice">${t('errors.forbidden')}</p>`;
    return html`
      <form class="row-editor" @submit=${(e: Event) => {
        e.preventDefault();
        void this.#load();
      }}>
        <div class="field"><label for="report-from">${t('workspace.reports.from')}</label><input id="report-from" type="month" .value=${this.from} @change=${(e: Event) => (this.from = (e.target as HTMLInputElement).value)} /></div>
        <div class="field"><label for="report-to">${t('workspace.reports.to')}</label><input id="report-to" type="month" .value=${this.to} @change=${(e: Event) => (this.to = (e.target as HTMLInputElement).value)} /></div>
        <button class="button button--secondary" type="submit">${t('workspace.reports.show')}</button>
      </form>
      <p class="hint">${t('workspace.reports.quarters')}</p>
      <p role="status" class="report-message">${this.message}</p>
      ${
        this.report?.tables.map((table) => {
          const title = t(`workspace.reports.table.${table.id}`);
          return html`<section class="report" aria-labelledby=${`report-${table.id}`}>
          <h2 id=${`report-${table.id}`}>${title}</h2>
          ${
            table.rows.length
              ? html`${this.#chart(table, title)}
              <div class="table-scroll" role="region" aria-labelledby=${`report-${table.id}`} tabindex="0"><table class="schedule" data-report=${table.id}>
                <thead><tr>${table.columns.map((c) => html`<th scope="col">${t(`workspace.reports.col.${c.key}`)}</th>`)}</tr></thead>
                <tbody>${table.rows.map((r) => html`<tr>${r.map((v, i) => html`<td>${this.#cell(table.columns[i]!.kind, v)}</td>`)}</tr>`)}</tbody>
              </table></div>
              <p><a href=${`/api/staff/coordinator/reports/${table.id}.csv${this.#query}`} download>${t('workspace.reports.csv', { title })}</a></p>`
              : html`<p>${t('workspace.reports.empty')}</p>`
          }
        </section>`;
        }) ?? nothing
      }
      ${this.advisors ? this.#advisors() : nothing}
      ${
        this.report?.comments.length
          ? html`<section aria-labelledby="report-comments"><h2 id="report-comments">${t('workspace.reports.comments')}</h2>
            <ul>${this.report.comments.map((c) => html`<li><span lang=${c.language}>${c.comment}</span> (${this.#cell('text', c.context)}, ${c.month})</li>`)}</ul></section>`
          : nothing
      }
    `;
  }
}
customElements.define('ihl-staff-reports', StaffReportsElement);
declare global {
  interface HTMLElementTagNameMap {
    'ihl-staff-reports': StaffReportsElement;
  }
}
