/**
 * Page-weight budgets asserted by tests/build (README "Budgets"). Bytes are uncompressed on disk,
 * and a page's JavaScript counts every module it loads (tests/support/page-assets.ts).
 * ISLAND_PAGES are the page types (first path segment after the locale) allowed to ship JavaScript.
 */
export const BUDGETS = {
  cssBytesPerPage: 24 * 1024,
  /**
   * The HTML, one stylesheet and the island's modules (counted with their imports). 13 since the
   * booking contract's fields became a module of their own (issue #18: the booking page loads
   * them, with zod's core, only at its details step), one more request on the other form pages.
   */
  requestsPerPage: 13,
  /** Lit + i18next (shared chunk) and a small island. */
  jsBytesPerPage: 80 * 1024,
  /**
   * The booking page on a cheap phone (issue #18): every module it loads with the page, gzip
   * (each file as a server sends it). Its form check (zod's core) and the feedback question load
   * when the person reaches those steps; the phone number's metadata stays on the server.
   */
  bookingPageJsGzip: 35 * 1024,
  /** Page types whose island validates with the shared contract: zod's core and the phone-number metadata come along (not on the booking page, see above). */
  jsBytesPerPageType: { book: 100 * 1024, courses: 240 * 1024, employers: 240 * 1024, partners: 240 * 1024 } as Record<
    string,
    number
  >,
} as const;

/** `queue` is the ticket page (per request); `kiosk` covers the kiosk and the display at a service point. */
export const ISLAND_PAGES: readonly string[] = [
  'walk-in',
  'finder',
  'search',
  'book',
  'workspace',
  'courses',
  'queue',
  'kiosk',
  'employers',
  'partners',
];
