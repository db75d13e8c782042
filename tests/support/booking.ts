/**
 * The person a test books an assessment for (Arabic, in person, phone and email), as the public
 * booking form sends it; `over` changes any field. Add the `slotId` of a free time to post it.
 */
export const bookingBody = (over: Record<string, unknown> = {}) => ({
  serviceLanguage: 'ar',
  mode: 'in_person',
  name: 'Amina Testi',
  phone: '040 123 4567',
  email: 'amina@example.com',
  contactLanguage: 'ar',
  interpreterLanguage: undefined,
  locale: 'ar',
  ...over,
});
