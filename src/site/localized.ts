/**
 * Looks up a content entry in the page's locale. When it is missing, the Finnish source is used
 * and marked: the caller wraps it in its own lang/dir and shows a notice, so no text ever appears
 * in another language unannounced. A translation made from an older Finnish text is flagged stale.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { DEFAULT_LOCALE, localeInfo, type LocaleCode } from '../i18n/locales.ts';
import { finnishSourceFile, sourceHash } from './content-status.ts';

export type LocalizedCollection = 'services' | 'firstSteps' | 'pages' | 'courses';
const DIRS: Record<LocalizedCollection, string> = {
  services: 'services',
  firstSteps: 'first-steps',
  pages: 'pages',
  courses: 'courses',
};

export interface Localized<C extends LocalizedCollection> {
  entry: CollectionEntry<C>;
  slug: string;
  /** The language the entry is actually in. */
  lang: LocaleCode;
  dir: 'ltr' | 'rtl';
  fallback: boolean;
  stale: boolean;
}

const slugOf = (id: string) => id.split('/')[1]!;
const localeOf = (id: string) => id.split('/')[0]!;

export async function localizedEntries<C extends LocalizedCollection>(
  collection: C,
  locale: LocaleCode,
): Promise<Localized<C>[]> {
  const all = (await getCollection(collection)) as CollectionEntry<C>[];
  const source = all.filter((e) => localeOf(e.id) === DEFAULT_LOCALE);
  return source.map((fi) => {
    const slug = slugOf(fi.id);
    const chain: LocaleCode[] = locale === DEFAULT_LOCALE ? [locale] : [locale, DEFAULT_LOCALE];
    for (const lang of chain) {
      const entry = all.find((e) => e.id === `${lang}/${slug}`);
      if (!entry) continue;
      const translatedFrom = (entry.data as { translatedFrom?: string }).translatedFrom;
      const stale = lang !== DEFAULT_LOCALE && translatedFrom !== sourceHash(finnishSourceFile(DIRS[collection], slug));
      return { entry, slug, lang, dir: localeInfo(lang).dir, fallback: lang !== locale, stale };
    }
    throw new Error(`No ${collection} entry for ${slug}`);
  });
}

export async function localizedEntry<C extends LocalizedCollection>(
  collection: C,
  locale: LocaleCode,
  slug: string,
): Promise<Localized<C>> {
  const found = (await localizedEntries(collection, locale)).find((e) => e.slug === slug);
  if (!found) throw new Error(`No ${collection} entry ${slug}`);
  return found;
}

export async function sourceSlugs(collection: LocalizedCollection): Promise<string[]> {
  return (await getCollection(collection)).filter((e) => localeOf(e.id) === DEFAULT_LOCALE).map((e) => slugOf(e.id));
}
