/**
 * The OpenAPI 3.1 document of the API, generated from the router itself: every API route's first
 * handler is its `describeRoute` (server/http/route-doc.ts), whose request and answer schemas are
 * the shared zod/mini contracts, turned into JSON Schema by zod's own toJSONSchema. Served at
 * /api/openapi.json with a plain reference page at /api/docs for partners' integrators.
 * tests/api/openapi.test.ts checks that every route is described and validates the document with
 * an independent OpenAPI validator.
 */
import type { RouterRoute } from 'hono/types';
import { toJSONSchema } from 'zod';
import type { z } from 'zod';
import { routeDocOf, type RouteDoc } from './route-doc.ts';

type Schema = z.core.$ZodType;

type Operation = RouteDoc & {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
};

/** `/reports/:table{[A-Za-z]+\\.csv}` → `/reports/{table}.csv`; `/bookings/:id` → `/bookings/{id}`. */
export function openApiPath(honoPath: string): string {
  return honoPath
    .replace(/:(\w+)\{[^}]*?\\\.(\w+)\}/g, '{$1}.$2')
    .replace(/:(\w+)\{[^}]*\}/g, '{$1}')
    .replace(/:(\w+)/g, '{$1}');
}

/** The described routes of the router, in the order they were defined. */
export function describedOperations(routes: readonly RouterRoute[]): Operation[] {
  const seen = new Set<string>();
  const ops: Operation[] = [];
  for (const r of routes) {
    const doc = routeDocOf(r.handler);
    if (!doc) continue;
    const method = r.method.toLowerCase() as Operation['method'];
    const path = openApiPath(r.path);
    if (seen.has(`${method} ${path}`)) continue;
    seen.add(`${method} ${path}`);
    ops.push({ ...doc, method, path });
  }
  return ops;
}

const json = (schema: Schema, io: 'input' | 'output' = 'input') =>
  toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;

const ERROR = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'lang', 'requestId'],
      properties: {
        code: { type: 'string', description: 'Stable, for programs' },
        message: {
          type: 'string',
          description: "For people, in the requester's language (X-Locale, lang query, Accept-Language)",
        },
        lang: { type: 'string' },
        requestId: { type: 'string' },
        fields: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            properties: { code: { type: 'string' }, message: { type: 'string' } },
          },
        },
        details: { type: 'object' },
      },
    },
  },
};

function parameters(o: Operation) {
  const path = [...o.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1]!,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (!o.query) return path;
  const q = json(o.query) as { properties?: Record<string, unknown>; required?: string[] };
  return [
    ...path,
    ...Object.entries(q.properties ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: (q.required ?? []).includes(name),
      schema,
    })),
  ];
}

export function openApiDocument(routes: readonly RouterRoute[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const o of describedOperations(routes)) {
    const ok = o.response
      ? { content: { 'application/json': { schema: json(o.response, 'output') } } }
      : { content: { [o.produces]: { schema: { type: 'string' } } } };
    const security = {
      public: [],
      staff: [{ session: [] }],
      partner: [{ partnerKey: [] }],
      metrics: [{ metricsToken: [] }],
    };
    paths[o.path] ??= {};
    paths[o.path]![o.method] = {
      operationId: `${o.method}_${o.path
        .replace(/^\/api\//, '')
        .replace(/[{}]/g, '')
        .replace(/[^A-Za-z0-9]+/g, '_')}`,
      tags: [o.tag],
      summary: o.summary,
      security: security[o.auth],
      parameters: parameters(o),
      ...(o.body ? { requestBody: { required: true, content: { 'application/json': { schema: json(o.body) } } } } : {}),
      responses: {
        [String(o.status ?? 200)]: { description: 'OK', ...ok },
        '4XX': {
          description: 'A problem with the request, in the one error format',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'International House Lahti portal API',
      version: '1',
      description:
        "Partners' systems use `POST /api/partner/v1/referrals` with `Authorization: Bearer ihlp_…` (a key an admin makes). Everything else serves the portal's own pages. Errors always come in one format, with field-level messages in the requester's language.",
    },
    servers: [{ url: serverUrl }],
    components: {
      schemas: { Error: ERROR },
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'ihl_session',
          description: 'Staff session (`__Host-ihl_session` in production); changes also need the X-CSRF-Token header',
        },
        partnerKey: { type: 'http', scheme: 'bearer', description: "A partner system's API key" },
        metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN' },
      },
    },
    paths,
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A plain reference page (no script, no inline style: the CSP holds) for integrators. */
export function openApiHtml(doc: ReturnType<typeof openApiDocument>): string {
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const o = raw as {
        tags: string[];
        summary: string;
        requestBody?: { content: { 'application/json': { schema: unknown } } };
        parameters: { name: string; in: string; required: boolean }[];
        responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
      };
      const params = o.parameters.length
        ? `<p>Parameters: ${o.parameters.map((p) => `<code>${esc(p.name)}</code> (${p.in}${p.required ? ', required' : ''})`).join(', ')}</p>`
        : '';
      // One disclosure per operation: two summaries in a row would be touch targets too close together.
      const [status, success] = Object.entries(o.responses)[0]!;
      const answer = success.content?.['application/json']?.schema;
      const schema = (title: string, value: unknown) =>
        `<h4>${esc(title)}</h4><pre>${esc(JSON.stringify(value, null, 2))}</pre>`;
      const parts = [
        o.requestBody ? schema('Request body', o.requestBody.content['application/json'].schema) : '',
        answer ? schema(`Answer ${status}`, answer) : '',
      ].join('');
      const schemas = parts ? `<details><summary>JSON Schemas</summary>${parts}</details>` : '';
      const media = answer
        ? ''
        : `<p>Answer ${status}: <code>${esc(Object.keys(success.content ?? {}).join(', '))}</code></p>`;
      const list = byTag.get(o.tags[0]!) ?? [];
      list.push(
        `<article><h3><code>${method.toUpperCase()} ${esc(path)}</code></h3><p>${esc(o.summary)}</p>${params}${media}${schemas}</article>`,
      );
      byTag.set(o.tags[0]!, list);
    }
  }
  const sections = [...byTag]
    .map(([tag, items]) => `<section><h2>${esc(tag)}</h2>${items.join('')}</section>`)
    .join('');
  return `<!doctype html><html lang="en" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(doc.info.title)}</title></head><body><main><h1>${esc(doc.info.title)}</h1><p>${esc(doc.info.description)}</p><p>The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>${sections}</main></body></html>`;
}
