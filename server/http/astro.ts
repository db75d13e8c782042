/**
 * Per-request Astro pages (`prerender = false`), built by @astrojs/node in middleware mode, run
 * inside this same process. The adapter's handler writes to Node's response itself, so our
 * security headers are set on that response first, and Hono is told the response is already sent.
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import type { Context } from 'hono';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { AppEnv, Deps } from '../context.ts';
import { portalLocals } from './portal-locals.ts';
import { securityHeaderValues } from './security.ts';

type NodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (err?: unknown) => void,
  locals?: object,
) => Promise<void>;

export async function astroPageRenderer(entry: string, production: boolean, deps: Deps) {
  if (!fs.existsSync(entry)) return undefined;
  const mod = (await import(pathToFileURL(entry).href)) as { handler?: NodeHandler };
  const handler = mod.handler;
  if (!handler) return undefined;
  const headers = Object.entries(securityHeaderValues(production));
  return async (c: Context<AppEnv>): Promise<Response | undefined> => {
    const env = c.env as { incoming?: IncomingMessage; outgoing?: ServerResponse } | undefined;
    if (!env?.incoming || !env.outgoing) return undefined; // app.request() in tests: no Node objects
    const { incoming, outgoing } = env;
    let matched = true;
    for (const [k, v] of headers) outgoing.setHeader(k, v);
    outgoing.setHeader('Cache-Control', 'no-store');
    await handler(
      incoming,
      outgoing,
      () => {
        matched = false;
      },
      { portal: portalLocals(deps) },
    );
    if (!matched) {
      for (const [k] of headers) outgoing.removeHeader(k);
      outgoing.removeHeader('Cache-Control');
      return undefined;
    }
    return RESPONSE_ALREADY_SENT as unknown as Response;
  };
}
