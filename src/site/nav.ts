/** The main navigation: only pages that exist (the link check catches the others). */
export const NAV_ITEMS: readonly { page: string; label: string }[] = [
  { page: '', label: 'nav.home' },
  { page: 'services/', label: 'nav.services' },
  { page: 'first-steps/', label: 'nav.firstSteps' },
  { page: 'walk-in/', label: 'nav.walkIn' },
  { page: 'book/', label: 'nav.book' },
  { page: 'courses/', label: 'nav.courses' },
  { page: 'employers/', label: 'nav.employers' },
  { page: 'partners/', label: 'nav.partners' },
  { page: 'search/', label: 'nav.search' },
];
