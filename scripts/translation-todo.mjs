// Lists, per locale, the public UI keys (locales/fi/common.json) that a locale lacks or has extra,
// and plural forms it needs. Helpers and translators run: node scripts/translation-todo.mjs ar
import fs from 'node:fs';
const [, , ...codes] = process.argv;
const fi = JSON.parse(fs.readFileSync('locales/fi/common.json', 'utf8'));
const baseKeys = new Set(Object.keys(fi).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')));
for (const code of codes) {
  const file = `locales/${code}/common.json`;
  const have = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const plural = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
  const wanted = [];
  for (const k of baseKeys) {
    if (fi[k] !== undefined) wanted.push(k);
    else for (const c of plural) wanted.push(`${k}_${c}`);
  }
  const missing = wanted.filter((k) => !(k in have));
  const extra = Object.keys(have).filter((k) => !wanted.includes(k));
  console.log(JSON.stringify({ locale: code, pluralCategories: plural, missing, extra }, null, 1));
}
