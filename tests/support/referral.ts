/** A referral form's body for a client of a test's own (no test runner imported: the e2e tests use it too). */
import { REFERRAL_CONSENT_VERSION } from '../../src/contracts/requests.ts';

export const referralFor = (clientName: string, contact: { phone?: string; email?: string }) => ({
  partnerOrg: 'kela',
  partnerName: 'Kela',
  referrerName: 'Ref',
  referrerEmail: 'ref@kela.example',
  clientName,
  ...(contact.email ? { clientEmail: contact.email } : {}),
  ...(contact.phone ? { clientPhone: contact.phone } : {}),
  clientLanguage: 'fi',
  interpreterNeeded: false,
  reasons: ['work'],
  consent: true,
  consentVersion: REFERRAL_CONSENT_VERSION,
  locale: 'fi',
});
