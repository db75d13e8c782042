/**
 * What a queue ticket's page says about its state, as plain lines: used by the page rendered on
 * the server (readers without JavaScript) and by the island that keeps it live, so both say the
 * same thing. No zod, no Lit: the island imports it.
 */
import type { TicketView } from '../contracts/queue.ts';

type T = (key: string, options?: Record<string, unknown>) => string;
export type Tone = 'waiting' | 'called' | 'ended';
export interface TicketLine {
  text: string;
  tone: Tone;
}

export function ticketLines(v: TicketView, t: T, languageName: (code: string) => string): TicketLine[] {
  switch (v.status) {
    case 'called':
      return [{ text: t('queue.called', { desk: v.desk }), tone: 'called' }];
    case 'served':
      return [{ text: t('queue.served'), tone: 'ended' }];
    case 'no_show':
      return [{ text: t('queue.noShow'), tone: 'ended' }];
    case 'left':
      return [{ text: t('queue.left'), tone: 'ended' }];
    case 'closed':
      return [{ text: t('queue.closed'), tone: 'ended' }];
    case 'waiting': {
      const lines: TicketLine[] = [
        { text: v.ahead ? t('queue.ahead', { count: v.ahead }) : t('queue.youAreNext'), tone: 'waiting' },
      ];
      if (v.estimate?.kind === 'range')
        lines.push({ text: t('queue.estimateRange', { from: v.estimate.from, to: v.estimate.to }), tone: 'waiting' });
      if (v.estimate?.kind === 'unknown') lines.push({ text: t('queue.estimateUnknown'), tone: 'waiting' });
      if (v.languagesServed.length && !v.languagesServed.includes(v.language)) {
        lines.push({ text: t('queue.languageNotServed', { language: languageName(v.language) }), tone: 'waiting' });
      }
      return lines;
    }
  }
}

/** Whether the page says how the estimate is made: only under an estimate (a range, or why there is none yet). */
export const explainsEstimate = (v: TicketView) =>
  v.status === 'waiting' && (v.estimate?.kind === 'range' || v.estimate?.kind === 'unknown');

/** The page title while called, so a person in another tab sees it. */
export const calledTitle = (v: TicketView, t: T) =>
  v.status === 'called' ? t('queue.calledTitle', { desk: v.desk }) : undefined;

/** Unicode isolates around names (street, place) inside a sentence of another direction. */
export const isolate = (text: string) => `\u2068${text}\u2069`;

export const whereLine = (v: Pick<TicketView, 'servicePoint'>, t: T) =>
  t('queue.where', { place: isolate(v.servicePoint.place), street: isolate(v.servicePoint.street) });
