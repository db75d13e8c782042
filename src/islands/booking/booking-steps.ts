/**
 * The five steps of <ihl-booking> as views of its state: choose language and mode, a time, the
 * details, check, done. They draw and forward the person's actions to the element, which keeps
 * the state and talks to the API; so a step's markup can change without touching the flow.
 */
import { html, nothing } from 'lit';
import { addDays } from '../../domain/calendar.ts';
import { tHtml, timeHtml } from '../shared/island.ts';
import { type Details, describedBy, errorSummary, field, heading, type Step, type StepView } from './booking-form.ts';

export function renderService(v: StepView) {
  const { t } = v.tr;
  if (!v.state.options && v.state.message) return html`<p>${v.state.message}</p>`;
  // While the options load, the same form with its controls disabled: the page keeps its layout
  // when they arrive (no shift of what follows, Lighthouse's CLS).
  const loading = !v.state.options;
  const options = v.state.options ?? { languages: [], modes: ['in_person', 'phone', 'video'] as const };
  // No advisor has availability (e.g. a new installation): say so; phone and walk-in stay on the page.
  if (!loading && !options.languages.length)
    return html`${heading(v, 'service', t('booking.step.service'))}<p class="notice">${t('booking.noTimes')}</p>`;
  const locale = v.cfg.serviceLanguage;
  const served = loading || options.languages.includes(locale);
  const own = v.f.languageName(locale);
  const d = v.state.details;
  return html`<form @submit=${(e: Event) => v.showTimes(e)} novalidate aria-busy=${loading ? 'true' : nothing}>
    ${heading(v, 'service', t('booking.step.service'))}
    ${served ? nothing : html`<p class="notice" id="booking-unserved">${t('booking.noAdvisorLanguage', { language: own })}</p>`}
    ${errorSummary(v)}
    ${field(
      v,
      'serviceLanguage',
      t('booking.languageLabel'),
      html`<select id="booking-serviceLanguage" ?disabled=${loading} aria-describedby=${describedBy(v, 'serviceLanguage', true)} aria-invalid=${v.state.errors.serviceLanguage ? 'true' : nothing}
        @change=${(e: Event) => (v.state.language = (e.target as HTMLSelectElement).value)}>
        ${loading ? html`<option value="" selected>${t('booking.loading')}</option>` : nothing}
        ${loading || v.state.language ? nothing : html`<option value="" selected>—</option>`}
        ${options.languages.map((l) => html`<option value=${l} ?selected=${l === v.state.language}>${v.cfg.names[l] ?? l}</option>`)}
      </select>`,
      t('booking.languageHint'),
    )}
    ${
      served
        ? nothing
        : html`<div class="field"><label class="check"><input type="checkbox" .checked=${d.interpreter && d.interpreterLanguage === locale}
            @change=${(e: Event) => {
              const on = (e.target as HTMLInputElement).checked;
              v.set('interpreter', on);
              v.set('interpreterLanguage', on ? locale : '');
            }} /> ${t('booking.interpreterOffer', { language: own })}</label></div>`
    }
    <fieldset class="choices" ?disabled=${loading}>
      <legend>${t('booking.modeLabel')}</legend>
      ${options.modes.map(
        (m) =>
          html`<label class="choice"><input type="radio" name="mode" value=${m} .checked=${v.state.mode === m} @change=${() => (v.state.mode = m)} /><span>${t(`booking.mode.${m}`)}</span></label>`,
      )}
    </fieldset>
    <button class="button" type="submit" ?disabled=${v.state.busy || loading}>${t('booking.showTimes')}</button>
  </form>`;
}

export function renderTime(v: StepView) {
  const { t } = v.tr;
  const days = v.state.slots?.days ?? [];
  const earliest = v.state.slots?.earliest;
  if (!days.length) {
    return html`${heading(v, 'time', t('booking.step.time'))}<p class="notice">${t('booking.noTimes')}</p>
      <button class="button button--secondary" type="button" @click=${() => v.go('service')}>${t('booking.back')}</button>`;
  }
  // Every date from the first to the last free day; days without times are shown but disabled.
  const all: string[] = [];
  for (let d = days[0]!.date; d <= days.at(-1)!.date; d = addDays(d, 1)) all.push(d);
  const byDate = new Map(days.map((d) => [d.date, d.times]));
  const times = v.state.day ? (byDate.get(v.state.day) ?? []) : [];
  return html`<form @submit=${(e: Event) => v.chooseTime(e)}>
    ${heading(v, 'time', t('booking.step.time'))}
    ${v.state.message ? html`<p class="notice" role="alert">${v.state.message}</p>` : nothing}
    ${errorSummary(v)}
    <fieldset class="days">
      <legend>${t('booking.dayLabel')}</legend>
      <div class="day-grid">
        ${all.map((date) => {
          const has = byDate.has(date);
          const label = timeHtml(v.f, 'day', date);
          // "No free times" is the day's description, not part of its name: read after it with the
          // screen reader's own pause, where a written comma would be one language's.
          const none = `booking-day-${date}-none`;
          return html`<label class=${`day${has ? '' : ' day--empty'}`}>
            <input type="radio" name="day" value=${date} ?disabled=${!has} aria-describedby=${has ? nothing : none} .checked=${v.state.day === date} @change=${() => {
              v.state.day = date;
              v.state.chosen = undefined;
            }} />
            <span>${label}${has ? nothing : html`<span class="visually-hidden" id=${none} aria-hidden="true">${t('booking.noTimesOnDay')}</span>`}</span>
          </label>`;
        })}
      </div>
    </fieldset>
    <fieldset class="choices choices--times" id="booking-slot" aria-describedby=${v.state.errors.slot ? 'booking-slot-error' : nothing}>
      <legend>${t('booking.timeLabel')}: ${v.state.day ? timeHtml(v.f, 'day', v.state.day) : ''}</legend>
      ${v.state.errors.slot ? html`<p class="field-error" id="booking-slot-error">${v.state.errors.slot}</p>` : nothing}
      ${times.map(
        (time) => html`<label class="choice">
          <input type="radio" name="slot" value=${time.slotId} .checked=${v.state.chosen?.slotId === time.slotId} @change=${() => (v.state.chosen = time)} />
          <span class="nowrap" dir="ltr">${timeHtml(v.f, 'time', new Date(time.start))}</span>
          ${time.start === earliest ? html`<strong class="badge">${t('booking.earliest')}</strong>` : nothing}
        </label>`,
      )}
    </fieldset>
    <div class="actions">
      <button class="button button--secondary" type="button" @click=${() => v.go('service')}>${t('booking.back')}</button>
      <button class="button" type="submit">${t('booking.next')}</button>
    </div>
  </form>`;
}

export function renderDetails(v: StepView) {
  const { t } = v.tr;
  const d = v.state.details;
  const text = (name: keyof Details, type: string, autocomplete: string, hint = false) =>
    html`<input id=${`booking-${name}`} name=${name} type=${type} autocomplete=${autocomplete} .value=${String(d[name])}
      aria-invalid=${v.state.errors[name] ? 'true' : nothing} aria-describedby=${describedBy(v, name, hint)}
      @input=${(e: Event) => v.set(name, (e.target as HTMLInputElement).value as never)} />`;
  return html`<form @submit=${(e: Event) => v.checkDetails(e)} novalidate>
    ${heading(v, 'details', t('booking.step.details'))}
    ${errorSummary(v)}
    <p>${t('booking.privacyNote')} <a href=${v.cfg.privacyUrl}>${v.cfg.privacyLabel}</a></p>
    ${field(v, 'name', t('booking.nameLabel'), text('name', 'text', 'name'))}
    <p class="hint" id="booking-contact-hint">${t('booking.contactHint')}</p>
    ${field(v, 'phone', t('booking.phoneLabel'), text('phone', 'tel', 'tel'))}
    ${field(v, 'email', t('booking.emailLabel'), text('email', 'email', 'email'))}
    ${field(
      v,
      'contactLanguage',
      t('booking.contactLanguageLabel'),
      html`<select id="booking-contactLanguage" @change=${(e: Event) => v.set('contactLanguage', (e.target as HTMLSelectElement).value)}>
        ${v.cfg.contactLocales.map((l) => html`<option value=${l.code} lang=${l.code} dir=${l.dir} ?selected=${l.code === d.contactLanguage}>${l.name}</option>`)}
      </select>`,
    )}
    <div class="field">
      <label class="check"><input type="checkbox" .checked=${d.interpreter} @change=${(e: Event) => v.set('interpreter', (e.target as HTMLInputElement).checked)} /> ${t('booking.interpreterLabel')}</label>
    </div>
    ${
      d.interpreter
        ? field(
            v,
            'interpreterLanguage',
            t('booking.interpreterLanguageLabel'),
            html`<select id="booking-interpreterLanguage" aria-invalid=${v.state.errors.interpreterLanguage ? 'true' : nothing} aria-describedby=${describedBy(v, 'interpreterLanguage')}
            @change=${(e: Event) => v.set('interpreterLanguage', (e.target as HTMLSelectElement).value)}>
            <option value="">—</option>
            ${v.cfg.interpreterLanguages.map((code) => html`<option value=${code} ?selected=${code === d.interpreterLanguage}>${v.cfg.names[code] ?? code}</option>`)}
          </select>`,
          )
        : nothing
    }
    ${field(v, 'accessNeeds', t('booking.accessLabel'), html`<textarea id="booking-accessNeeds" rows="2" maxlength="300" aria-describedby="booking-accessNeeds-hint" .value=${d.accessNeeds} @input=${(e: Event) => v.set('accessNeeds', (e.target as HTMLTextAreaElement).value)}></textarea>`, t('booking.accessHint'))}
    ${field(v, 'reason', t('booking.reasonLabel'), html`<textarea id="booking-reason" rows="3" maxlength="500" aria-describedby="booking-reason-hint" .value=${d.reason} @input=${(e: Event) => v.set('reason', (e.target as HTMLTextAreaElement).value)}></textarea>`, t('booking.reasonHint'))}
    <div class="hp" aria-hidden="true"><label>Website <input tabindex="-1" autocomplete="off" name="website" .value=${d.website} @input=${(e: Event) => v.set('website', (e.target as HTMLInputElement).value)} /></label></div>
    <div class="actions">
      <button class="button button--secondary" type="button" @click=${() => v.go('time')}>${t('booking.back')}</button>
      <button class="button" type="submit">${t('booking.next')}</button>
    </div>
  </form>`;
}

function summary(v: StepView) {
  const { t } = v.tr;
  const view = v.state.created?.booking;
  const start = view?.start ?? v.state.chosen?.start;
  const d = v.state.details;
  const interpreter = view ? view.interpreterLanguage : d.interpreter ? d.interpreterLanguage : null;
  const rows: [string, unknown, Step][] = [
    [t('booking.when'), start ? timeHtml(v.f, 'dateTime', new Date(start)) : '', 'time'],
    [t('booking.mode'), t(`booking.mode.${v.state.mode}`), 'service'],
    [t('booking.language'), v.cfg.names[v.state.language] ?? v.state.language, 'service'],
    // The interpreter asked for, on the check step and on the confirmation alike.
    [t('booking.interpreter'), interpreter ? (v.cfg.names[interpreter] ?? interpreter) : t('booking.no'), 'details'],
    ...(v.state.mode === 'in_person'
      ? [[t('booking.where'), html`<span dir="ltr">${v.cfg.address}</span>`, 'service'] as [string, unknown, Step]]
      : []),
  ];
  if (!view) {
    rows.push(
      [t('booking.nameLabel'), d.name, 'details'],
      ...(d.phone
        ? [[t('booking.phoneLabel'), html`<span dir="ltr">${d.phone}</span>`, 'details'] as [string, unknown, Step]]
        : []),
      ...(d.email
        ? [[t('booking.emailLabel'), html`<span dir="ltr">${d.email}</span>`, 'details'] as [string, unknown, Step]]
        : []),
    );
  }
  return html`<dl class="summary">
    ${rows.map(
      ([label, value, step]) => html`<div><dt>${label}</dt><dd>${value}
      ${view ? nothing : html` <button type="button" class="link-button" @click=${() => v.go(step)}>${t('booking.change')}<span class="visually-hidden">: ${label}</span></button>`}</dd></div>`,
    )}
  </dl>`;
}

export function renderCheck(v: StepView) {
  const { t } = v.tr;
  return html`${heading(v, 'check', t('booking.checkTitle'))}
    ${v.state.message ? html`<p class="notice" role="alert">${v.state.message}</p>` : nothing}
    ${v.state.offerLink ? html`<p><button class="button button--secondary" type="button" @click=${() => v.sendLink()}>${t('booking.sendLink')}</button></p>` : nothing}
    ${summary(v)}
    <div class="actions">
      <button class="button button--secondary" type="button" @click=${() => v.go('details')}>${t('booking.back')}</button>
      <button class="button" type="button" ?disabled=${v.state.busy} @click=${() => v.confirm()}>${v.state.busy ? t('booking.sending') : t('booking.confirm')}</button>
    </div>`;
}

/**
 * A held booking (README "Security"): confirm by the deadline with the code on the booking page or
 * the link in the message; the phone and the walk-in desk if no message comes.
 */
function holdNotice(v: StepView, confirmBy: string, manageUrl: string) {
  const { t } = v.tr;
  const { phone, place, street } = v.cfg.help;
  return html`<div class="notice" id="booking-hold">
    <p>${tHtml(v.tr, 'booking.holdNotice', { deadline: timeHtml(v.f, 'time', new Date(confirmBy)) })}</p>
    <p><a class="button" href=${manageUrl}>${t('manage.confirmButton')}</a></p>
    <p>${tHtml(v.tr, 'manage.holdHelp', { phone: html`<a href=${`tel:${phone.replace(/\s+/g, '')}`} dir="ltr">${phone}</a>`, place, street })}</p>
  </div>`;
}

export function renderDone(v: StepView) {
  const { t } = v.tr;
  const c = v.state.created!;
  const held = c.booking.confirmBy;
  return html`${heading(v, 'done', t(held ? 'booking.holdTitle' : 'booking.doneTitle'))}
    ${held ? holdNotice(v, held, c.manageUrl) : nothing}
    <p class="reference-box">${t('booking.reference')}: <strong class="reference nowrap" dir="ltr">${c.booking.reference}</strong></p>
    <p>${t('booking.referenceHint')}</p>
    ${summary(v)}
    ${v.state.mode === 'phone' ? html`<p>${t('booking.phoneMeeting')}</p>` : nothing}
    ${v.state.mode === 'video' ? html`<p>${t('booking.videoMeeting')}</p>` : nothing}
    ${v.state.mode === 'in_person' ? html`<p>${t('booking.bring')}</p>` : nothing}
    <p><a class="button" href=${c.manageUrl}>${t('booking.manageLink')}</a></p>
    <p class="hint">${t('booking.manageHint')}</p>
    <ul class="actions no-print">
      <li><a class="button button--secondary" href=${c.icsUrl} download>${t('booking.addToCalendar')}</a></li>
      <li><button class="button button--secondary" type="button" @click=${() => window.print()}>${t('booking.print')}</button></li>
    </ul>
    <p><a href=${v.cfg.coursesUrl}>${t('booking.coursesLink')}</a></p>
    <ihl-feedback class="no-print" .endpoint=${`/api/bookings/manage/${c.manageUrl.split('/').filter(Boolean).pop()}/feedback`} .tr=${v.tr} .locale=${v.cfg.locale}></ihl-feedback>`;
}
