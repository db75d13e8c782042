/** The text messages about a walk-in ticket followed by SMS (services/queue-sms.ts), in the person's language. */
import { serverTranslator } from '../i18n.ts';
import { isLocale, type LocaleCode } from '../../src/i18n/locales.ts';

export type QueueMessageKind = 'queue_near' | 'queue_called';

export interface TicketForMessage {
  code: string;
  locale: string;
}

export function renderQueueMessage(
  kind: QueueMessageKind,
  ticket: TicketForMessage,
  data: { desk?: string; place?: string },
) {
  const locale: LocaleCode = isLocale(ticket.locale) ? ticket.locale : 'fi';
  const { t } = serverTranslator(locale);
  const params = { code: ticket.code, desk: data.desk ?? '', place: data.place ?? '' };
  const sms = kind === 'queue_called' ? t('sms.queue.called', params) : t('sms.queue.near', params);
  return { subject: '', text: sms, sms, ics: undefined };
}
