/**
 * Serves the built Astro site from dist/client. Hashed assets (/_astro/*) are immutable for a year;
 * HTML is revalidated on every visit so a new build shows at once. Unknown paths under /{locale}/
 * get that locale's 404 page with status 404; others get the root 404 (all languages).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Context } from 'hono';
import { getMimeType } from 'hono/utils/mime';
import { isLocale } from '../../src/i18n/locales.ts';
import { localPath } from './paths.ts';

export interface StaticSite {
  /** Returns a response for the path, or undefined when no file matches. */
  serve(c: Context): Promise<Response | undefined>;
  notFound(c: Context): Promise<Response>;
}

async function readIfFile(file: string): Promise<Buffer | undefined> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return undefined;
    return await fs.readFile(file);
  } catch {
    return undefined;
  }
}

/** A path of plain segments: no empty ones (`//`), no dot segments, no encoded slashes or backslashes. */
const canonical = (urlPath: string) =>
  urlPath.split('/').every((s, i) => (i === 0 ? s === '' : s !== '' && s !== '.' && s !== '..')) &&
  !/%2f|%5c|\\/i.test(urlPath);

export function staticSite(root: string): StaticSite {
  const rootAbs = path.resolve(root);
  const resolveInside = (urlPath: string): string | undefined => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0')) return undefined;
    const file = path.resolve(rootAbs, `.${path.posix.normalize(`/${decoded}`)}`);
    return file === rootAbs || file.startsWith(rootAbs + path.sep) ? file : undefined;
  };

  const respond = (body: Buffer, file: string, urlPath: string, status = 200) => {
    const type = getMimeType(file) ?? 'application/octet-stream';
    const headers: Record<string, string> = {
      'Content-Type':
        type.startsWith('text/') || type.includes('xml') || type.includes('json')
          ? `${type.split(';')[0]}; charset=utf-8`
          : type,
      'Cache-Control': urlPath.startsWith('/_astro/')
        ? 'public, max-age=31536000, immutable'
        : 'public, max-age=0, must-revalidate',
    };
    return new Response(new Uint8Array(body), { status, headers });
  };

  return {
    async serve(c) {
      const urlPath = c.req.path;
      const file = resolveInside(urlPath);
      if (!file) return undefined;
      if (urlPath.endsWith('/')) {
        const body = await readIfFile(path.join(file, 'index.html'));
        return body ? respond(body, 'index.html', urlPath) : undefined;
      }
      const body = await readIfFile(file);
      if (body) return respond(body, file, urlPath);
      // A directory page asked for without its trailing slash: send the canonical address, on
      // this origin. Only for a path already in its plain form: `//evil.example/x%2f..%2ffi`
      // reaches the directory fi/ too, and its slashes would make the redirect leave the site.
      if (canonical(urlPath) && (await readIfFile(path.join(file, 'index.html')))) {
        const url = new URL(c.req.url);
        return c.redirect(localPath(`${url.pathname}/${url.search}`), 301);
      }
      return undefined;
    },
    async notFound(c) {
      const first = c.req.path.split('/')[1];
      const candidates = isLocale(first)
        ? [path.join(rootAbs, first, '404', 'index.html'), path.join(rootAbs, '404.html')]
        : [path.join(rootAbs, '404.html')];
      for (const file of candidates) {
        const body = await readIfFile(file);
        if (body) {
          const res = respond(body, 'index.html', c.req.path, 404);
          res.headers.set('Cache-Control', 'no-store');
          return res;
        }
      }
      return c.text('Not found', 404);
    },
  };
}
