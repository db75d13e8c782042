/**
 * Reads the messages the e2e server's SMTP catcher received (tests/e2e/serve.ts). Each carries
 * its outbox kind (the X-IHL-Message header), so a test asks for the message it means by kind,
 * never by its place in the order: a reminder may come in between, and the worker may send two
 * messages of one address in either order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { E2E_MAIL_DIR } from './env.ts';

export type MailKind =
  | 'booking_hold'
  | 'booking_confirmed'
  | 'booking_changed'
  | 'booking_cancelled'
  | 'booking_reminder'
  | 'booking_manage_link'
  | 'enrolment_hold'
  | 'enrolment_enrolled'
  | 'enrolment_waitlisted'
  | 'enrolment_cancelled'
  | 'enrolment_promoted'
  | 'enrolment_group_cancelled'
  | 'employer_request_received';

export interface Mail {
  to: string;
  kind: MailKind | null;
  subject: string;
  text: string;
  ics: string | null;
}

function received(): Mail[] {
  if (!fs.existsSync(E2E_MAIL_DIR)) return [];
  return fs
    .readdirSync(E2E_MAIL_DIR)
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(E2E_MAIL_DIR, f), 'utf8')) as Mail);
}

/** The messages to an address, of one kind, once there are `count` of them (or what came by the deadline). */
export async function mailsTo(address: string, kind: MailKind, count = 1, timeoutMs = 15_000): Promise<Mail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mine = received().filter((m) => m.to.includes(address) && m.kind === kind);
    if (mine.length >= count || Date.now() > deadline) return mine;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The one message of a kind to an address; fails if none came, or more than one. */
export async function mailTo(address: string, kind: MailKind, timeoutMs = 15_000): Promise<Mail> {
  const mine = await mailsTo(address, kind, 1, timeoutMs);
  if (mine.length !== 1) throw new Error(`expected one ${kind} message to ${address}, got ${mine.length}`);
  return mine[0]!;
}
