/** The main navigation: only pages that exist (the link check would catch the others). */
export const NAV_ITEMS: readonly { page: string; label: string }[] = [
  { page: '', label: 'nav.home' },
];
