/**
 * Two app instances (two server processes, two ports) on one PostgreSQL database, as behind a
 * load balancer: a session made on one works on the other, rate limits count across both, a
 * change made through one reaches a live view served by the other (LISTEN/NOTIFY), and both
 * outbox workers together send each message exactly once (FOR UPDATE SKIP LOCKED).
 */
import { TEST_START } from '../support/clock.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { engine, freshDb, type TestDb } from '../support/db.ts';
import { startSmtp } from '../support/smtp.ts';
import { STAFF_PASSWORD } from '../support/staff.ts';
import { createStaffUser } from '../../server/services/auth.ts';
import { freePort } from '../support/net.ts';

describe.skipIf(engine === 'pglite')('two app instances on one PostgreSQL (postgres)', () => {
  // Reason for skipping on PGlite: only one process can open an embedded database.
  let database: TestDb;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const servers: ChildProcess[] = [];
  const bases: string[] = [];

  beforeAll(async () => {
    database = await freshDb();
    await createStaffUser(
      database.db,
      { email: 'twin@ihl.example', displayName: 'Twin', role: 'advisor', languages: ['fi'], password: STAFF_PASSWORD },
      TEST_START,
    );
    smtp = await startSmtp();
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const child = spawn(process.execPath, ['server/main.ts'], {
        env: {
          ...process.env,
          CLOCK_START: TEST_START.toISOString(),
          DATABASE_URL: database.url!,
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'error',
          NODE_ENV: 'test',
          // The standard budgets: one test checks that they count across the two instances.
          LIMITS_PROFILE: 'standard',
          DEMO_CONTENT: 'no',
          SITE_DIR: '/nonexistent',
          SMTP_URL: smtp.url,
          MESSAGE_WORKER_INTERVAL_MS: '200',
          TRUST_PROXY: 'true',
        },
        stdio: 'ignore',
      });
      servers.push(child);
      bases.push(`http://127.0.0.1:${port}`);
    }
    for (const base of bases) {
      for (
        let i = 0;
        i < 100 &&
        !(await fetch(`${base}/api/ready`)
          .then((r) => r.ok)
          .catch(() => false));
        i++
      )
        await new Promise((r) => setTimeout(r, 100));
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all(
      servers.map(
        (s) =>
          new Promise((r) => {
            if (s.exitCode !== null) return r(null);
            s.once('exit', r);
            s.kill('SIGTERM');
          }),
      ),
    );
    await smtp.stop();
    await database.drop();
  });

  const [A, B] = [0, 1];

  test('a session made on one instance works on the other', async () => {
    const login = await fetch(`${bases[A]}/api/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'twin@ihl.example', password: STAFF_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const me = await fetch(`${bases[B]}/api/staff/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect((await me.json()).user.email).toBe('twin@ihl.example');
  });

  const employer = (i: number) => ({
    company: `Twin ${i} Oy`,
    businessId: '0112038-9',
    contactName: 'Twin',
    email: `twin-${i}@example.invalid`,
    needs: ['eures'],
    sector: 'ict',
    languages: [],
    locale: 'fi',
  });
  const post = (base: string, i: number, ip: string) =>
    fetch(`${base}/api/requests/employer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify(employer(i)),
    });

  test('rate limits count across instances', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(bases[i % 2]!, 100 + i, '198.51.100.77')).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  });

  test('each message is sent exactly once although both instances run the outbox', async () => {
    const sends = await Promise.all(
      Array.from({ length: 12 }, (_, i) => post(bases[i % 2]!, i, `198.51.100.${i + 1}`)),
    );
    expect(sends.map((r) => r.status)).toEqual(Array(12).fill(201));
    // Twelve requests, twelve confirmations: this test's own (the rate-limit test's are numbered from 100).
    const expected = Array.from({ length: 12 }, (_, i) => `twin-${i}@example.invalid`).sort();
    const mine = () =>
      smtp.messages.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '')).filter((to) => expected.includes(to));
    const deadline = Date.now() + 20_000;
    while (mine().length < expected.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500)); // time for a double send to show up, if there were one
    expect(mine().sort()).toEqual(expected);
  });

  test('a ticket taken through one instance reaches the display served by the other', async () => {
    const login = await fetch(`${bases[A]}/api/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'twin@ihl.example', password: STAFF_PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = (await login.json()).csrfToken;
    const opening = await fetch(`${bases[A]}/api/staff/queue/openings`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ servicePoint: 'palvelutori', until: '23:59' }),
    });
    // Late in the evening there is no "until 23:59" left today; then the desk may already be open.
    expect([201, 422]).toContain(opening.status);

    const controller = new AbortController();
    const stream = await fetch(`${bases[B]}/api/queue/points/palvelutori/display/events`, {
      signal: controller.signal,
    });
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    const states: { waiting: number }[] = [];
    const pump = (async () => {
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buffer += value;
        for (const m of buffer.matchAll(/event: state\ndata: (.*)\n/g)) states.push(JSON.parse(m[1]!));
        buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
      }
    })();
    while (!states.length) await new Promise((r) => setTimeout(r, 20));
    const waitingBefore = states.at(-1)!.waiting;
    const taken = await fetch(`${bases[A]}/api/queue/points/palvelutori/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.200' },
      body: JSON.stringify({ topic: 'general', language: 'fi' }),
    });
    if (taken.status === 409) return; // the desk is closed and no opening could be added (just before midnight)
    expect(taken.status).toBe(201);
    const deadline = Date.now() + 5000; // well under the 15-second refresh: the notification did it
    while (states.at(-1)!.waiting === waitingBefore && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(states.at(-1)!.waiting).toBe(waitingBefore + 1);
    controller.abort();
    await pump;
  });
});
