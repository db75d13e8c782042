/**
 * Security headers on every response. The CSP allows scripts and styles from our own origin only:
 * no inline script or style anywhere, which is why Astro is told never to inline (astro.config.mjs).
 */
import { secureHeaders } from 'hono/secure-headers';

export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  // 'wasm-unsafe-eval' lets the site search (Pagefind) compile its WebAssembly; it allows no
  // string evaluation and no inline script.
  scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  mediaSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export function securityHeaders(production: boolean) {
  return secureHeaders({
    contentSecurityPolicy: production ? { ...CSP_DIRECTIVES, upgradeInsecureRequests: [] } : CSP_DIRECTIVES,
    // HSTS only where TLS is certain (production behind the proxy); a year, as browsers' preload lists ask.
    strictTransportSecurity: production ? 'max-age=31536000; includeSubDomains' : false,
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    // Manage links carry a token in the path: never send it anywhere as a referrer.
    referrerPolicy: 'no-referrer',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    xXssProtection: '0',
  });
}

/** The same headers as plain pairs, for responses written outside Hono (Astro's node handler). */
export function securityHeaderPairs(production: boolean): [string, string][] {
  const csp = Object.entries(
    production ? { ...CSP_DIRECTIVES, upgradeInsecureRequests: [] as string[] } : CSP_DIRECTIVES,
  )
    .map(([k, v]) => [k.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`), ...v].join(' ').trim())
    .join('; ');
  const pairs: [string, string][] = [
    ['Content-Security-Policy', csp],
    ['X-Frame-Options', 'DENY'],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ];
  if (production) pairs.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']);
  return pairs;
}
