/**
 * The server the browser tests use: the production build on a fresh embedded database with demo
 * content, sending its email over real SMTP to a server in this same process, which writes each
 * message it receives as JSON into E2E_MAIL_DIR for the tests to read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { start } from '../../server/main.ts';
import { startSmtp } from '../support/smtp.ts';
import { E2E_MAIL_DIR, E2E_PORT } from './env.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ihl-e2e-'));
fs.rmSync(E2E_MAIL_DIR, { recursive: true, force: true });
fs.mkdirSync(E2E_MAIL_DIR, { recursive: true });
process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
const smtp = await startSmtp((mail, i) => {
  const to = mail.to && !Array.isArray(mail.to) ? mail.to.text : '';
  const ics = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'))?.content.toString('utf8') ?? null;
  fs.writeFileSync(path.join(E2E_MAIL_DIR, `${String(i).padStart(4, '0')}.json`), JSON.stringify({ to, subject: mail.subject, text: mail.text, ics }));
});
await start({
  ...process.env,
  PORT: String(E2E_PORT),
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  DEMO_CONTENT: 'auto',
  NODE_ENV: 'development',
  SMTP_URL: smtp.url,
  MESSAGE_WORKER_INTERVAL_MS: '300',
  PUBLIC_BASE_URL: `http://127.0.0.1:${E2E_PORT}`,
});
