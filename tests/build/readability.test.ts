/**
 * Easy Finnish (selkosuomi) is measurably easier than the Finnish it is written from: for every
 * public page, the text of <main> plus the UI strings its island carries (the JSON data block,
 * so the booking, finder, catalogue and queue islands' texts count even before they render).
 *
 * Thresholds, and why:
 * - At most 9 words per sentence on average. Selkokeskus's guidance for easy-to-read Finnish asks
 *   for short sentences with one thing each; Finnish words are long (cases and suffixes carry what
 *   other languages say with extra words), so easy-to-read Finnish texts typically average 6–9
 *   words per sentence, while standard public-service Finnish runs at 10–15.
 * - At most 8 % of words over 12 characters. Long words in Finnish are mostly compound nouns
 *   ("kotoutumissuunnitelma", "palvelutarpeen"), which the guidelines replace by plain phrases and
 *   explain at first use. Some stay (place names, "International", a term explained once), so the
 *   limit is not zero; ordinary Finnish public text has about 10–20 % such words.
 * - Both clearly below the Finnish page: at least 10 % fewer words per sentence and at least a
 *   quarter fewer long words. The Finnish source here is already plain, so "clearly" is relative:
 *   a copy of the Finnish with a few words swapped would not pass it.
 * The figures of every page are printed (`console.table`), so a reviewer sees where each stands.
 */
import fs from 'node:fs';
import path from 'node:path';
import { HTMLElement, parse } from 'node-html-parser';
import { describe, expect, test } from 'vitest';
import { PUBLIC_PAGES } from '../../src/site/pages.ts';

const ROOT = path.resolve('dist/client');
const MAX_WORDS_PER_SENTENCE = 9;
const MAX_LONG_WORD_SHARE = 0.08;
const LONG_WORD = 12;
const SENTENCE_MARGIN = 0.9;
const LONG_WORD_MARGIN = 0.75;

const BLOCK =
  /^(p|li|h[1-6]|td|th|dt|dd|label|legend|button|summary|option|caption|figcaption|a|div|section|ul|ol|tr)$/i;

/** Text units of a page: one per block element's own text, and one per island UI string. */
function units(doc: HTMLElement): string[] {
  const main = doc.querySelector('main');
  if (!main) return [];
  const out: string[] = [];
  for (const script of main.querySelectorAll('script[type="application/json"]')) {
    const data = JSON.parse(script.text) as { messages?: Record<string, string> };
    for (const v of Object.values(data.messages ?? {})) out.push(v.replace(/\{\{\s*[\w.]+\s*\}\}/g, 'X'));
  }
  const walk = (el: HTMLElement, buf: string[]) => {
    for (const child of el.childNodes) {
      if (!(child instanceof HTMLElement)) buf.push(child.text);
      else {
        const c = child;
        if (c.tagName === 'SCRIPT' || c.tagName === 'STYLE' || c.hasAttribute('hidden')) continue;
        if (BLOCK.test(c.tagName)) {
          const inner: string[] = [];
          walk(c, inner);
          out.push(inner.join(''));
        } else walk(c, buf);
      }
    }
  };
  const rest: string[] = [];
  walk(main, rest);
  out.push(rest.join(''));
  return out.map((u) => u.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

const WORD = /[\p{L}\p{N}]+(?:[-'’:][\p{L}\p{N}]+)*/gu;

function measure(texts: string[]) {
  let sentences = 0;
  let words = 0;
  let long = 0;
  let sentenceWords = 0;
  for (const text of texts) {
    // A unit with sentence-final punctuation is prose; a label, a button, a heading or a list item
    // without it is a fragment: its words count for long words, not as a sentence.
    const prose = /[.!?]/.test(text);
    for (const sentence of text.split(/(?<=[.!?…])\s+/)) {
      const w = sentence.match(WORD) ?? [];
      if (!w.length) continue;
      words += w.length;
      long += w.filter((x) => [...x].length > LONG_WORD).length;
      if (prose) {
        sentences += 1;
        sentenceWords += w.length;
      }
    }
  }
  return { sentences, words, wordsPerSentence: sentenceWords / sentences, longShare: long / words };
}

function pageOf(locale: string, page: string): HTMLElement {
  return parse(fs.readFileSync(path.join(ROOT, locale, page, 'index.html'), 'utf8'));
}

const dirs = (collection: string) =>
  fs
    .readdirSync(path.join(ROOT, 'fi', collection), { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(ROOT, 'fi', collection, d.name, 'index.html')))
    .map((d) => `${collection}/${d.name}/`);

describe('Easy Finnish readability', () => {
  // The search page has no text of its own to simplify beyond its form; every other public page counts.
  const pages = [...PUBLIC_PAGES.filter((p) => p !== 'search/'), ...dirs('services')];
  const rows = pages.map((page) => {
    const fi = measure(units(pageOf('fi', page)));
    const selko = measure(units(pageOf('fi-x-selko', page)));
    return {
      page: `/${page}`,
      'fi words/sentence': +fi.wordsPerSentence.toFixed(1),
      'selko words/sentence': +selko.wordsPerSentence.toFixed(1),
      'fi long %': +(fi.longShare * 100).toFixed(1),
      'selko long %': +(selko.longShare * 100).toFixed(1),
      fi,
      selko,
    };
  });

  test('every page: short sentences and few long words, clearly below the Finnish page', () => {
    console.table(rows.map(({ fi: _f, selko: _s, ...r }) => r));
    for (const { page, fi, selko } of rows) {
      expect(selko.wordsPerSentence, `${page} words per sentence`).toBeLessThanOrEqual(MAX_WORDS_PER_SENTENCE);
      expect(selko.longShare, `${page} long words`).toBeLessThanOrEqual(MAX_LONG_WORD_SHARE);
      expect(selko.wordsPerSentence, `${page} vs Finnish`).toBeLessThanOrEqual(fi.wordsPerSentence * SENTENCE_MARGIN);
      expect(selko.longShare, `${page} long words vs Finnish`).toBeLessThanOrEqual(fi.longShare * LONG_WORD_MARGIN);
    }
  });

  test('the measure counts sentences and long words as intended', () => {
    const m = measure(['Tule neuvontaan. Sinun ei tarvitse varata aikaa!', 'kotoutumissuunnitelma']);
    expect(m).toMatchObject({ sentences: 2, words: 8, wordsPerSentence: 3.5 });
    expect(m.longShare).toBeCloseTo(1 / 8);
  });
});
