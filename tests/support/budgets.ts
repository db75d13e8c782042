/**
 * Page-weight budgets asserted by tests/build (README "Budgets"). Bytes are uncompressed on disk.
 * ISLAND_PAGES are the page types (first path segment after the locale) allowed to ship JavaScript.
 */
export const BUDGETS = {
  cssBytesPerPage: 24 * 1024,
  jsBytesPerPage: 100 * 1024,
} as const;

export const ISLAND_PAGES: readonly string[] = ['walk-in', 'finder', 'search'];
