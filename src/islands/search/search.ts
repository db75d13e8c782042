/**
 * <ihl-search>: searches the Pagefind index built next to the site (/pagefind/, or the bundle named
 * by `data-bundle`). The page's form
 * stays a normal form (keyboard, screen readers); the island takes over its submit and writes the
 * results into the live region. Pagefind loads only when someone searches.
 */
import { html, nothing } from 'lit';
import { LightElement, islandTranslator } from '../shared/island.ts';
import type { Translator } from '../../i18n/translator.ts';

interface PagefindResult {
  url: string;
  meta: { title?: string };
  excerpt: string;
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  search(q: string): Promise<{ results: { data(): Promise<PagefindResult> }[] }>;
}

let pagefind: Promise<Pagefind> | undefined;
/** `bundle` is the locale's index (`searchBundle` in src/i18n/locales.ts): Easy Finnish has its own. */
function loadPagefind(bundle: string): Promise<Pagefind> {
  // A runtime URL, not bundled: the index is generated after the site build.
  const url = `${bundle}pagefind.js`;
  pagefind ??= import(/* @vite-ignore */ url).then(async (m: Pagefind) => {
    await m.options({ excerptLength: 24 });
    return m;
  });
  return pagefind;
}

/** Pagefind's excerpt marks hits with <mark>; everything else in it is text. */
function excerptParts(excerpt: string) {
  const parts = excerpt.split(/<\/?mark>/);
  return parts.map((p, i) => (i % 2 === 1 ? html`<mark>${decode(p)}</mark>` : decode(p)));
}
function decode(s: string): string {
  const el = document.createElement('textarea');
  el.innerHTML = s;
  return el.value;
}

export class SearchElement extends LightElement {
  static override properties = { query: { state: true }, results: { state: true }, state: { state: true } };
  declare query: string;
  declare results: PagefindResult[];
  declare state: 'idle' | 'loading' | 'done' | 'error';
  #tr!: Translator;

  constructor() {
    super();
    this.query = '';
    this.results = [];
    this.state = 'idle';
  }

  override connectedCallback() {
    this.#tr = islandTranslator(this);
    super.connectedCallback();
    const form = this.querySelector('form');
    const input = this.querySelector<HTMLInputElement>('input[name=q]');
    form?.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.search(input?.value ?? '');
    });
    const q = new URLSearchParams(location.search).get('q');
    if (q && input) {
      input.value = q;
      void this.search(q);
    }
  }

  async search(query: string) {
    this.query = query.trim();
    const url = new URL(location.href);
    if (this.query) url.searchParams.set('q', this.query);
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
    if (!this.query) {
      this.state = 'idle';
      return;
    }
    this.state = 'loading';
    try {
      const pf = await loadPagefind(this.dataset.bundle ?? '/pagefind/');
      const found = await pf.search(this.query);
      this.results = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
      this.state = 'done';
    } catch {
      this.state = 'error';
    }
  }

  override render() {
    const { t } = this.#tr;
    if (this.state === 'idle') return nothing;
    if (this.state === 'loading') return html`<p>${t('search.loading')}</p>`;
    if (this.state === 'error') return html`<p class="notice">${t('search.unavailable')}</p>`;
    if (this.results.length === 0) return html`<p>${t('search.none')}</p>`;
    return html`
      <p><strong>${t('search.results', { count: this.results.length })}</strong></p>
      <ol class="search-results">
        ${this.results.map((r) => html`<li><a href=${r.url}>${r.meta.title ?? r.url}</a><p>${excerptParts(r.excerpt)}</p></li>`)}
      </ol>
    `;
  }
}

customElements.define('ihl-search', SearchElement);

declare global {
  interface HTMLElementTagNameMap {
    'ihl-search': SearchElement;
  }
}
