/**
 * The booking form's vocabulary and parts: its steps, what the person types, and the pieces every
 * step draws the same way (the stepper, a step's heading, the error summary, a field with its
 * hint and error). Kept apart from the steps so a field is marked up, and tied to its error for
 * screen readers, in one place.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { BookingCreated, BookingOptions, FreeTime, Mode, SlotsResponse } from '../../contracts/booking.ts';
import type { Formatter } from '../../i18n/format.ts';
import type { Translator } from '../../i18n/translator.ts';

export interface Config {
  locale: string;
  /** The reader's language of service (Finnish for an Easy Finnish reader). */
  serviceLanguage: string;
  /** Language names in the reader's language (from the formatter at build time). */
  names: Record<string, string>;
  /** The languages an interpreter can be asked for. */
  interpreterLanguages: string[];
  contactLocales: { code: string; name: string; dir: string }[];
  privacyUrl: string;
  privacyLabel: string;
  address: string;
  coursesUrl: string;
  /** The phone and walk-in desk named when a held booking's message does not come (content/settings/contact.json). */
  help: { phone: string; place: string; street: string };
}
export type Step = 'service' | 'time' | 'details' | 'check' | 'done';
export const STEPS: Step[] = ['service', 'time', 'details', 'check', 'done'];

export interface Details {
  name: string;
  phone: string;
  email: string;
  contactLanguage: string;
  interpreter: boolean;
  interpreterLanguage: string;
  accessNeeds: string;
  reason: string;
  website: string;
}

/** The element's state: the steps read it, and set the few choices that need no checking. */
export interface BookingState {
  step: Step;
  options: BookingOptions | undefined;
  language: string;
  mode: Mode;
  slots: SlotsResponse | undefined;
  day: string | undefined;
  chosen: FreeTime | undefined;
  details: Details;
  errors: Record<string, string>;
  message: string;
  busy: boolean;
  created: BookingCreated | undefined;
  offerLink: boolean;
}

/** What a step is drawn from: the state, the page's strings and data, and the element's actions. */
export interface StepView {
  state: BookingState;
  tr: Translator;
  f: Formatter;
  cfg: Config;
  go(step: Step): void;
  set<K extends keyof Details>(key: K, value: Details[K]): void;
  showTimes(e: Event): void;
  chooseTime(e: Event): void;
  checkDetails(e: Event): void;
  confirm(): void;
  sendLink(): void;
}

export function stepper(v: StepView) {
  const { t } = v.tr;
  const index = STEPS.indexOf(v.state.step);
  return html`<ol class="stepper">
    ${STEPS.map((s, i) => html`<li class=${i < index ? 'stepper__done' : ''} aria-current=${i === index ? 'step' : nothing}>${t(`booking.step.${s}`)}</li>`)}
  </ol>`;
}

export function heading(v: StepView, step: Step, text: string) {
  const { t } = v.tr;
  const index = STEPS.indexOf(step);
  return html`<h2 tabindex="-1" data-step-heading>
    <span class="visually-hidden">${t('booking.stepper', { current: index + 1, total: STEPS.length, name: t(`booking.step.${step}`) })}: </span>${text}
  </h2>`;
}

export function errorSummary(v: StepView) {
  const entries = Object.entries(v.state.errors);
  if (!entries.length) return nothing;
  return html`<div class="error-summary" role="alert" tabindex="-1">
    <h3>${v.tr.t('booking.errorSummary')}</h3>
    <ul>${entries.map(([field, msg]) => html`<li><a href=${`#booking-${field}`}>${msg}</a></li>`)}</ul>
  </div>`;
}

export function field(
  v: StepView,
  name: keyof Details | 'slot' | 'serviceLanguage',
  label: string,
  control: TemplateResult,
  hint?: string,
) {
  const error = v.state.errors[name];
  return html`<div class=${`field${error ? ' field--error' : ''}`}>
    <label for=${`booking-${name}`}>${label}</label>
    ${hint ? html`<p class="hint" id=${`booking-${name}-hint`}>${hint}</p>` : nothing}
    ${error ? html`<p class="field-error" id=${`booking-${name}-error`}>${error}</p>` : nothing}
    ${control}
  </div>`;
}

export function describedBy(v: StepView, name: string, hint = false) {
  const ids = [hint ? `booking-${name}-hint` : '', v.state.errors[name] ? `booking-${name}-error` : '']
    .filter(Boolean)
    .join(' ');
  return ids || nothing;
}
