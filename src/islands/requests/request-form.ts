/**
 * <ihl-request-form>: upgrades a server-rendered form (FormField.astro's ids: `f-<name>`,
 * `f-<name>-error`). On submit it validates with the shared contract, shows each field's message
 * next to the field and a summary with links at the top (focused), sends JSON, shows the API's
 * field errors the same way, and on success replaces the form with the reference and the date of
 * the first contact. Each page defines the element with its own schema (employer-form.ts,
 * referral-form.ts), so a page ships only its own contract.
 */
import { html, nothing } from 'lit';
import { LightElement, islandFormatter, islandTranslator, tHtml, timeHtml } from '../shared/island.ts';
import { fieldErrors, type FieldError } from '../../contracts/field-errors.ts';
import type { Translator } from '../../i18n/translator.ts';
import type { MaybeApiError } from '../../contracts/api-error.ts';

interface Schema {
  safeParse(data: unknown): { success: true } | { success: false; error: Parameters<typeof fieldErrors>[0] };
}
interface Problem {
  field: string;
  label: string;
  message: string;
}

/** The form's values as the contract expects them: arrays for checkbox groups, booleans, numbers; empty fields left out. */
export function formPayload(form: HTMLFormElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const el of Array.from(form.elements) as (HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement)[]) {
    if (!el.name || el instanceof HTMLButtonElement) continue;
    if (el instanceof HTMLInputElement && el.type === 'checkbox') {
      if (el.hasAttribute('data-boolean')) out[el.name] = el.checked;
      else {
        out[el.name] ??= [];
        const list = out[el.name] as string[];
        if (el.checked) list.push(el.value);
      }
    } else if (el instanceof HTMLInputElement && el.type === 'number') {
      if (el.value.trim()) out[el.name] = Number(el.value);
    } else if (el.value.trim()) out[el.name] = el.value;
  }
  return out;
}

export function defineRequestForm(schema: Schema, successKey: string) {
  class RequestFormElement extends LightElement {
    static override properties = { problems: { state: true }, done: { state: true }, busy: { state: true } };
    declare problems: Problem[];
    declare done: { reference: string; dueDate: string } | undefined;
    declare busy: boolean;
    #tr!: Translator;

    constructor() {
      super();
      this.problems = [];
      this.busy = false;
    }

    override connectedCallback() {
      this.#tr = islandTranslator(this);
      super.connectedCallback();
      this.#form.addEventListener('submit', (e) => {
        e.preventDefault();
        void this.#submit();
      });
    }

    get #form(): HTMLFormElement {
      return this.querySelector('form')!;
    }

    #labelOf(field: string): string {
      const el = this.querySelector(`#f-${field}`);
      const label =
        el?.tagName === 'FIELDSET'
          ? el.querySelector('legend')
          : (this.querySelector(`label[for="f-${field}"]`) ?? el?.closest('label'));
      return label?.textContent?.trim() ?? field;
    }

    #show(errors: Record<string, FieldError | { message: string }>) {
      for (const p of this.querySelectorAll<HTMLElement>('.field-error')) {
        p.hidden = true;
        p.textContent = '';
      }
      for (const el of this.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
      const problems: Problem[] = [];
      for (const [path, error] of Object.entries(errors)) {
        const field = path.split('.')[0]!;
        const message = 'message' in error ? error.message : this.#tr.t(error.key, error.params);
        const slot = this.querySelector<HTMLElement>(`#f-${field}-error`);
        const input = this.querySelector<HTMLElement>(`#f-${field}`);
        if (slot) {
          slot.textContent = message;
          slot.hidden = false;
        }
        if (input && input.tagName !== 'FIELDSET') {
          input.setAttribute('aria-invalid', 'true');
          const described = new Set((input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
          described.add(`f-${field}-error`);
          input.setAttribute('aria-describedby', [...described].join(' '));
        }
        if (!problems.some((p) => p.field === field)) problems.push({ field, label: this.#labelOf(field), message });
      }
      this.problems = problems;
      void this.updateComplete.then(() => this.querySelector<HTMLElement>('.error-summary')?.focus());
    }

    async #submit() {
      if (this.busy) return;
      const data = formPayload(this.#form);
      const checked = schema.safeParse(data);
      if (!checked.success) return this.#show(fieldErrors(checked.error));
      this.busy = true;
      try {
        const res = await fetch(this.dataset.endpoint!, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            'x-locale': this.#tr.locale,
          },
          body: JSON.stringify(data),
        });
        const body = (await res.json().catch(() => ({}))) as MaybeApiError<{ reference?: string; dueDate?: string }>;
        if (res.ok && body.reference && body.dueDate) {
          this.done = { reference: body.reference, dueDate: body.dueDate };
          this.#form.hidden = true;
          await this.updateComplete;
          this.querySelector<HTMLElement>('.request-sent')?.focus();
        } else {
          this.#show(body.error?.fields ?? { _: { message: body.error?.message ?? this.#tr.t('errors.internal') } });
        }
      } catch {
        this.#show({ _: { message: this.#tr.t('errors.unavailable') } });
      } finally {
        this.busy = false;
      }
    }

    override render() {
      const { t } = this.#tr;
      if (this.done) {
        const params = {
          reference: html`<span class="reference" dir="ltr">${this.done.reference}</span>`,
          date: timeHtml(islandFormatter(this), 'date', this.done.dueDate),
        };
        return html`<p class="notice notice--ok request-sent" tabindex="-1" role="status">${tHtml(this.#tr, successKey, params)}</p>`;
      }
      if (!this.problems.length) return this.busy ? html`<p role="status">${t('requests.sending')}</p>` : nothing;
      return html`<div class="error-summary" tabindex="-1" role="alert">
        <h2>${t('errors.validation')}</h2>
        <ul>${this.problems.map((p) =>
          p.field === '_'
            ? html`<li>${p.message}</li>`
            : html`<li><a href=${`#f-${p.field}`} @click=${(e: Event) => {
                e.preventDefault();
                this.querySelector<HTMLElement>(`#f-${p.field}`)?.focus();
              }}>${p.label}: ${p.message}</a></li>`,
        )}</ul>
      </div>`;
    }
  }
  customElements.define('ihl-request-form', RequestFormElement);
}
