/**
 * Builds the whole HTTP app: middleware, the API sub-apps, the built site and one error handler.
 * No port is opened here (server/main.ts does that), so tests call `app.request(...)` directly.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv, Deps } from './context.ts';
import { errorResponse, isCodedError, RequestError } from './http/errors.ts';
import { DomainError } from './domain/errors.ts';
import { redactPath } from './http/log.ts';
import { compressAnswers, everyAnswer } from './http/answers.ts';
import { boundedBodies } from './http/body-limits.ts';
import { noStore } from './http/staff-auth.ts';
import { staticSite, type StaticSite } from './http/static.ts';
import { health, ready } from './routes/health.ts';
import { createMetrics } from './http/metrics.ts';
import { openApiDocument, openApiHtml } from './http/openapi.ts';
import { answersFitTheirSchemas, describeRoute } from './http/route-doc.ts';
import { walkInRoutes } from './routes/walk-in.ts';
import { bookingRoutes } from './routes/bookings.ts';
import { staffRoutes } from './routes/staff.ts';
import { courseRoutes } from './routes/courses.ts';
import { queueRoutes } from './routes/queue.ts';
import { partnerApiRoutes, requestRoutes } from './routes/requests.ts';

export interface AppOptions {
  /** Directory of the built site's static files (dist/client); omitted in API-only tests. */
  siteDir?: string;
  /** Renders per-request Astro pages; returns undefined when no page matches. */
  renderPage?: (c: import('hono').Context<AppEnv>) => Promise<Response | undefined>;
  /** Tests: every JSON answer of a route that names its answer's schema must fit it (a 500 if not). */
  checkAnswers?: boolean;
}

export function createApp(deps: Deps, options: AppOptions = {}) {
  const app = new Hono<AppEnv>();
  const site: StaticSite | undefined = options.siteDir ? staticSite(options.siteDir) : undefined;

  app.use(everyAnswer(deps.config.production));
  app.use(async (c, next) => {
    c.set('deps', deps);
    if (!deps.log.enabled('info')) return next();
    const started = performance.now();
    await next();
    deps.log.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: redactPath(c.req.path),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });
  if (options.checkAnswers) app.use(answersFitTheirSchemas);
  const metrics = createMetrics(deps.db, {
    token: deps.config.METRICS_TOKEN,
    production: deps.config.production,
    now: deps.now,
    smsDailyCap: deps.config.SMS_DAILY_CAP,
  });
  app.use(metrics.middleware);
  app.get(
    '/metrics',
    describeRoute({
      summary: 'Prometheus metrics (bearer METRICS_TOKEN, or this machine only)',
      tag: 'Operations',
      auth: 'metrics',
      produces: 'text/plain',
    }),
    metrics.handler,
  );
  app.use(compressAnswers());

  const api = new Hono<AppEnv>();
  api.use(boundedBodies);
  api.use('/staff/*', noStore);
  api.route('/health', health);
  api.route('/ready', ready);
  api.route('/walk-in', walkInRoutes);
  api.route('/bookings', bookingRoutes);
  api.route('/staff', staffRoutes);
  api.route('/courses', courseRoutes);
  api.route('/queue', queueRoutes);
  api.route('/requests', requestRoutes);
  api.route('/partner/v1', partnerApiRoutes);
  // Built on first request, not at start-up: most processes (and tests) never ask for it.
  let openApi: ReturnType<typeof openApiDocument> | undefined;
  const document = () => (openApi ??= openApiDocument(app.routes, deps.config.PUBLIC_BASE_URL.replace(/\/$/, '')));
  api.get('/openapi.json', (c) => c.json(document()));
  api.get('/docs', (c) => c.html(openApiHtml(document())));
  api.all('*', () => {
    throw new DomainError('not_found');
  });
  app.route('/api', api);

  app.get('*', async (c) => {
    const fromDisk = await site?.serve(c);
    if (fromDisk) return fromDisk;
    const rendered = await options.renderPage?.(c);
    if (rendered) return rendered;
    return site ? site.notFound(c) : c.text('Not found', 404);
  });

  app.onError((err, c) => {
    if (isCodedError(err)) {
      const res = errorResponse(c, err);
      // Too large: do not read the rest of the upload (Node closes the socket after this answer).
      if (err.code === 'payload_too_large') res.headers.set('Connection', 'close');
      return res;
    }
    if (err instanceof HTTPException && err.status < 500) {
      return errorResponse(
        c,
        err.status === 413 ? new RequestError('payload_too_large') : new DomainError('validation_failed'),
        err.status,
      );
    }
    // Log what failed, never the request's data.
    deps.log.error('unhandled error', {
      requestId: c.get('requestId'),
      path: redactPath(c.req.path),
      error: err.message,
      stack: err.stack,
    });
    return errorResponse(c, new RequestError('internal'));
  });
  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? errorResponse(c, new DomainError('not_found'))
      : site
        ? site.notFound(c)
        : c.text('Not found', 404),
  );

  return app;
}

export type App = ReturnType<typeof createApp>;
