/**
 * The outbox worker. Rows are claimed in a short transaction (FOR UPDATE SKIP LOCKED, so two
 * instances never take the same row), sent outside any transaction (PGlite has one connection:
 * holding it during an SMTP exchange would stall every request), then marked sent, or retried
 * with exponential backoff. A claim that outlives its process (crash) expires and is retaken.
 * The SQL is in services/outbox.ts; this module renders and sends. The housekeeping worker
 * (workers/housekeeping.ts) runs the sending and the reminders.
 */
import type { Db } from '../db/client.ts';
import type { Logger } from '../log.ts';
import {
  claimDueMessages,
  deferMessage,
  markNotSent,
  markSent,
  messageSubject,
  type OutboxRow,
} from '../services/outbox.ts';
import { nextSmsDay, reserveSms, SMS_WARN_SHARE } from '../services/sms-budget.ts';
import { leaseUntil } from '../services/leases.ts';
import { renderBookingMessage, type BookingMessageKind } from '../messages/booking-messages.ts';
import type { Transports } from '../messages/transports.ts';
import { renderEmployerRequestMessage } from '../messages/request-messages.ts';
import { renderQueueMessage, type QueueMessageKind } from '../messages/queue-messages.ts';
import { renderEnrolmentMessage, type EnrolmentMessageKind } from '../messages/enrolment-messages.ts';

export const MAX_ATTEMPTS = 8;
/** A claimed message is retaken after this long (its sender crashed). Clocks must agree within it. */
export const CLAIM_MS = 5 * 60_000;

/** 1 min, 2, 4, … capped at 2 hours. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 2 * 3_600_000);
}

export interface OutboxDeps {
  db: Db;
  log: Logger;
  transports: Transports;
  baseUrl: string;
  from: string;
  now: () => Date;
  reminderHours?: number;
  /** SMS per Helsinki day at most (SMS_DAILY_CAP); over it SMS wait for the next day. */
  smsDailyCap?: number;
}

export async function processOutbox(deps: OutboxDeps, limit = 20): Promise<{ sent: number; failed: number }> {
  const now = deps.now();
  const claimed = await claimDueMessages(deps.db, now, leaseUntil(now, CLAIM_MS), limit);
  let sent = 0;
  let failed = 0;
  for (const row of claimed) {
    try {
      const { to, msg } = await renderRow(deps, row);
      if (!to) throw new Error(`no ${row.channel} on record`);
      if (row.channel === 'sms' && deps.smsDailyCap !== undefined && !(await spendSms(deps, deps.smsDailyCap))) {
        await deferMessage(deps.db, row.id, nextSmsDay(deps.now()), 'SMS daily cap reached');
        continue;
      }
      if (row.channel === 'email')
        await deps.transports.email({
          to,
          from: deps.from,
          subject: msg.subject,
          text: msg.text,
          kind: row.kind,
          ...(msg.ics ? { ics: msg.ics } : {}),
        });
      else await deps.transports.sms(to, msg.sms);
      await markSent(deps.db, row.id, deps.now());
      sent++;
    } catch (err) {
      const attempts = row.attempts + 1;
      const final = attempts >= MAX_ATTEMPTS;
      await markNotSent(deps.db, row.id, {
        failed: final,
        retryAt: new Date(deps.now().getTime() + backoffMs(attempts)),
        error: String((err as Error).message),
      });
      // The error text, never the recipient or the message.
      deps.log.warn('message not sent', {
        outboxId: row.id,
        channel: row.channel,
        attempts,
        final,
        error: (err as Error).message,
      });
      failed++;
    }
  }
  return { sent, failed };
}

/** Takes one SMS from today's budget; warns once at SMS_WARN_SHARE of the cap and at the cap. */
async function spendSms(deps: OutboxDeps, cap: number): Promise<boolean> {
  const sent = await reserveSms(deps.db, deps.now(), cap);
  if (sent === undefined) return false;
  if (sent === Math.ceil(cap * SMS_WARN_SHARE) || sent === cap)
    deps.log.warn(
      sent === cap ? 'SMS daily cap reached: further SMS wait for tomorrow' : 'SMS daily cap nearly reached',
      {
        sent,
        cap,
      },
    );
  return true;
}

/** The message of an outbox row and its recipient, from the record it tells about. */
async function renderRow(deps: OutboxDeps, row: OutboxRow) {
  const opts = {
    baseUrl: deps.baseUrl,
    token: row.data.manageToken,
    linkLocale: row.data.locale,
    holdCode: row.data.holdCode,
    holdLink: row.data.holdLink,
  };
  const subject = await messageSubject(deps.db, row);
  if (!subject)
    throw new Error(
      `${row.booking_id ? 'booking' : row.request_id ? 'request' : row.ticket_id ? 'ticket' : 'enrolment'} gone`,
    );
  if ('ticket' in subject)
    return {
      to: subject.ticket.phone,
      msg: renderQueueMessage(row.kind as QueueMessageKind, subject.ticket, row.data),
    };
  if ('booking' in subject) {
    const { booking } = subject;
    return {
      to: row.channel === 'email' ? booking.client_email : booking.client_phone,
      msg: renderBookingMessage(row.kind as BookingMessageKind, booking, opts),
    };
  }
  if ('request' in subject) {
    const { request } = subject;
    if (!request.personal) throw new Error('request gone');
    return { to: request.personal.email ?? null, msg: { ...renderEmployerRequestMessage(request), ics: undefined } };
  }
  const e = subject.enrolment;
  return {
    to: row.channel === 'email' ? e.client_email : e.client_phone,
    msg: renderEnrolmentMessage(row.kind as EnrolmentMessageKind, e, opts),
  };
}
