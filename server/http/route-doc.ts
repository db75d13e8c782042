/**
 * A route describes itself once, where it is defined: `describeRoute({...})` is the first handler
 * of every API route. It carries the summary, the request schemas (the shared zod/mini contracts)
 * and the answer's schema for server/http/openapi.ts, which walks the router and reads them; there is
 * no second list of routes. The handler reads its input through the same description
 * (`c.get('input').body()`), so the schema that is documented is the schema that validates. The
 * handler decides when to read it: an authorisation or a form check may come first.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { safeParse } from 'zod/mini';
import type { z } from 'zod';
import { parseWith, readJson } from './validate.ts';

type Schema = z.core.$ZodType;
type Out<S> = S extends Schema ? z.core.output<S> : never;

/** Who may call a route: drives the document's security requirement. */
export type RouteAuth = 'public' | 'staff' | 'partner' | 'metrics';

/**
 * What a route answers on success: a JSON answer has its schema (`response`), which the OpenAPI
 * document publishes and `answersFitTheirSchemas` checks in every API test; an answer that is not
 * JSON (CSV, a calendar, an event stream, SVG) names its media type instead. One of the two is
 * required, so a route without a described answer does not compile.
 */
export type RouteAnswer = { response: Schema; produces?: undefined } | { produces: string; response?: undefined };

interface RouteDocFields<B extends Schema | undefined, Q extends Schema | undefined> {
  summary: string;
  tag: string;
  auth: RouteAuth;
  /** The JSON body (a form post with the same fields is accepted where the route says so). */
  body?: B;
  query?: Q;
  status?: 200 | 201 | 202;
}

export type RouteDoc<
  B extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
> = RouteDocFields<B, Q> & RouteAnswer;

/** What the handler reads, validated by the described schemas. */
export interface RouteInput<B, Q> {
  /** Reads the JSON body and validates it (4xx with field messages when it does not fit). */
  body(): Promise<Out<B>>;
  /** Validates an already read value (a form post's fields) with the body's schema. */
  parse(value: unknown): Out<B>;
  query(): Out<Q>;
}

export const ROUTE_DOC: unique symbol = Symbol('route doc');

export type DescribedRoute<B, Q> = MiddlewareHandler<{ Variables: { input: RouteInput<B, Q> } }> & {
  [ROUTE_DOC]: RouteDoc;
};

export function describeRoute<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
  doc: RouteDoc<B, Q>,
): DescribedRoute<B, Q> {
  const missing = (what: string) => () => {
    throw new Error(`${doc.summary}: no ${what} schema described`);
  };
  const middleware: MiddlewareHandler<{ Variables: { input: RouteInput<B, Q> } }> = async (c, next) => {
    const { body, query } = doc;
    c.set('input', {
      body: body ? async () => parseWith(body, await readJson(c as Context)) : missing('body'),
      parse: body ? (value) => parseWith(body, value) : missing('body'),
      query: query ? () => parseWith(query, c.req.query()) : missing('query'),
    } as RouteInput<B, Q>);
    await next();
  };
  return Object.assign(middleware, { [ROUTE_DOC]: doc as RouteDoc });
}

/** The routes of one file share a tag and who may call them. */
export const routeDocs =
  (defaults: Pick<RouteDoc, 'tag' | 'auth'>) =>
  <B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
    doc: Omit<RouteDocFields<B, Q>, 'tag' | 'auth'> & Partial<Pick<RouteDoc, 'tag' | 'auth'>> & RouteAnswer,
  ) =>
    describeRoute<B, Q>({ ...defaults, ...doc } as RouteDoc<B, Q>);

export function routeDocOf(handler: unknown): RouteDoc | undefined {
  return typeof handler === 'function' ? (handler as { [ROUTE_DOC]?: RouteDoc })[ROUTE_DOC] : undefined;
}

/**
 * For tests: after a described route answers with JSON, the answer must fit the schema its
 * description names, so the published document cannot drift from what the code sends.
 */
export const answersFitTheirSchemas: MiddlewareHandler = async (c, next) => {
  await next();
  const type = c.res.headers.get('content-type');
  if (!c.res.ok || !type?.startsWith('application/json') || c.res.headers.has('content-encoding')) return;
  const doc = matchedRoutes(c)
    .map((r) => routeDocOf(r.handler))
    .find((d) => d);
  if (!doc?.response) return;
  const result = safeParse(doc.response, await c.res.clone().json());
  if (!result.success) {
    throw new Error(
      `${c.req.method} ${c.req.path} answered outside its schema: ${JSON.stringify(result.error.issues)}`,
    );
  }
};
