/**
 * The OpenAPI document: valid by an independent validator (@readme/openapi-parser, OpenAPI 3.1),
 * listing every route the router has (found from the router, not by hand), with request bodies
 * generated from the very schemas the routes validate with.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { validate, compileErrors } from '@readme/openapi-parser';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { answersFitTheirSchemas, describeRoute } from '../../server/http/route-doc.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe(`OpenAPI (${engine})`, () => {
  test('the document at /api/openapi.json is valid OpenAPI 3.1', async () => {
    const doc = (await t.json('/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc));
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  test('every route of the router is in it, and nothing else', async () => {
    const doc = (await t.json('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`)),
    );
    const routed = new Set(
      t.app.routes
        .filter(
          (r) =>
            r.method !== 'ALL' &&
            (r.path.startsWith('/api/') || r.path === '/metrics') &&
            !['/api/openapi.json', '/api/docs'].includes(r.path),
        )
        .map(
          (r) => `${r.method} ${r.path.replace(/:(\w+)\{[^}]*\\\.csv\}/, '{table}.csv').replace(/:(\w+)/g, '{$1}')}`,
        ),
    );
    expect(
      [...routed].filter((r) => !documented.has(r)),
      'routes missing from the document',
    ).toEqual([]);
    expect(
      [...documented].filter((d) => !routed.has(d)),
      'documented but not routed',
    ).toEqual([]);
  });

  test('every operation has its success answer with a schema, and every JSON answer a described shape', async () => {
    const doc = (await t.json('/api/openapi.json')).body as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema?: any }> }> }>
      >;
    };
    const lacking: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
        const described = success.some(([, r]) =>
          Object.entries(r.content ?? {}).some(([type, c]) =>
            type === 'application/json'
              ? c.schema && (c.schema.$ref || c.schema.properties || c.schema.anyOf || c.schema.oneOf || c.schema.allOf)
              : c.schema?.type === 'string',
          ),
        );
        if (!described) lacking.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(lacking, 'operations without a described answer').toEqual([]);
    // The workspace's answers too: the console and a booking's details, as the routes send them.
    const console = doc.paths['/api/staff/queue']!.get!.responses['200']!.content!['application/json']!.schema;
    expect(console.required).toEqual(expect.arrayContaining(['servicePoints', 'desk', 'current', 'waiting']));
    const booking = doc.paths['/api/staff/bookings/{id}']!.get!.responses['200']!.content!['application/json']!.schema;
    expect(booking.properties.booking.required).toEqual(expect.arrayContaining(['reference', 'client_name']));
  });

  test("request bodies come from the routes' own schemas: the partner referral as partners must send it", async () => {
    const doc = (await t.json('/api/openapi.json')).body;
    const op = doc.paths['/api/partner/v1/referrals'].post;
    expect(op.security).toEqual([{ partnerKey: [] }]);
    const schema = op.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(
      expect.arrayContaining([
        'referrerName',
        'referrerEmail',
        'clientName',
        'clientLanguage',
        'interpreterNeeded',
        'reasons',
        'consentGiven',
        'consentVersion',
      ]),
    );
    expect(schema.properties.reasons.items.enum).toContain('assessment');
    expect(schema.additionalProperties).toBe(false);
  });

  test('the reference page for integrators is plain HTML that names each operation', async () => {
    const res = await t.app.request('/api/docs');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('POST /api/partner/v1/referrals');
    expect(html).toContain('<h4>Answer 201</h4>');
    expect(html).not.toMatch(/<script|style=/);
  });

  test('answers come with their schemas, and the API tests fail when an answer leaves its schema', async () => {
    const doc = (await t.json('/api/openapi.json')).body;
    const ticket = doc.paths['/api/queue/tickets/{token}'].get.responses['200'].content['application/json'].schema;
    expect(ticket.properties.ticket.required).toEqual(expect.arrayContaining(['code', 'status', 'callCount']));
    const slots = doc.paths['/api/bookings/slots'].get.responses['200'].content['application/json'].schema;
    expect(slots.required).toEqual(['days', 'earliest']);

    // The check every API test runs under (tests/support/app.ts), on a route that answers wrongly.
    const answer = z.object({ reference: z.string() });
    const app = new Hono()
      .use(answersFitTheirSchemas)
      .get('/right', describeRoute({ summary: 'x', tag: 'x', auth: 'public', response: answer }), (c) =>
        c.json({ reference: 'R-1' }),
      )
      .get('/wrong', describeRoute({ summary: 'x', tag: 'x', auth: 'public', response: answer }), (c) =>
        c.json({ ref: 1 }),
      );
    app.onError((err, c) => c.text(err.message, 500));
    expect((await app.request('/right')).status).toBe(200);
    const wrong = await app.request('/wrong');
    expect(wrong.status).toBe(500);
    expect(await wrong.text()).toContain('answered outside its schema');
  });
});
