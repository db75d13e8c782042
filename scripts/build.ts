/**
 * `npm run build`: the static site (astro build), then its search indexes (Pagefind). Pagefind
 * splits one index by <html lang>; a locale that shares its tag with another (Easy Finnish is
 * `<html lang="fi">`) gets an index of its own at `searchBundle(code)` (src/i18n/locales.ts), so
 * Finnish and Easy Finnish searches never mix. Used by npm start and npm test alike.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { LOCALES, searchBundle, type LocaleCode } from '../src/i18n/locales.ts';

const run = (args: string[]) => {
  const res = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (res.status !== 0) process.exit(res.status ?? 1);
};
run(['node_modules/astro/bin/astro.mjs', 'build']);

const SITE = 'dist/client';
const own: string[] = LOCALES.filter((l) => searchBundle(l.code) !== '/pagefind/').map((l) => l.code);
const htmlFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? htmlFiles(p) : d.name.endsWith('.html') ? [p] : [];
  });
const url = (file: string) => `/${path.relative(SITE, file).split(path.sep).join('/')}`.replace(/index\.html$/, '');
const prefixOf = (file: string) => path.relative(SITE, file).split(path.sep)[0]!;

async function index(files: string[], bundle: string) {
  const { index: idx, errors } = await pagefind.createIndex({});
  if (!idx) throw new Error(`pagefind: ${errors.join('; ')}`);
  for (const file of files) {
    const res = await idx.addHTMLFile({ url: url(file), content: fs.readFileSync(file, 'utf8') });
    if (res.errors.length) throw new Error(`pagefind ${file}: ${res.errors.join('; ')}`);
  }
  const out = await idx.writeFiles({ outputPath: path.join(SITE, bundle) });
  if (out.errors.length) throw new Error(`pagefind: ${out.errors.join('; ')}`);
}

const all = htmlFiles(SITE);
await index(
  all.filter((f) => !own.includes(prefixOf(f))),
  'pagefind',
);
for (const code of own as LocaleCode[])
  await index(
    all.filter((f) => prefixOf(f) === code),
    searchBundle(code).replaceAll('/', ''),
  );
await pagefind.close();
