/**
 * The server the browser tests use: the production build on a fresh embedded database with demo
 * content, its clock set to E2E_CLOCK_START (and running on from there), sending its email over
 * real SMTP to a server in this same process, which writes each message it receives as JSON into
 * E2E_MAIL_DIR for the tests to read. E2E_CLOCK_FILE tells the tests (tests/e2e/clock.ts) which
 * real instant the server's clock started at, so that the browser can run on the same clock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { start } from '../../server/main.ts';
import { startSmtp } from '../support/smtp.ts';
import { E2E_CLOCK_FILE, E2E_CLOCK_START, E2E_MAIL_DIR, E2E_PORT } from './env.ts';
import { watchClockStart, type ClockRecord } from './clock.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ihl-e2e-'));
fs.rmSync(E2E_MAIL_DIR, { recursive: true, force: true });
fs.mkdirSync(E2E_MAIL_DIR, { recursive: true });
fs.rmSync(E2E_CLOCK_FILE, { force: true });
process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
const smtp = await startSmtp((mail, i) => {
  const to = mail.to && !Array.isArray(mail.to) ? mail.to.text : '';
  const ics = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'))?.content.toString('utf8') ?? null;
  fs.writeFileSync(
    path.join(E2E_MAIL_DIR, `${String(i).padStart(4, '0')}.json`),
    JSON.stringify({
      to,
      kind: mail.headers.get('x-ihl-message') ?? null,
      subject: mail.subject,
      text: mail.text,
      ics,
    }),
  );
});

// The server logs (on stdout) the moment its clock starts at CLOCK_START; that real instant is
// the clock's origin. Until that line shows, the instant before start() stands in (a little early).
let record: ClockRecord = { clockStart: E2E_CLOCK_START, realStartMs: Date.now(), exact: false };
const stopWatching = watchClockStart(
  process.stdout,
  (realStartMs) => (record = { clockStart: E2E_CLOCK_START, realStartMs, exact: true }),
);
await start({
  ...process.env,
  PORT: String(E2E_PORT),
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  DEMO_CONTENT: 'auto',
  NODE_ENV: 'development',
  LIMITS_PROFILE: 'load-test',
  CLOCK_START: E2E_CLOCK_START,
  SMTP_URL: smtp.url,
  MESSAGE_WORKER_INTERVAL_MS: '300',
  PUBLIC_BASE_URL: `http://127.0.0.1:${E2E_PORT}`,
});
stopWatching();
fs.mkdirSync(path.dirname(E2E_CLOCK_FILE), { recursive: true });
fs.writeFileSync(E2E_CLOCK_FILE, JSON.stringify(record));
