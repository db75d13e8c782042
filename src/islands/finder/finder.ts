/**
 * <ihl-finder>: the guidance finder. One question at a time (a fieldset of large radio choices
 * with pictograms), Back/Next by keyboard, focus moved to each new question and to the result.
 * The answers are kept in the URL only, so a result can be printed, bookmarked or shared.
 */
import { html, svg, nothing } from 'lit';
import { LightElement, islandTranslator, readIslandData } from '../shared/island.ts';
import { cleanAnswers, finderResult, isComplete, type Answers, type Finder } from '../../domain/finder.ts';
import type { Translator } from '../../i18n/translator.ts';

type FinderData = Finder & { icons: Record<string, string> };

export class FinderElement extends LightElement {
  static override properties = {
    step: { state: true },
    answers: { state: true },
    error: { state: true },
    copied: { state: true },
  };
  declare step: number;
  declare answers: Answers;
  declare error: boolean;
  declare copied: boolean;
  #tr!: Translator;
  #finder!: FinderData;
  #all: HTMLElement | null = null;
  #focusNext = false;

  constructor() {
    super();
    this.step = 0;
    this.answers = {};
    this.error = false;
    this.copied = false;
  }

  override connectedCallback() {
    this.#tr = islandTranslator(this);
    this.#finder = readIslandData<FinderData>(this, 'finder')!;
    this.#all = this.querySelector('[data-finder-all]');
    this.#readUrl();
    super.connectedCallback();
    window.addEventListener('popstate', this.#onPopState);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.#onPopState);
  }

  #onPopState = () => {
    this.#readUrl();
    this.#focusNext = true;
  };

  #readUrl() {
    const params = Object.fromEntries(new URLSearchParams(location.search));
    this.answers = cleanAnswers(this.#finder, params);
    const firstOpen = this.#finder.questions.findIndex((q) => !this.answers[q.id]);
    this.step = firstOpen === -1 ? this.#finder.questions.length : firstOpen;
  }

  #writeUrl(push: boolean) {
    const url = new URL(location.href);
    url.search = new URLSearchParams(this.answers).toString();
    history[push ? 'pushState' : 'replaceState'](null, '', url);
  }

  get #done() {
    return this.step >= this.#finder.questions.length && isComplete(this.#finder, this.answers);
  }

  #choose(question: string, option: string) {
    this.answers = { ...this.answers, [question]: option };
    this.error = false;
  }

  #next(e: Event) {
    e.preventDefault();
    const q = this.#finder.questions[this.step]!;
    if (!this.answers[q.id]) {
      this.error = true;
      this.#focusNext = true;
      return;
    }
    this.step += 1;
    this.#writeUrl(this.step >= this.#finder.questions.length);
    this.#focusNext = true;
  }

  #back() {
    this.step = Math.max(0, this.step - 1);
    this.error = false;
    this.#focusNext = true;
  }

  #restart() {
    this.answers = {};
    this.step = 0;
    this.#writeUrl(true);
    this.#focusNext = true;
  }

  async #copy() {
    try {
      await navigator.clipboard.writeText(location.href);
    } catch {
      /* the address bar still holds the link */
    }
    this.copied = true;
  }

  protected override updated() {
    // The full list is the no-JavaScript view; the result replaces it once the finder runs.
    if (this.#all) this.#all.hidden = true;
    if (this.#focusNext) {
      this.#focusNext = false;
      this.querySelector<HTMLElement>(this.error ? '.field-error' : '[data-focus]')?.focus();
    }
  }

  #icon(name: string) {
    const d = this.#finder.icons[name] ?? '';
    return html`<svg class="icon" aria-hidden="true" focusable="false" width="40" height="40" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${svg`<path d=${d}></path>`}</svg>`;
  }

  #renderQuestion() {
    const { t } = this.#tr;
    const total = this.#finder.questions.length;
    const q = this.#finder.questions[this.step]!;
    const errorId = `finder-error-${q.id}`;
    return html`
      <form class="finder" @submit=${this.#next} novalidate>
        <p class="finder__progress">${t('finder.progress', { current: this.step + 1, total })}</p>
        <fieldset class="choices" aria-describedby=${this.error ? errorId : nothing} aria-invalid=${this.error ? 'true' : nothing}>
          <legend tabindex="-1" data-focus>${t(`finder.q.${q.id}`)}</legend>
          ${this.error ? html`<p class="field-error" id=${errorId} tabindex="-1">${t('finder.chooseOne')}</p>` : nothing}
          ${q.options.map(
            (o) => html`
              <label class="choice">
                <input type="radio" name=${q.id} value=${o.id} .checked=${this.answers[q.id] === o.id} @change=${() => this.#choose(q.id, o.id)} />
                ${this.#icon(o.icon)}
                <span>${t(`finder.q.${q.id}.${o.id}`)}</span>
              </label>
            `,
          )}
        </fieldset>
        <div class="finder__nav">
          ${this.step > 0 ? html`<button type="button" class="button button--secondary" @click=${this.#back}>${t('finder.back')}</button>` : nothing}
          <button type="submit" class="button">${this.step === total - 1 ? t('finder.showResult') : t('finder.next')}</button>
        </div>
      </form>
    `;
  }

  #renderResult() {
    const { t } = this.#tr;
    const ids = finderResult(this.#finder, this.answers);
    const cards = ids
      .map(
        (id) =>
          this.#all?.querySelector<HTMLElement>(`[data-item="${CSS.escape(id)}"]`)?.cloneNode(true) as
            | HTMLElement
            | undefined,
      )
      .filter((el): el is HTMLElement => !!el);
    for (const c of cards) c.querySelector('h3')?.removeAttribute('id');
    return html`
      <section class="finder-result" aria-labelledby="finder-result-title">
        <h2 id="finder-result-title" tabindex="-1" data-focus>${t('finder.resultTitle')}</h2>
        <p>${t('finder.resultIntro')}</p>
        <ol class="result-list card-grid">${cards}</ol>
        <div class="finder__nav no-print">
          <button type="button" class="button" @click=${() => window.print()}>${t('finder.print')}</button>
          <button type="button" class="button button--secondary" @click=${this.#copy}>${t('finder.copyLink')}</button>
          <button type="button" class="button button--secondary" @click=${this.#restart}>${t('finder.restart')}</button>
        </div>
        <p role="status" class="muted">${this.copied ? t('finder.copied') : ''}</p>
      </section>
    `;
  }

  override render() {
    return this.#done ? this.#renderResult() : this.#renderQuestion();
  }
}

customElements.define('ihl-finder', FinderElement);

declare global {
  interface HTMLElementTagNameMap {
    'ihl-finder': FinderElement;
  }
}
