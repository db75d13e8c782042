/** What a manage page says when confirming a hold failed (`?error=…&left=…` from the API's redirect). */
import { contact } from './contact.ts';

export const holdErrorText = (t: (key: string, params?: Record<string, unknown>) => string, left: string | null) => ({
  wrong_code: t('errors.wrongCode', { left: left ?? '0' }),
  code_locked: t('errors.codeLocked', { phone: contact.phone }),
  hold_expired: t('errors.holdExpired', { phone: contact.phone }),
});
