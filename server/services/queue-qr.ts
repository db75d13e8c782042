/**
 * The queue's QR codes, made here at run time (they need PUBLIC_BASE_URL) as SVG by the `qrcode`
 * package, no outside service: a kiosk ticket's code opens the ticket's live page in the language
 * chosen at the kiosk (the page token is the only thing in it, no personal data); the display
 * screen's opens the phone page for joining the queue. The same URL is shown beside each code as a
 * text link, for people who cannot scan.
 *
 * Error correction M (15 %: a slip that is a little creased still reads) and the standard quiet
 * zone of 4 modules around the code, inside the SVG, so however the SVG is sized the margin comes
 * with it.
 */
import QRCode from 'qrcode';
import type { Queryable } from '../db/client.ts';
import { DomainError } from '../domain/errors.ts';
import type { QueueSettings } from '../../src/domain/queue-settings.ts';
import type { DisplayView } from '../../src/contracts/queue.ts';
import { isLocale, type LocaleCode } from '../../src/i18n/locales.ts';
import { servicePoint } from './queue-openings.ts';
import { ticketByToken } from './queue-tickets.ts';

const trimmed = (base: string) => base.replace(/\/$/, '');

/** The live page of a ticket, absolute (what its QR code opens). */
export const ticketPageUrl = (base: string, locale: string, token: string) =>
  `${trimmed(base)}/${locale}/queue/${token}/`;

/** The phone page for joining the queue, absolute (what the display's QR code opens). */
export const joinPageUrl = (base: string, locale: string) => `${trimmed(base)}/${locale}/walk-in/queue/`;

export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', margin: 4, errorCorrectionLevel: 'M' });
}

/** A ticket's QR code, in the page language asked for or else the ticket's own language. */
export async function ticketQr(
  q: Queryable,
  base: string,
  token: string,
  locale: LocaleCode | undefined,
): Promise<{ url: string; svg: string }> {
  const ticket = await ticketByToken(q, token);
  const url = ticketPageUrl(base, locale ?? (isLocale(ticket.language) ? ticket.language : 'fi'), token);
  return { url, svg: await qrSvg(url) };
}

/** The join page's URL of a service point that takes walk-ins (the phone page serves that one). */
export function joinUrl(settings: QueueSettings, base: string, pointId: string, locale: LocaleCode): string {
  if (!servicePoint(settings, pointId).walkIn) throw new DomainError('not_found');
  return joinPageUrl(base, locale);
}

/** A display's view with where its QR code leads (the Finnish phone page: its language menu offers the rest). */
export function withJoinUrl(settings: QueueSettings, base: string, view: DisplayView): DisplayView {
  const point = servicePoint(settings, view.servicePoint.id);
  return point.walkIn ? { ...view, joinUrl: joinUrl(settings, base, point.id, 'fi') } : view;
}
