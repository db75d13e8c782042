/**
 * Security headers on every response. The CSP allows scripts and styles from our own origin only:
 * no inline script or style anywhere, which is why Astro is told never to inline (astro.config.mjs).
 */
const CSP_DIRECTIVES = {
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

/**
 * The security headers every answer carries (names in lower case): the API's and the site's
 * through Hono (http/answers.ts), and Astro's pages, which its node handler writes itself.
 * The values are those of hono/secure-headers' defaults with our CSP; kept as one plain object so
 * that an answer can carry them without a WHATWG Headers object (README "Performance").
 */
export function securityHeaderValues(production: boolean): Readonly<Record<string, string>> {
  const directives = production ? { ...CSP_DIRECTIVES, upgradeInsecureRequests: [] as string[] } : CSP_DIRECTIVES;
  const csp = Object.entries(directives)
    .map(([k, v]) => [k.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`), ...v].join(' ').trim())
    .join('; ');
  return Object.freeze({
    'content-security-policy': csp,
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    // Manage links carry a token in the path: never send it anywhere as a referrer.
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'DENY',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
    // HSTS only where TLS is certain (production behind the proxy); a year, as browsers' preload lists ask.
    ...(production ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  });
}
