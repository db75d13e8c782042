/**
 * Where messages go. Email: SMTP through nodemailer when SMTP_URL is set; otherwise a local sink,
 * one .eml file per message in DATA_DIR/mail-sink, that developers can read (never a real send).
 * SMS: a pluggable provider; `sink` writes DATA_DIR/sms-sink.jsonl, `http` posts JSON to a
 * gateway (SMS_HTTP_URL with SMS_HTTP_TOKEN), the shape most Finnish SMS gateways accept.
 */
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface EmailMessage {
  to: string;
  from: string;
  subject: string;
  text: string;
  /** The outbox kind (booking_confirmed, …), sent as the X-IHL-Message header for mail filters and tests. */
  kind?: string;
  ics?: { filename: string; content: string; method: 'REQUEST' | 'CANCEL' };
}
export interface Transports {
  email(msg: EmailMessage): Promise<void>;
  sms(to: string, text: string): Promise<void>;
}

export interface TransportConfig {
  smtpUrl?: string | undefined;
  sinkDir: string;
  sms: { provider: 'sink' | 'http'; url?: string | undefined; token?: string | undefined };
  /** The portal's clock, for the sinks' file names and timestamps. */
  now: () => Date;
}

export function createTransports(cfg: TransportConfig): Transports {
  const mailer = cfg.smtpUrl
    ? nodemailer.createTransport(cfg.smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async email(msg) {
      const info = await mailer.sendMail({
        from: msg.from,
        to: msg.to,
        subject: msg.subject,
        text: msg.text,
        ...(msg.kind ? { headers: { 'X-IHL-Message': msg.kind } } : {}),
        ...(msg.ics
          ? { icalEvent: { filename: msg.ics.filename, method: msg.ics.method, content: msg.ics.content } }
          : {}),
      });
      if (!cfg.smtpUrl) {
        // Written off the event loop: the outbox sends while the portal answers requests.
        await fs.promises.mkdir(path.join(cfg.sinkDir, 'mail-sink'), { recursive: true });
        const file = path.join(
          cfg.sinkDir,
          'mail-sink',
          `${cfg.now().getTime()}-${info.messageId.replace(/[^\w.-]/g, '')}.eml`,
        );
        await fs.promises.writeFile(file, (info as unknown as { message: Buffer }).message);
      }
    },
    async sms(to, text) {
      if (cfg.sms.provider === 'http') {
        const res = await fetch(cfg.sms.url!, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${cfg.sms.token ?? ''}` },
          body: JSON.stringify({ to, text }),
        });
        if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
        return;
      }
      // Appended at once (a line), so the housekeeping's rewrite of this file never runs in between.
      fs.mkdirSync(cfg.sinkDir, { recursive: true });
      fs.appendFileSync(
        path.join(cfg.sinkDir, 'sms-sink.jsonl'),
        `${JSON.stringify({ at: cfg.now().toISOString(), to, text })}\n`,
      );
    },
  };
}

/**
 * The development sinks hold whole messages (names, addresses, manage links): each is kept
 * `keepMs` after it was written, then deleted by the housekeeping worker. Mail: one file per
 * message, named by its instant; SMS: one JSON line per message with its instant.
 */
export function purgeSinks(sinkDir: string, now: Date, keepMs: number): { mail: number; sms: number } {
  const before = now.getTime() - keepMs;
  let mail = 0;
  let sms = 0;
  const mailDir = path.join(sinkDir, 'mail-sink');
  for (const name of fs.existsSync(mailDir) ? fs.readdirSync(mailDir) : []) {
    const at = Number(/^(\d+)-/.exec(name)?.[1]);
    if (Number.isFinite(at) && at < before) {
      fs.rmSync(path.join(mailDir, name), { force: true });
      mail++;
    }
  }
  const smsFile = path.join(sinkDir, 'sms-sink.jsonl');
  if (fs.existsSync(smsFile)) {
    const lines = fs.readFileSync(smsFile, 'utf8').split('\n').filter(Boolean);
    const kept = lines.filter((line) => {
      try {
        return new Date((JSON.parse(line) as { at: string }).at).getTime() >= before;
      } catch {
        return false;
      }
    });
    sms = lines.length - kept.length;
    if (sms > 0) {
      const tmp = `${smsFile}.tmp`;
      fs.writeFileSync(tmp, kept.map((l) => `${l}\n`).join(''));
      fs.renameSync(tmp, smsFile);
    }
  }
  return { mail, sms };
}
