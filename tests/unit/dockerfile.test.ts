/**
 * Docker cannot run on these machines, so the image is checked here instead: a linter from the
 * npm registry (dockerfilelint) finds nothing, and the project's own rules hold: Node 24, the
 * final stage runs as a non-root user and gets its node_modules from the production-only stage,
 * and everything the server reads at run time is copied in.
 */
import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { run as lint } from 'dockerfilelint';

const text = fs.readFileSync('Dockerfile', 'utf8');
const stages = text
  .split(/^FROM /m)
  .slice(1)
  .map((s) => `FROM ${s}`);
const final = stages.at(-1)!;

describe('Dockerfile', () => {
  test('dockerfilelint finds nothing', () => {
    expect(lint('.', text).map((i) => `${i.line}: ${i.title}`)).toEqual([]);
  });

  test('every stage is Node 24; the final stage runs as a non-root user', () => {
    for (const stage of stages) expect(stage).toMatch(/^FROM node:24[-\w.]*( AS \w+)?\n/);
    const users = [...final.matchAll(/^USER (\S+)/gm)].map((m) => m[1]);
    expect(users.at(-1)).toBeDefined();
    expect(['root', '0']).not.toContain(users.at(-1));
    // USER comes before CMD, so the process itself is unprivileged.
    expect(final.indexOf('USER ')).toBeLessThan(final.indexOf('CMD '));
  });

  test('the final stage has production dependencies only', () => {
    const deps = stages.find((s) => /AS deps\n/.test(s))!;
    expect(deps).toMatch(/npm ci --omit=dev/);
    expect(final).toMatch(/COPY --from=deps \/app\/node_modules/);
    expect(final).not.toMatch(/COPY --from=build \/app\/node_modules/);
    expect(final).not.toMatch(/npm (ci|install)(?!.*--omit=dev)/);
  });

  test('the final stage holds what the server reads at run time', () => {
    for (const dir of ['server', 'src', 'content', 'locales', 'dist'])
      expect(final, dir).toMatch(new RegExp(`COPY (--from=build /app/)?${dir} `));
  });
});
