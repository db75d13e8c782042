/**
 * Texts of the booking messages, in the client's contact language, rendered when sent.
 */
import { serverFormatter, serverTranslator } from '../i18n.ts';
import { isLocale, type LocaleCode } from '../../src/i18n/locales.ts';
import { bookingIcs } from './ics.ts';
import type { BookingRow } from '../services/booking-lifecycle.ts';

export type BookingMessageKind =
  /** A held booking (server/domain/holds.ts): the code and the link to confirm it, and its deadline. */
  | 'booking_hold'
  | 'booking_confirmed'
  | 'booking_changed'
  | 'booking_cancelled'
  | 'booking_reminder'
  | 'booking_manage_link';

export const formatWhen = (date: Date, locale: LocaleCode) => serverFormatter(locale).dateTime(date);

export function manageUrl(base: string, locale: string, token: string): string {
  return `${base.replace(/\/$/, '')}/${locale}/booking/manage/${token}/`;
}

const ADDRESS = 'Aleksanterinkatu 24B, 15140 Lahti';

export function renderBookingMessage(
  kind: BookingMessageKind,
  b: BookingRow,
  opts: { baseUrl: string; token?: string; linkLocale?: string; holdCode?: string; holdLink?: string },
) {
  const locale: LocaleCode = isLocale(b.contact_language) ? b.contact_language : 'fi';
  const { t } = serverTranslator(locale);
  const f = serverFormatter(locale);
  const when = formatWhen(new Date(b.starts_at), locale);
  const url = opts.token
    ? manageUrl(opts.baseUrl, opts.linkLocale && isLocale(opts.linkLocale) ? opts.linkLocale : locale, opts.token)
    : '';
  const where = b.mode === 'in_person' ? ADDRESS : t(`booking.mode.${b.mode}`);
  // A hold's link is the manage page with the confirmation's own token: the page offers one button.
  const confirmUrl = url && opts.holdLink ? `${url}?confirm=${opts.holdLink}` : url;
  const deadline = b.hold_until ? f.time(new Date(b.hold_until)) : '';
  const code = opts.holdCode ?? '';
  const subjectKey = {
    booking_hold: 'email.booking.holdSubject',
    booking_confirmed: 'email.booking.subject',
    booking_changed: 'email.booking.changedSubject',
    booking_cancelled: 'email.booking.cancelledSubject',
    booking_reminder: 'email.booking.reminderSubject',
    booking_manage_link: 'email.booking.manageLinkSubject',
  }[kind];
  const leadKey = {
    booking_hold: 'email.booking.hold',
    booking_confirmed: 'email.booking.confirmed',
    booking_changed: 'email.booking.changed',
    booking_cancelled: 'email.booking.cancelled',
    booking_reminder: 'email.booking.reminder',
    booking_manage_link: 'email.booking.manageLinkBody',
  }[kind];
  const details =
    kind === 'booking_cancelled'
      ? []
      : [
          `${t('booking.reference')}: ${b.reference}`,
          `${t('booking.when')}: ${when}`,
          `${t('booking.where')}: ${where}`,
          `${t('booking.language')}: ${f.languageName(b.service_language)}`,
          ...(b.interpreter_language ? [`${t('booking.interpreter')}: ${f.languageName(b.interpreter_language)}`] : []),
          ...(b.mode === 'video' && b.meeting_link ? [t('email.booking.videoLink', { url: b.meeting_link })] : []),
          ...(b.mode === 'in_person' ? [t('booking.bring')] : []),
        ];
  const holdLines =
    kind === 'booking_hold'
      ? [t('email.booking.holdCode', { code }), t('email.booking.holdLink', { url: confirmUrl }), '']
      : [];
  const text = [
    t('email.booking.greeting', { name: b.client_name }),
    '',
    t(leadKey, { deadline }),
    '',
    ...holdLines,
    ...details,
    ...(url && kind !== 'booking_hold' ? ['', t('email.booking.manage', { url })] : []),
    ...(kind === 'booking_cancelled' ? [`${t('booking.reference')}: ${b.reference}`] : []),
    '',
    t('email.booking.signature'),
  ].join('\n');
  const smsKey = {
    booking_hold: 'sms.booking.hold',
    booking_confirmed: 'sms.booking.confirmed',
    booking_changed: 'sms.booking.changed',
    booking_cancelled: 'sms.booking.cancelled',
    booking_reminder: 'sms.booking.reminder',
    booking_manage_link: 'sms.booking.manageLink',
  }[kind];
  const sms = t(smsKey, {
    when,
    reference: b.reference,
    url: kind === 'booking_hold' ? confirmUrl : url,
    code,
    deadline,
  });
  const ics =
    kind === 'booking_manage_link' || kind === 'booking_hold'
      ? undefined
      : {
          filename: 'international-house-lahti.ics',
          method: (kind === 'booking_cancelled' ? 'CANCEL' : 'REQUEST') as 'CANCEL' | 'REQUEST',
          content: bookingIcs({
            uid: b.id,
            sequence: b.ics_sequence,
            start: new Date(b.starts_at),
            end: new Date(b.ends_at),
            title: `International House Lahti: ${t('booking.title')}`,
            location: where,
            description: `${t('booking.reference')}: ${b.reference}${url ? `\n${url}` : ''}`,
            cancelled: kind === 'booking_cancelled',
            ...(b.mode === 'video' && b.meeting_link ? { url: b.meeting_link } : {}),
          }),
        };
  return { locale, subject: t(subjectKey, { when, code }), text, sms, ics };
}
