/**
 * Request code reads Hono's context variables with `c.get('deps')`, never `c.var.deps`: `c.var`
 * is a getter that copies every variable into a new object on each read (hono/dist/context.js),
 * and the hot paths read several per request; it was about 4 % of a free-times answer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const files = (dir: string): string[] =>
  fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return files(rel);
    return rel.endsWith('.ts') ? [rel] : [];
  });
const VAR_READ = /\b\w+\.var\b(?!\s*\()|\}\s*=\s*\w+\.var\b/;

test('no server code reads c.var (it copies every variable on each read)', () => {
  const found = files('server').flatMap((file) =>
    fs
      .readFileSync(path.join(ROOT, file), 'utf8')
      .split('\n')
      .flatMap((line, i) => (VAR_READ.test(line) && !line.trim().startsWith('*') ? [`${file}:${i + 1}`] : [])),
  );
  expect(found).toEqual([]);
});

test('the check finds a read of c.var', () => {
  expect(VAR_READ.test('const { db } = c.var.deps;')).toBe(true);
  expect(VAR_READ.test('const { deps } = c.var;')).toBe(true);
  expect(VAR_READ.test("const { db } = c.get('deps');")).toBe(false);
});
