/**
 * What a built page makes the browser fetch: its stylesheets and its scripts with every module
 * they import statically (Vite's shared chunks), so budgets count what is really loaded, not just
 * the entry file. Used by the build tests (budgets) and by `npm run bench` (page weight).
 */
import fs from 'node:fs';
import path from 'node:path';

export function pageAssets(root: string, html: string): { css: string[]; js: string[] } {
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/([^"]+)"/g)].map((m) => m[1]!);
  const js = new Set<string>();
  const visit = (file: string) => {
    if (js.has(file) || !fs.existsSync(path.join(root, file))) return;
    js.add(file);
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const m of text.matchAll(/(?:import|from)\s*["'](\.{1,2}\/[^"']+\.js)["']/g))
      visit(path.posix.join(path.posix.dirname(file), m[1]!));
  };
  for (const m of html.matchAll(/<script[^>]+src="\/([^"]+)"/g)) visit(m[1]!);
  return { css, js: [...js] };
}
