/**
 * What every island shares: reading the JSON data blocks the page rendered for it, a translator
 * over the strings of the page's one locale, and light-DOM rendering (Lit renders into the
 * element's `[data-island-root]`, replacing the no-JavaScript text the page put there).
 */
import { LitElement, html, nothing } from 'lit';
import { createTranslator, type Translator } from '../../i18n/translator.ts';
import {
  createFormatter,
  type DateInput,
  datetimeAttr,
  type FormatData,
  type Formatter,
  type FormatKind,
  formatAs,
} from '../../i18n/format.ts';

export function readIslandData<T>(host: Element, name: string): T | undefined {
  const el = host.querySelector(`script[type="application/json"][data-island="${name}"]`);
  if (!el?.textContent) return undefined;
  return JSON.parse(el.textContent) as T;
}

export function islandTranslator(host: Element): Translator {
  const strings = readIslandData<{ locale: string; messages: Record<string, string> }>(host, 'strings');
  if (!strings) throw new Error(`${host.localName}: no strings block`);
  return createTranslator({ locale: strings.locale, messages: { common: strings.messages } });
}

/** Dates, lists and names in the page's locale, from the strings block (`<IslandData format>`). */
export function islandFormatter(host: Element): Formatter {
  const strings = readIslandData<{ locale: string; format?: FormatData }>(host, 'strings');
  if (!strings?.format) throw new Error(`${host.localName}: no format data in its strings block`);
  return createFormatter(strings.locale, strings.format);
}

/** A date or time as the `<time>` element every rendered date is: the formatter's text, machine-readable value. */
export const timeHtml = (f: Formatter, kind: FormatKind, input: DateInput) =>
  html`<time class=${kind === 'time' || kind === 'clock' ? 'nowrap' : nothing} datetime=${datetimeAttr(input)}>${formatAs(f, kind, input)}</time>`;

const MARK = '\u2063';

/**
 * A translated message with elements in its placeholders (a `<time>`, a name in its own `lang`):
 * strings are interpolated by the translator, everything else is put where its placeholder was.
 */
export function tHtml(tr: Translator, key: string, params: Record<string, unknown>) {
  const plain: Record<string, unknown> = {};
  const elements: unknown[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === 'string' || typeof v === 'number') plain[k] = v;
    else {
      plain[k] = `${MARK}${elements.length}${MARK}`;
      elements.push(v);
    }
  }
  const pieces = tr.t(key, plain).split(MARK);
  return html`${pieces.map((p, i) => (i % 2 ? elements[Number(p)] : p))}`;
}

/** A Lit element that renders into its light DOM, inside `[data-island-root]`. */
export class LightElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    const root = this.querySelector<HTMLElement>('[data-island-root]') ?? this;
    root.replaceChildren();
    return root;
  }
}

/** Dispatches a bubbling, composed event with the project's `ihl-` prefix. */
export function emit(host: Element, name: `ihl-${string}`, detail?: unknown) {
  host.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
}
