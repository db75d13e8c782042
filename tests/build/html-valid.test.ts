/**
 * Valid HTML: the W3C Nu HTML checker (vnu-jar, on Java) over every built page in dist/client and a
 * sample of the per-request pages (a booking's and an enrolment's manage page with and without an
 * error or a result, a queue ticket's page, the workspace's reset page and an unknown token), in a
 * left-to-right and a right-to-left locale. One run of the checker over all files: one Java start.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedDemo } from '../../server/db/seed.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { bookingBody } from '../support/booking.ts';

const ROOT = path.resolve('dist/client');
const VNU = path.resolve('node_modules/vnu-jar/build/dist/vnu.jar');
const SAMPLE_LOCALES = ['fi', 'ar', 'so'];

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  message: string;
  lastLine?: number;
  extract?: string;
}

/** Renders the per-request pages through a served app and writes them as files for the checker. */
async function renderPerRequestPages(dir: string): Promise<string[]> {
  const t: TestApp = await testApp({ siteDir: ROOT, astro: true });
  const server = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 });
  try {
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await seedDemo(t.deps.db, { now: t.deps.now() });
    const slots = await t.json('/api/bookings/slots?language=ar&mode=in_person');
    const slotId = slots.body.days[0].times[0].slotId as string;
    const booked = await t.json('/api/bookings', {
      method: 'POST',
      json: { slotId, ...bookingBody() },
    });
    const bookingToken = /manage\/([^/]+)\//.exec(booked.body.manageUrl)![1]!;
    const groups = await t.json('/api/courses/groups');
    const group = (groups.body.groups as { id: string; enrolOpen: boolean }[]).find((g) => g.enrolOpen)!;
    const enrolled = await t.json(`/api/courses/groups/${group.id}/enrolments`, {
      method: 'POST',
      json: { name: 'Amina Testi', email: 'amina@example.com', contactLanguage: 'ar', consent: true },
    });
    const ticket = await t.json('/api/queue/points/palvelutori/tickets', {
      method: 'POST',
      json: { topic: 'general', language: 'ar', channel: 'phone', locale: 'ar' },
    });
    const paths = SAMPLE_LOCALES.flatMap((l) => [
      `/${l}/booking/manage/${bookingToken}/`,
      `/${l}/booking/manage/${bookingToken}/?error=confirm`,
      `/${l}/booking/manage/${bookingToken}/?done=changed`,
      // A new contact's booking is held: the code form, the link's one button, a wrong code's message.
      `/${l}/booking/manage/${bookingToken}/?confirm=${'A'.repeat(43)}&error=wrong_code&left=3`,
      `/${l}/courses/manage/${enrolled.body.manageToken}/`,
      `/${l}/courses/manage/${enrolled.body.manageToken}/?error=confirm`,
      ...(ticket.body.token ? [`/${l}/queue/${ticket.body.token}/`] : []),
      `/${l}/booking/manage/${'A'.repeat(43)}/`,
    ]);
    paths.push(`/workspace/fi/reset/${'A'.repeat(43)}/`, `/workspace/en/reset/${'A'.repeat(43)}/`);
    const files: string[] = [];
    for (const [i, p] of paths.entries()) {
      const res = await fetch(base + p);
      expect(res.headers.get('content-type'), p).toMatch(/text\/html/);
      const file = path.join(dir, `${i}-${p.replace(/[^a-z0-9]+/gi, '_').slice(0, 60)}.html`);
      fs.writeFileSync(file, `<!-- ${p} -->\n${await res.text()}`);
      files.push(file);
    }
    expect(ticket.body.token, 'the test clock is a Monday morning: the walk-in queue is open').toBeTruthy();
    return files;
  } finally {
    await new Promise((r) => server.close(r));
    await t.close();
  }
}

let tmp = '';
let builtFiles: string[] = [];
let renderedFiles: string[] = [];
beforeAll(async () => {
  if (!fs.existsSync(ROOT)) throw new Error('dist/client is missing: run `npm run build` first (npm test does).');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ihl-vnu-'));
  builtFiles = walk(ROOT).filter((f) => f.endsWith('.html'));
  renderedFiles = await renderPerRequestPages(tmp);
}, 120_000);
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the Nu HTML checker', () => {
  test('finds no error on any built page nor on the per-request pages', async () => {
    expect(builtFiles.length).toBeGreaterThan(300);
    // The arguments go in an argument file (the java launcher reads @file), so the command line stays short.
    const listFile = path.join(tmp, 'args.txt');
    const args = ['-jar', VNU, '--errors-only', '--format', 'json', ...builtFiles, ...renderedFiles];
    fs.writeFileSync(listFile, args.map((a) => JSON.stringify(a)).join('\n'));
    const stderr = await new Promise<string>((resolve, reject) => {
      execFile('java', [`@${listFile}`], { maxBuffer: 64 * 1024 * 1024 }, (err, _stdout, errOut) =>
        errOut.trim().startsWith('{') ? resolve(errOut) : reject(err ?? new Error(errOut)),
      );
    });
    const { messages } = JSON.parse(stderr) as { messages: VnuMessage[] };
    const errors = messages
      .filter((m) => m.type === 'error' || m.subType === 'fatal')
      .map(
        (m) =>
          `${path.relative(process.cwd(), (m.url ?? '').replace(/^file:/, ''))}:${m.lastLine ?? '?'}: ${m.message}${m.extract ? ` … ${m.extract.trim()}` : ''}`,
      );
    expect(errors, errors.join('\n')).toEqual([]);
  }, 300_000);
});
