/**
 * `npm start`: builds the site when the build is missing or older than its sources, then starts
 * the server (embedded database and demo content unless configured otherwise).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const BUILT = path.resolve('dist/client/fi/index.html');
const SOURCES = ['src', 'content', 'locales', 'public', 'astro.config.mjs', 'package-lock.json'];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), stat.mtimeMs);
}

const builtAt = fs.existsSync(BUILT) ? fs.statSync(BUILT).mtimeMs : 0;
if (builtAt === 0 || SOURCES.some((s) => newestMtime(s) > builtAt)) {
  console.log('Building the site (astro build and the search index)…');
  const res = spawnSync(process.execPath, ['scripts/build.ts'], { stdio: 'inherit' });
  if (res.status !== 0) process.exit(res.status ?? 1);
}
const { start } = await import('../server/main.ts');
await start();
