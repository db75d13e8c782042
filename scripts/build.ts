/**
 * `npm run build`: the static site (astro build), then its search index (Pagefind, one index per
 * <html lang>, written to dist/client/pagefind). Used by npm start and npm test alike.
 */
import { spawnSync } from 'node:child_process';

const run = (args: string[]) => {
  const res = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (res.status !== 0) process.exit(res.status ?? 1);
};
run(['node_modules/astro/bin/astro.mjs', 'build']);
run(['node_modules/pagefind/lib/runner/bin.cjs', '--site', 'dist/client', '--output-subdir', 'pagefind', '--silent']);
