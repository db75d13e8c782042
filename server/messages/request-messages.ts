/** The confirmation an employer gets after asking IHL to contact them, in the form's language. */
import { serverFormatter, serverTranslator } from '../i18n.ts';
import { isLocale, type LocaleCode } from '../../src/i18n/locales.ts';

export interface EmployerRequestForMessage {
  reference: string;
  locale: string;
  org_name: string | null;
  categories: string[];
  due_at: Date;
  personal: { contactName?: string; email?: string } | null;
}

export function renderEmployerRequestMessage(r: EmployerRequestForMessage) {
  const locale: LocaleCode = isLocale(r.locale) ? r.locale : 'fi';
  const { t } = serverTranslator(locale);
  const text = [
    t('email.booking.greeting', { name: r.personal?.contactName ?? '' }),
    '',
    t('email.employerRequest.received', { date: serverFormatter(locale).date(new Date(r.due_at)) }),
    '',
    t('email.employerRequest.reference', { reference: r.reference }),
    ...(r.org_name ? [`${t('employerRequest.company')}: ${r.org_name}`] : []),
    '',
    t('email.employerRequest.needs'),
    ...r.categories.map((c) => `- ${t(`employerRequest.need.${c}`)}`),
    '',
    t('email.booking.signature'),
  ].join('\n');
  return { subject: t('email.employerRequest.subject'), text, sms: '' };
}
