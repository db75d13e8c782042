/**
 * <ihl-staff-courses>: course groups with live counts and their teachers; coordinators create and
 * cancel groups and assign or unassign each group's teachers (advisors); a group's teachers and
 * coordinators open its roster, mark attendance per session, download the CSV and print a
 * certificate of participation (in Finnish and in the course language) at 80 % attendance. Other
 * advisors see the group (no names) but not its roster: the server refuses it too.
 */
import { html, nothing } from 'lit';
import { LightElement, islandTranslator, readIslandData } from '../shared/island.ts';
import type { Translator } from '../../i18n/translator.ts';
import { staffFormatter } from './staff-format.ts';
import { errorText, staffApi, staffLang, whoAmI } from './staff-api.ts';
import type { Certificate, Roster, StaffGroup as Group } from '../../contracts/staff-responses.ts';

interface Data {
  courses: { slug: string; title: string }[];
  allTitles: Record<string, Record<string, string>>;
  certificateTexts: Record<string, { title: string; text: string; dir: string }>;
}

export class StaffCoursesElement extends LightElement {
  static override properties = {
    groups: { state: true },
    roster: { state: true },
    certificate: { state: true },
    message: { state: true },
    staffRole: { state: true },
    advisors: { state: true },
  };
  declare advisors: { id: string; display_name: string }[];
  declare groups: Group[];
  declare roster: Roster | undefined;
  declare certificate: Certificate | undefined;
  declare message: string;
  declare staffRole: string | undefined;
  #tr!: Translator;
  #data!: Data;

  constructor() {
    super();
    this.groups = [];
    this.advisors = [];
    this.message = '';
  }

  override async connectedCallback() {
    this.#tr = islandTranslator(this);
    this.#data = readIslandData<Data>(this, 'courses')!;
    super.connectedCallback();
    const me = await whoAmI();
    if (!me) return;
    this.staffRole = me.role;
    await this.#load();
    if (me.role !== 'advisor') {
      const res = await staffApi<{ teachers: { id: string; display_name: string }[] }>(
        'GET',
        '/api/staff/coordinator/courses/teachers',
      );
      if (res.ok) this.advisors = res.body.teachers;
    }
  }

  async #load() {
    const res = await staffApi<{ groups: Group[] }>('GET', '/api/staff/courses/groups');
    if (res.ok) this.groups = res.body.groups;
  }

  #title(slug: string, lang = staffLang()) {
    return this.#data.allTitles[slug]?.[lang] ?? this.#data.allTitles[slug]?.fi ?? slug;
  }

  async #create(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const sessions = String(f.get('sessions') ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const [date = '', time = ''] = l.split(/\s+/);
        const [start = '', end = ''] = time.split('-');
        return { date, start, end };
      });
    const res = await staffApi('POST', '/api/staff/coordinator/courses/groups', {
      courseSlug: f.get('course'),
      language: String(f.get('language') ?? '').trim(),
      format: f.get('format'),
      place: String(f.get('place') ?? '').trim() || undefined,
      capacity: Number(f.get('capacity')),
      enrolOpens: f.get('opens'),
      enrolCloses: f.get('closes'),
      sessions,
    });
    this.message = res.ok
      ? this.#tr.t('workspace.booking.saved')
      : `${res.body.error?.message ?? this.#tr.t('workspace.error')} ${Object.keys(res.body.error?.fields ?? {}).join(', ')}`;
    await this.#load();
  }

  /** Assigns or unassigns a teacher, then says so and keeps the focus on the group's teachers. */
  async #teacher(g: Group, staffId: string, assign: boolean) {
    const path = `/api/staff/coordinator/courses/groups/${g.id}/teachers`;
    const res = assign ? await staffApi('POST', path, { staffId }) : await staffApi('DELETE', `${path}/${staffId}`);
    const name =
      this.advisors.find((a) => a.id === staffId)?.display_name ?? g.teachers.find((x) => x.id === staffId)?.name;
    this.message = res.ok
      ? this.#tr.t(assign ? 'workspace.courses.assigned' : 'workspace.courses.unassigned', { name })
      : errorText(res.body, this.#tr.t('workspace.error'));
    await this.#load();
    await this.updateComplete;
    this.querySelector<HTMLElement>(`#teachers-${g.id}`)?.focus();
  }

  #teachersView(g: Group, coordinator: boolean) {
    const { t } = this.#tr;
    const groupName = `${this.#title(g.course_slug)} (${g.language})`;
    const names = g.teachers.length ? g.teachers.map((x) => x.name).join(', ') : t('workspace.courses.noTeachers');
    if (!coordinator) return html`<br /><span class="muted">${t('workspace.courses.teachers')}: ${names}</span>`;
    const free = this.advisors.filter((a) => !g.teachers.some((x) => x.id === a.id));
    return html`<div class="row-editor" role="group" aria-labelledby=${`teachers-${g.id}`}>
      <p id=${`teachers-${g.id}`} tabindex="-1">${t('workspace.courses.teachers')}<span class="visually-hidden"> ${groupName}</span>:
        ${g.teachers.length ? nothing : names}</p>
      ${
        g.teachers.length
          ? html`<ul class="inline-list" role="list">${g.teachers.map(
              (x) =>
                html`<li>${x.name} <button class="link-button" type="button" @click=${() => this.#teacher(g, x.id, false)}>${t('workspace.courses.unassign')}<span class="visually-hidden"> ${x.name}, ${groupName}</span></button></li>`,
            )}</ul>`
          : nothing
      }
      ${
        free.length
          ? html`<form class="row-editor" @submit=${(e: Event) => {
              e.preventDefault();
              const staffId = String(new FormData(e.target as HTMLFormElement).get('staffId') ?? '');
              if (staffId) void this.#teacher(g, staffId, true);
            }}>
            <div class="field"><label for=${`assign-${g.id}`}>${t('workspace.courses.teacher')}<span class="visually-hidden"> ${groupName}</span></label>
              <select id=${`assign-${g.id}`} name="staffId">${free.map((a) => html`<option value=${a.id}>${a.display_name}</option>`)}</select></div>
            <button class="button button--secondary" type="submit">${t('workspace.courses.assign')}<span class="visually-hidden"> ${groupName}</span></button>
          </form>`
          : nothing
      }
    </div>`;
  }

  async #openRoster(id: string) {
    const res = await staffApi<Roster>('GET', `/api/staff/courses/groups/${id}/roster`);
    if (res.ok) {
      this.roster = res.body;
      this.certificate = undefined;
      await this.updateComplete;
      this.querySelector<HTMLElement>('#roster-title')?.focus();
    } else {
      // No longer this advisor's group (a coordinator unassigned them meanwhile): say so, and show the list as it is now.
      this.message = errorText(res.body, this.#tr.t('workspace.error'));
      await this.#load();
    }
  }

  async #mark(enrolmentId: string, sessionId: string, present: boolean) {
    if (!this.roster) return;
    const res = await staffApi('POST', `/api/staff/courses/groups/${this.roster.group.id}/attendance`, {
      enrolmentId,
      sessionId,
      present,
    });
    this.message = res.ok
      ? this.#tr.t('workspace.booking.saved')
      : (res.body.error?.message ?? this.#tr.t('workspace.error'));
    // Update in place: reloading the roster would move the person's focus away from the row.
    if (res.ok) {
      const others = this.roster.attendance.filter(
        (a) => !(a.enrolment_id === enrolmentId && a.session_id === sessionId),
      );
      this.roster = {
        ...this.roster,
        attendance: [...others, { enrolment_id: enrolmentId, session_id: sessionId, present }],
      };
    }
  }

  async #certificate(enrolmentId: string) {
    const res = await staffApi<{ certificate: Certificate }>(
      'GET',
      `/api/staff/courses/enrolments/${enrolmentId}/certificate`,
    );
    this.certificate = res.ok ? res.body.certificate : undefined;
    this.message = res.ok ? '' : this.#tr.t('workspace.courses.notEligible');
  }

  async #cancel(id: string) {
    const res = await staffApi('POST', `/api/staff/coordinator/courses/groups/${id}/cancel`);
    this.message = res.ok
      ? this.#tr.t('workspace.booking.saved')
      : (res.body.error?.message ?? this.#tr.t('workspace.error'));
    await this.#load();
  }

  #rosterView() {
    const r = this.roster;
    if (!r) return nothing;
    const { t } = this.#tr;
    const lang = staffLang();
    return html`<section class="detail" aria-labelledby="roster-title">
      <h2 id="roster-title" tabindex="-1">${t('workspace.courses.roster')}: ${this.#title(r.group.course_slug)} (${r.group.language})</h2>
      <p><a href=${`/api/staff/courses/groups/${r.group.id}/roster.csv`} download>${t('workspace.courses.csv')}</a></p>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="roster-title"><table class="schedule">
        <thead><tr><th scope="col">${t('workspace.bookings.colClient')}</th><th scope="col">${t('workspace.bookings.status')}</th>
          ${r.sessions.map((s) => html`<th scope="col">${staffFormatter(lang).dateTime(new Date(s.start))}</th>`)}<th scope="col">${t('workspace.courses.certificate')}</th></tr></thead>
        <tbody>${r.people.map(
          (p) => html`<tr>
          <th scope="row">${p.client_name} <span dir="ltr" class="muted">${p.reference}</span></th><td>${p.status}</td>
          ${r.sessions.map((s) => {
            const mark = r.attendance.find((a) => a.enrolment_id === p.id && a.session_id === s.id);
            return html`<td>${
              p.status === 'enrolled'
                ? html`<label class="check"><input type="checkbox" .checked=${!!mark?.present} @change=${(e: Event) => this.#mark(p.id, s.id, (e.target as HTMLInputElement).checked)} /><span class="visually-hidden">${t('workspace.courses.present')}: ${p.client_name}, ${staffFormatter(lang).dateTime(new Date(s.start))}</span></label>`
                : ''
            }</td>`;
          })}
          <td>${p.status === 'enrolled' ? html`<button class="link-button" type="button" @click=${() => this.#certificate(p.id)}>${t('workspace.courses.certificate')}<span class="visually-hidden">: ${p.client_name}</span></button>` : ''}</td>
        </tr>`,
        )}</tbody></table></div>
      ${this.certificate ? this.#certificateView(this.certificate) : nothing}
    </section>`;
  }

  #certificateView(c: Certificate) {
    const { t } = this.#tr;
    const day = (iso: string) => iso.slice(0, 10).split('-').reverse().join('.');
    const vars = { name: c.name, from: day(c.from), to: day(c.to), present: c.present, total: c.total };
    // In Finnish, and in the course's language when that is another of the portal's languages.
    const part = (lang: string) => {
      const texts = this.#data.certificateTexts[lang];
      if (!texts) return nothing;
      const text = Object.entries({ ...vars, course: this.#title(c.course, lang) }).reduce(
        (s, [k, v]) => s.replaceAll(`{{${k}}}`, String(v)),
        texts.text,
      );
      return html`<div lang=${lang} dir=${texts.dir}><h3>${texts.title}</h3><p>${text}</p></div>`;
    };
    return html`<article class="certificate" aria-label=${t('workspace.certificate.title')}>
      ${part('fi')}
      ${c.language !== 'fi' ? part(c.language) : nothing}
      <p>${t('workspace.certificate.signature')} · <span dir="ltr">${c.reference}</span></p>
      <button class="button no-print" type="button" @click=${() => window.print()}>${t('workspace.certificate.print')}</button>
    </article>`;
  }

  override render() {
    const { t } = this.#tr;
    if (!this.staffRole) return html`<p>…</p>`;
    const coordinator = this.staffRole !== 'advisor';
    return html`
      <p role="status" class="muted">${this.message}</p>
      ${coordinator ? nothing : html`<p>${t('workspace.courses.rosterRule')}</p>`}
      ${
        this.groups.length === 0
          ? html`<p>${t('workspace.courses.none')}</p>`
          : html`<ul class="template-list">${this.groups.map(
              (g) => html`<li>
        <strong>${this.#title(g.course_slug)}</strong> (${g.language}) ${g.first_start ? staffFormatter(staffLang()).dateTime(new Date(g.first_start)) : ''} ·
        ${t('workspace.courses.seats', { enrolled: g.enrolled_count, capacity: g.capacity, waiting: g.waiting })}${g.status === 'cancelled' ? ` · ${t('workspace.courses.cancelled')}` : ''}
        ${g.mine ? html`<span class="badge">${t('workspace.courses.mine')}</span>` : nothing}
        ${g.rosterOpen ? html`<button class="link-button" type="button" @click=${() => this.#openRoster(g.id)}>${t('workspace.courses.roster')}<span class="visually-hidden"> ${this.#title(g.course_slug)} ${g.language}</span></button>` : nothing}
        ${coordinator && g.status === 'open' ? html`<button class="link-button" type="button" @click=${() => this.#cancel(g.id)}>${t('workspace.courses.cancelGroup')}<span class="visually-hidden"> ${this.#title(g.course_slug)} ${g.language}</span></button>` : nothing}
        ${this.#teachersView(g, coordinator)}
      </li>`,
            )}</ul>`
      }
      ${this.#rosterView()}
      ${
        coordinator
          ? html`<h2>${t('workspace.courses.create')}</h2>
        <form @submit=${(e: Event) => this.#create(e)}>
          <div class="field"><label for="g-course">${t('workspace.courses.course')}</label><select id="g-course" name="course">${this.#data.courses.map((c) => html`<option value=${c.slug}>${c.title}</option>`)}</select></div>
          <div class="field"><label for="g-language">${t('workspace.courses.language')}</label><input id="g-language" name="language" value="fi" required /></div>
          <div class="field"><label for="g-format">${t('workspace.courses.format')}</label><select id="g-format" name="format">${['in_person', 'online', 'hybrid'].map((f) => html`<option value=${f}>${f}</option>`)}</select></div>
          <div class="field"><label for="g-place">${t('workspace.courses.place')}</label><input id="g-place" name="place" value="Aleksanterinkatu 24B, Lahti" /></div>
          <div class="field"><label for="g-capacity">${t('workspace.courses.capacity')}</label><input id="g-capacity" name="capacity" type="number" min="1" max="200" value="20" /></div>
          <div class="field"><label for="g-opens">${t('workspace.courses.opens')}</label><input id="g-opens" name="opens" type="date" required /></div>
          <div class="field"><label for="g-closes">${t('workspace.courses.closes')}</label><input id="g-closes" name="closes" type="date" required /></div>
          <div class="field"><label for="g-sessions">${t('workspace.courses.sessions')}</label><textarea id="g-sessions" name="sessions" rows="4" dir="ltr"></textarea></div>
          <button class="button" type="submit">${t('workspace.courses.create')}</button>
        </form>`
          : nothing
      }`;
  }
}
customElements.define('ihl-staff-courses', StaffCoursesElement);
declare global {
  interface HTMLElementTagNameMap {
    'ihl-staff-courses': StaffCoursesElement;
  }
}
