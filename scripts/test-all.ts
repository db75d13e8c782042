/**
 * `npm test`: the whole suite, in the order that lets each step reuse the last one's work:
 * type check → format and lint → unit → build the site once → checks over the build → API on PGlite → API on
 * PostgreSQL (a throwaway cluster) → browser tests against the production server.
 * Prints each suite's time and test count, and ends with one "N passed, N failed" line.
 * With CI=true a missing PostgreSQL server fails the run instead of being skipped.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { findPostgresBin } from '../tests/support/postgres-cluster.ts';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
interface Step {
  name: string;
  cmd: string[];
  report?: string;
  kind?: 'vitest' | 'playwright';
}

const node = process.execPath;
// TEST_SHUFFLE=<seed> (CI's second pass) runs the Vitest suites in a shuffled order: tests that
// lean on each other's state fail there. The seed is printed, so a failure can be replayed.
const shuffleSeed = process.env.TEST_SHUFFLE;
if (shuffleSeed) console.log(`Vitest order shuffled with seed ${shuffleSeed} (replay: TEST_SHUFFLE=${shuffleSeed})`);
const shuffle = shuffleSeed ? ['--sequence.shuffle', `--sequence.seed=${Number(shuffleSeed) || 1}`] : [];
const vitest = (project: string): Step => ({
  name: project,
  cmd: [
    node,
    'node_modules/vitest/vitest.mjs',
    'run',
    '--project',
    project,
    ...shuffle,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=reports/${project}.json`,
  ],
  report: `reports/${project}.json`,
  kind: 'vitest',
});

const only = process.argv.slice(2);
const ci = process.env.CI === 'true' || process.env.CI === '1';
const pgBin = findPostgresBin();

const steps: Step[] = [
  { name: 'check', cmd: [node, 'node_modules/astro/bin/astro.mjs', 'check'] },
  { name: 'typecheck', cmd: [node, 'node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json'] },
  // Formatting and lint (biome.jsonc): `npm run format` fixes what it can.
  { name: 'lint', cmd: [node, 'node_modules/@biomejs/biome/bin/biome', 'check', '.'] },
  vitest('unit'),
  { name: 'build', cmd: [node, 'scripts/build.ts'] },
  vitest('site'),
  vitest('api-pglite'),
  vitest('api-postgres'),
  vitest('reliability-pglite'),
  vitest('reliability-postgres'),
  {
    name: 'e2e',
    cmd: [node, 'node_modules/@playwright/test/cli.js', 'test'],
    report: 'reports/playwright.json',
    kind: 'playwright',
  },
];

function counts(step: Step): Counts | undefined {
  if (!step.report || !fs.existsSync(step.report)) return undefined;
  const r = JSON.parse(fs.readFileSync(step.report, 'utf8'));
  if (step.kind === 'vitest')
    return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
  return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped };
}

fs.rmSync('reports', { recursive: true, force: true });
fs.mkdirSync('reports', { recursive: true });
const rows: { name: string; seconds: number; ok: boolean; counts?: Counts; note?: string }[] = [];
let failed = false;
for (const step of steps) {
  if (only.length && !only.includes(step.name)) continue;
  if (step.name.endsWith('-postgres') && !pgBin) {
    const note = 'PostgreSQL server binaries not found (Debian package "postgresql"): API suite NOT run on PostgreSQL';
    console.log(`\n== ${step.name}: ${note}`);
    rows.push({ name: step.name, seconds: 0, ok: !ci, note: ci ? `${note} (fails under CI=true)` : note });
    if (ci) failed = true;
    continue;
  }
  console.log(`\n== ${step.name}: ${step.cmd.slice(1).join(' ')}`);
  const started = Date.now();
  const res = spawnSync(step.cmd[0]!, step.cmd.slice(1), { stdio: 'inherit', env: process.env });
  const ok = res.status === 0;
  rows.push({ name: step.name, seconds: (Date.now() - started) / 1000, ok, counts: counts(step) });
  if (!ok) {
    failed = true;
    // Later steps depend on a good build; stop at the first failure of the build itself.
    if (step.name === 'build') break;
  }
}

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
console.log('\n== Summary');
console.log('suite         time     tests');
for (const r of rows) {
  const c = r.counts;
  if (c) {
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
  }
  const detail = c
    ? `${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`
    : (r.note ?? (r.ok ? 'ok' : 'FAILED'));
  console.log(`${r.name.padEnd(13)} ${r.seconds.toFixed(1).padStart(6)}s  ${r.ok ? '' : '✗ '}${detail}`);
}
const apiPg = rows.find((r) => r.name === 'api-pglite')?.counts;
const apiPost = rows.find((r) => r.name === 'api-postgres')?.counts;
if (apiPg || apiPost)
  console.log(
    `API tests by engine: PGlite ${apiPg?.passed ?? 0} passed, PostgreSQL ${apiPost ? `${apiPost.passed} passed` : 'not run'}`,
  );
const failedSteps = rows.filter((r) => !r.ok).length;
if (failedSteps && total.failed === 0) total.failed = failedSteps;
console.log(
  `tests: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`,
);
process.exit(failed ? 1 : 0);
