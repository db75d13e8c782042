/**
 * Page-weight budgets asserted by tests/build (README "Budgets"). Bytes are uncompressed on disk,
 * and a page's JavaScript counts every module it loads (tests/support/page-assets.ts).
 * ISLAND_PAGES are the page types (first path segment after the locale) allowed to ship JavaScript.
 */
export const BUDGETS = {
  cssBytesPerPage: 24 * 1024,
  /** The HTML, one stylesheet and the island's modules (counted with their imports). */
  requestsPerPage: 12,
  /** Lit + i18next (shared chunk) and a small island. */
  jsBytesPerPage: 80 * 1024,
  /** Page types whose island validates with the shared contract: zod's core and the phone-number metadata come along. */
  jsBytesPerPageType: { book: 240 * 1024, courses: 240 * 1024, employers: 240 * 1024, partners: 240 * 1024 } as Record<
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
