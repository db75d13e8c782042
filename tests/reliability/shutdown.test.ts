/**
 * Reliability: a stop (SIGTERM, as a deploy or a restart sends) in the middle of public writes.
 * The requests being answered when the stop comes finish before the database closes; a request
 * that comes after the stop finds no server (which a client can try again), never a server error.
 *
 * "Being answered" is made certain, not left to timing: each request asks `Expect: 100-continue`,
 * so the server has taken it (its handler is running) before the test sends the stop, and its body
 * follows only after the stop, so every database write happens while the server is stopping.
 */
import http from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { engine } from '../support/db.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
}, 120_000);
afterAll(async () => {
  await server.stop();
});

const employer = (i: number) =>
  JSON.stringify({
    company: `Stop ${i} Oy`,
    businessId: '0112038-9',
    contactName: 'Stop',
    email: `stop-${i}@example.invalid`,
    needs: ['eures'],
    sector: 'ict',
    languages: [],
    locale: 'fi',
  });

/** A POST whose headers the server has taken; `send()` then sends its body and gives the status. */
function taken(i: number): Promise<{ send: () => Promise<number> }> {
  const body = employer(i);
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.base}/api/requests/employer`, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        expect: '100-continue',
        'x-forwarded-for': `198.51.100.${i + 1}`,
      },
    });
    const status = new Promise<number>((done, failed) => {
      req.on('response', (res) => {
        res.resume();
        done(res.statusCode!);
      });
      req.on('error', failed);
    });
    req.on('error', reject);
    const send = () => {
      req.end(body);
      return status;
    };
    req.on('continue', () => resolve({ send }));
    req.flushHeaders();
  });
}

test(`a stop lets the requests being answered finish, and takes no new ones (${engine})`, async () => {
  const exited = new Promise((r) => server.child.once('exit', r));
  const inFlight = await Promise.all(Array.from({ length: 8 }, (_, i) => taken(i)));

  server.child.kill('SIGTERM');
  // The stop closes the door first: a new request finds no server.
  let refused = false;
  for (let tries = 0; tries < 50 && !refused; tries++) {
    refused = await fetch(`${server.base}/api/ready`).then(
      () => false,
      () => true,
    );
    if (!refused) await new Promise((r) => setTimeout(r, 20));
  }
  expect(refused).toBe(true);

  const statuses = await Promise.all(inFlight.map((r) => r.send()));
  expect(statuses).toEqual(inFlight.map(() => 201));
  await exited;
  expect(server.stderr()).not.toMatch(/unhandled error|Cannot use a pool|closed/i);
}, 60_000);
