/**
 * What every island shares: reading the JSON data blocks the page rendered for it, a translator
 * over the strings of the page's one locale, and light-DOM rendering (Lit renders into the
 * element's `[data-island-root]`, replacing the no-JavaScript text the page put there).
 */
import { LitElement } from 'lit';
import { createTranslator, type Translator } from '../../i18n/translator.ts';

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
