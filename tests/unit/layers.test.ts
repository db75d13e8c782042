/**
 * The layers, checked: which folder may import which, and who may run SQL. The same rules are
 * written for people in README.md (Architecture → Layers); change both together.
 *
 * Reads the import statements (static, dynamic, `export … from`, `import('…')` types) of every
 * .ts/.mjs/.astro file under server/ and src/ with TypeScript's parser; tests/ and scripts/ are
 * tooling and may reach anything.
 */
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCANNED = ['server', 'src'];

/** Where the browser runs our code: the islands and what they share with the server. */
const BROWSER = ['src/islands/', 'src/contracts/', 'src/domain/', 'src/i18n/'];

interface Rule {
  name: string;
  why: string;
  /** Paths (prefixes) of the importing files the rule is about; `except` are left out of them. */
  from: string[];
  except?: string[];
  /** Import targets refused: path prefixes, or `node:` for Node's own modules. */
  forbid: string[];
  /** Targets allowed although `forbid` matches them. */
  allow?: string[];
  /** Also every module the `from` files reach through their imports (what a browser really loads). */
  transitive?: boolean;
}

const RULES: Rule[] = [
  {
    name: 'domain is pure',
    why: 'rules without HTTP, database, services or workers',
    from: ['server/domain/'],
    forbid: ['server/'],
    allow: ['server/domain/'],
  },
  {
    name: 'services below HTTP',
    why: 'use cases throw DomainError, never answer HTTP',
    from: ['server/services/'],
    forbid: ['server/http/', 'server/routes/', 'server/workers/'],
  },
  {
    name: 'db below services',
    why: 'the engine, migrations and seed use no use case',
    from: ['server/db/'],
    forbid: ['server/services/', 'server/http/', 'server/routes/', 'server/workers/'],
  },
  {
    name: 'workers without HTTP',
    why: 'jobs log through server/log.ts and call services',
    from: ['server/workers/'],
    forbid: ['server/http/', 'server/routes/'],
  },
  {
    name: 'HTTP stays at the edge',
    why: 'only routes and the app that composes them speak HTTP',
    from: SCANNED.map((d) => `${d}/`),
    except: ['server/http/', 'server/routes/', 'server/app.ts', 'server/main.ts'],
    forbid: ['server/http/'],
  },
  {
    name: 'routes are mounted by the app',
    why: 'one place composes the API',
    from: SCANNED.map((d) => `${d}/`),
    except: ['server/routes/', 'server/app.ts'],
    forbid: ['server/routes/'],
  },
  {
    name: 'workers are started by main',
    why: 'one place starts the jobs',
    from: SCANNED.map((d) => `${d}/`),
    except: ['server/workers/', 'server/main.ts'],
    forbid: ['server/workers/'],
  },
  {
    name: 'the site does not reach into the server',
    why: 'the server may import src/, never the other way',
    from: ['src/'],
    forbid: ['server/'],
  },
  {
    name: 'browser code has no Node',
    why: 'it runs in browsers too',
    from: BROWSER,
    forbid: ['node:', 'server/'],
    transitive: true,
  },
];

/** Only these run SQL (`.query(` / `.exec(` / `.transaction(` on a database). */
const SQL_ALLOWED = ['server/services/', 'server/db/'];

// ---------------------------------------------------------------------------------------------
// Reading the sources

interface Import {
  target: string;
  line: number;
}
interface SqlCall {
  call: string;
  line: number;
}
interface Module {
  file: string;
  imports: Import[];
  sql: SqlCall[];
}

const BUILTINS = new Set(builtinModules);
const DB_NAMES = /^(db|tx|q|client|pool|pg|pglite|conn|connection|database|trx)$|Db$/;
const SQL_TEXT =
  /^\s*(select|insert|update|delete|with|create|alter|drop|truncate|lock|begin|commit|analyze|notify|listen|set)\b/i;

function listFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return listFiles(rel);
    return /\.(ts|mts|mjs|astro)$/.test(e.name) ? [rel] : [];
  });
}

/** The TypeScript inside a file: all of it, or an .astro file's frontmatter and scripts (blanked elsewhere, so lines keep their numbers). */
function codeOf(file: string, text: string): string {
  if (!file.endsWith('.astro')) return text;
  const keep = new Array<boolean>(text.length).fill(false);
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (front) keep.fill(true, 3, 3 + front[1]!.length + 1);
  for (const m of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g))
    keep.fill(true, m.index + m[0].indexOf('>') + 1, m.index + m[0].length - '</script>'.length);
  return [...text].map((ch, i) => (keep[i] || ch === '\n' ? ch : ' ')).join('');
}

/** A specifier as a repository path (relative imports) or as written (packages, `node:` modules). */
function resolve(from: string, spec: string): string {
  if (spec.startsWith('.')) return path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  return BUILTINS.has(spec) && !spec.startsWith('node:') ? `node:${spec}` : spec;
}

const lastName = (e: ts.Expression): string | undefined =>
  ts.isIdentifier(e)
    ? e.text
    : ts.isPropertyAccessExpression(e)
      ? e.name.text
      : ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e)
        ? lastName(e.expression)
        : undefined;

function readModule(file: string, text: string): Module {
  const source = ts.createSourceFile(file, codeOf(file, text), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const imports: Import[] = [];
  const sql: SqlCall[] = [];
  const line = (n: ts.Node) => source.getLineAndCharacterOfPosition(n.getStart()).line + 1;
  const add = (spec: ts.Node | undefined, at: ts.Node) => {
    if (spec && ts.isStringLiteralLike(spec)) imports.push({ target: resolve(file, spec.text), line: line(at) });
  };
  const visit = (n: ts.Node) => {
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) add(n.moduleSpecifier, n);
    else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument)) add(n.argument.literal, n);
    else if (ts.isCallExpression(n)) {
      if (n.expression.kind === ts.SyntaxKind.ImportKeyword) add(n.arguments[0], n);
      else if (
        ts.isPropertyAccessExpression(n.expression) &&
        ['query', 'exec', 'transaction'].includes(n.expression.name.text)
      ) {
        const receiver = lastName(n.expression.expression);
        const first = n.arguments[0];
        const sqlText =
          first &&
          (ts.isStringLiteralLike(first) ? first.text : ts.isTemplateExpression(first) ? first.head.text : undefined);
        if ((receiver && DB_NAMES.test(receiver)) || (sqlText !== undefined && SQL_TEXT.test(sqlText)))
          sql.push({ call: n.expression.getText(source), line: line(n) });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return { file, imports, sql };
}

// ---------------------------------------------------------------------------------------------
// Checking

const under = (p: string, prefixes: string[] | undefined) => !!prefixes?.some((x) => p === x || p.startsWith(x));

/** The files a rule is about: its `from`, and with `transitive` everything they import of ours. */
function subjects(rule: Rule, modules: Map<string, Module>): Set<string> {
  const start = [...modules.keys()].filter((f) => under(f, rule.from) && !under(f, rule.except));
  const seen = new Set(start);
  for (const f of rule.transitive ? start : []) {
    for (const todo = [f]; todo.length; ) {
      for (const i of modules.get(todo.pop()!)?.imports ?? []) {
        if (modules.has(i.target) && !seen.has(i.target)) {
          seen.add(i.target);
          todo.push(i.target);
        }
      }
    }
  }
  return seen;
}

function importViolations(modules: Map<string, Module>, rules: Rule[] = RULES): string[] {
  return rules.flatMap((rule) =>
    [...subjects(rule, modules)].flatMap((file) =>
      modules
        .get(file)!
        .imports.filter((i) => under(i.target, rule.forbid) && !under(i.target, rule.allow))
        .map((i) => `${file}:${i.line} imports ${i.target}: "${rule.name}" (${rule.why})`),
    ),
  );
}

function sqlViolations(modules: Map<string, Module>): string[] {
  return [...modules.values()]
    .filter((m) => !under(m.file, SQL_ALLOWED))
    .flatMap((m) => m.sql.map((s) => `${m.file}:${s.line} runs SQL (${s.call}): only ${SQL_ALLOWED.join(' and ')} do`));
}

const project = () =>
  new Map(
    SCANNED.flatMap(listFiles).map((f) => [f, readModule(f, fs.readFileSync(path.join(ROOT, f), 'utf8'))] as const),
  );

describe('layers', () => {
  const modules = project();

  test('reads the whole project', () => {
    expect(modules.size).toBeGreaterThan(150);
    expect(modules.get('server/app.ts')!.imports.map((i) => i.target)).toContain('server/http/errors.ts');
  });

  test('every import goes in an allowed direction', () => {
    expect(importViolations(modules)).toEqual([]);
  });

  test('only services and db run SQL', () => {
    expect(sqlViolations(modules)).toEqual([]);
  });

  // The checker itself: each kind of violation is caught.
  test('a violation of each kind is found', () => {
    const fake = new Map(
      [
        ['server/domain/a.ts', `import { x } from '../db/client.ts';`],
        ['server/services/b.ts', `import type { ErrorCode } from '../http/errors.ts';`],
        ['server/db/seed.ts', `export { hashPassword } from '../services/auth.ts';`],
        ['server/workers/c.ts', `type L = import('../http/log.ts').Logger;`],
        ['server/messages/d.ts', `const m = await import('../http/errors.ts');`],
        ['src/domain/e.ts', `import fs from 'fs';`],
        ['src/islands/f.ts', `import { g } from '../site/g.ts';`],
        ['src/site/g.ts', `import path from 'node:path';`],
        ['src/pages/h.astro', `---\nimport { start } from '../../server/main.ts';\n---\n<p>hi</p>`],
        [
          'server/routes/i.ts',
          `await c.var.deps.db.query('select 1'); await tx.transaction(f); c.req.query('x'); /a/.exec('a');`,
        ],
        ['server/http/j.ts', `await anything.query(\`update t set a = 1\`);`],
      ].map(([f, text]) => [f!, readModule(f!, text!)] as const),
    );
    const found = importViolations(fake).map((v) => v.split(' ')[0]);
    expect(found).toEqual(
      expect.arrayContaining([
        'server/domain/a.ts:1',
        'server/services/b.ts:1',
        'server/db/seed.ts:1',
        'server/workers/c.ts:1',
        'server/messages/d.ts:1',
        'src/domain/e.ts:1',
        'src/site/g.ts:1',
        'src/pages/h.astro:2',
      ]),
    );
    expect(sqlViolations(fake).map((v) => v.split(' ')[0])).toEqual([
      'server/routes/i.ts:1',
      'server/routes/i.ts:1',
      'server/http/j.ts:1',
    ]);
  });
});
