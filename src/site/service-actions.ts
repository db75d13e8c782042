/** What a service page offers to do next (only pages that exist; the booking and course issues add theirs). */
export const SERVICE_ACTIONS: Record<string, { page: string; label: string }[]> = {
  'society-orientation': [{ page: 'courses/?topic=orientation', label: 'nav.courses' }],
  'walk-in-guidance': [{ page: 'walk-in/', label: 'services.actionWalkIn' }],
  'digital-help': [{ page: 'walk-in/', label: 'services.actionWalkIn' }],
  assessment: [
    { page: 'book/', label: 'nav.book' },
    { page: 'walk-in/', label: 'services.actionWalkIn' },
  ],
};
