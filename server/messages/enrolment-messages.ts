/**
 * Texts of the course messages in the person's contact language, with a calendar file holding
 * every session of the group (one VEVENT each, the same UIDs on every message, METHOD:CANCEL
 * when the person's place or the group is cancelled).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEvents, type EventAttributes } from 'ics';
import { serverFormatter, serverTranslator } from '../i18n.ts';
import { isLocale, type LocaleCode } from '../../src/i18n/locales.ts';

const CONTENT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'content', 'courses');

/** A course's title in a locale (Finnish when that locale has none), from its content entry. */
export function courseTitle(slug: string, locale: string): string {
  for (const l of [locale, 'fi']) {
    const file = path.join(CONTENT, l, `${slug}.md`);
    if (!/^[a-z0-9-]+$/.test(slug) || !fs.existsSync(file)) continue;
    const m = /^title:\s*['"]?(.+?)['"]?\s*$/m.exec(fs.readFileSync(file, 'utf8'));
    if (m) return m[1]!;
  }
  return slug;
}

export type EnrolmentMessageKind =
  /** A held seat or waitlist place (server/domain/holds.ts): the code and the link to confirm it, and its deadline. */
  | 'enrolment_hold'
  | 'enrolment_enrolled'
  | 'enrolment_waitlisted'
  | 'enrolment_promoted'
  | 'enrolment_cancelled'
  | 'enrolment_group_cancelled';

export interface EnrolmentForMessage {
  id: string;
  reference: string;
  client_name: string;
  contact_language: string;
  status: string;
  course_slug: string;
  place: string | null;
  sessions: { starts_at: Date; ends_at: Date }[];
  /** Held until (not confirmed yet), for the hold's message. */
  hold_until?: Date | null;
}

export const courseManageUrl = (base: string, locale: string, token: string) =>
  `${base.replace(/\/$/, '')}/${locale}/courses/manage/${token}/`;

export function renderEnrolmentMessage(
  kind: EnrolmentMessageKind,
  e: EnrolmentForMessage,
  opts: {
    baseUrl: string;
    token?: string | undefined;
    linkLocale?: string | undefined;
    holdCode?: string | undefined;
    holdLink?: string | undefined;
  },
) {
  const locale: LocaleCode = isLocale(e.contact_language) ? e.contact_language : 'fi';
  const { t } = serverTranslator(locale);
  const course = courseTitle(e.course_slug, locale);
  const url = opts.token
    ? courseManageUrl(opts.baseUrl, opts.linkLocale && isLocale(opts.linkLocale) ? opts.linkLocale : locale, opts.token)
    : '';
  const hold = kind === 'enrolment_hold';
  const confirmUrl = url && opts.holdLink ? `${url}?confirm=${opts.holdLink}` : url;
  const deadline = e.hold_until ? serverFormatter(locale).time(new Date(e.hold_until)) : '';
  const code = opts.holdCode ?? '';
  const lead = {
    enrolment_hold: 'email.enrolment.hold',
    enrolment_enrolled: 'email.enrolment.enrolled',
    enrolment_waitlisted: 'email.enrolment.waitlisted',
    enrolment_promoted: 'email.enrolment.promoted',
    enrolment_cancelled: 'email.enrolment.cancelled',
    enrolment_group_cancelled: 'email.enrolment.groupCancelled',
  }[kind];
  const smsKey = {
    enrolment_hold: 'sms.enrolment.hold',
    enrolment_enrolled: 'sms.enrolment.enrolled',
    enrolment_waitlisted: 'sms.enrolment.waitlisted',
    enrolment_promoted: 'sms.enrolment.promoted',
    enrolment_cancelled: 'sms.enrolment.cancelled',
    enrolment_group_cancelled: 'sms.enrolment.groupCancelled',
  }[kind];
  const cancelled = kind === 'enrolment_cancelled' || kind === 'enrolment_group_cancelled';
  const withSessions =
    kind === 'enrolment_enrolled' || kind === 'enrolment_promoted' || kind === 'enrolment_waitlisted';
  const text = [
    t('email.booking.greeting', { name: e.client_name }),
    '',
    t(lead, { deadline }),
    '',
    ...(hold ? [t('email.booking.holdCode', { code }), t('email.booking.holdLink', { url: confirmUrl }), ''] : []),
    `${course}`,
    `${t('booking.reference')}: ${e.reference}`,
    ...(e.place ? [`${t('booking.where')}: ${e.place}`] : []),
    ...(withSessions
      ? [
          '',
          t('email.enrolment.sessions'),
          ...e.sessions.map((s) => `- ${serverFormatter(locale).dateTime(new Date(s.starts_at))}`),
        ]
      : []),
    ...(url && !cancelled && !hold ? ['', t('email.enrolment.manage', { url })] : []),
    '',
    t('email.booking.signature'),
  ].join('\n');
  // Only a seat goes into calendars; a waitlist place does not (yet).
  const events: EventAttributes[] = e.sessions.map((s, i) => {
    const a = new Date(s.starts_at);
    const b = new Date(s.ends_at);
    return {
      uid: `${e.id}-${i}@international-house-lahti`,
      sequence: cancelled ? 1 : 0,
      start: [a.getUTCFullYear(), a.getUTCMonth() + 1, a.getUTCDate(), a.getUTCHours(), a.getUTCMinutes()],
      startInputType: 'utc',
      startOutputType: 'utc',
      end: [b.getUTCFullYear(), b.getUTCMonth() + 1, b.getUTCDate(), b.getUTCHours(), b.getUTCMinutes()],
      endInputType: 'utc',
      endOutputType: 'utc',
      title: `International House Lahti: ${course}`,
      ...(e.place ? { location: e.place } : {}),
      description: `${t('booking.reference')}: ${e.reference}`,
      status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    };
  });
  const wantsIcs = kind === 'enrolment_enrolled' || kind === 'enrolment_promoted' || cancelled;
  const ics =
    wantsIcs && events.length
      ? (() => {
          const { error, value } = createEvents(events, {
            method: cancelled ? 'CANCEL' : 'REQUEST',
            productId: 'international-house-lahti/courses',
          });
          if (error || !value) throw error ?? new Error('calendar');
          return {
            filename: 'international-house-lahti-course.ics',
            method: (cancelled ? 'CANCEL' : 'REQUEST') as 'CANCEL' | 'REQUEST',
            content: value,
          };
        })()
      : undefined;
  return {
    subject: hold ? t('email.booking.holdSubject', { code }) : t('email.enrolment.subject', { course }),
    text,
    sms: t(smsKey, { course, reference: e.reference, url: hold ? confirmUrl : url, code, deadline }),
    ics,
  };
}
