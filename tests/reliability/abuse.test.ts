/**
 * Reliability: abuse against a started server, on each engine (README "Security"). Attacks that
 * need a real socket: a body streamed without end, addresses written into X-Forwarded-For, and a
 * hoarding script behind the city's proxy, from one address and from many of one /64.
 * The attacks that `app.request` can make are in tests/api/abuse.test.ts.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { engine } from '../support/db.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { bookingBody } from '../support/booking.ts';
import { ADDRESS_LIMITS } from '../../server/domain/limits.ts';
import type { SlotsResponse } from '../../src/contracts/booking.ts';

const MB = 1024 * 1024;

/**
 * Streams `total` bytes chunked (no Content-Length) to the server as fast as it takes them, and
 * stops when it answers or closes. Returns the status (if any) and how much was sent.
 */
function streamBody(base: string, path: string, type: string, total: number) {
  return new Promise<{ status: number | undefined; sent: number }>((resolve) => {
    const url = new URL(path, base);
    const req = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: { 'content-type': type, 'transfer-encoding': 'chunked', 'sec-fetch-site': 'same-origin' },
    });
    let sent = 0;
    let status: number | undefined;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      req.destroy();
      resolve({ status, sent });
    };
    req.on('response', (res) => {
      status = res.statusCode;
      res.resume();
      res.on('end', finish);
    });
    req.on('error', finish);
    req.on('close', finish);
    const chunk = Buffer.alloc(64 * 1024, type.includes('json') ? 0x20 : 0x61);
    if (type.includes('json')) chunk[0] = 0x5b; // "[" then spaces: valid JSON so far, never ending
    const pump = () => {
      while (!done && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

describe(`streamed bodies (${engine})`, () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  test('a chunked body just over the limit, sent whole, gets the 413 in the one error format', async () => {
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`{"name":"${'x'.repeat(70 * 1024)}"}`));
        controller.close();
      },
    });
    const res = await fetch(new URL('/api/bookings', server.base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });

  test.each([
    ['/api/bookings', 'application/json'],
    ['/api/requests/employer', 'application/json'],
    ['/api/bookings/manage/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/cancel', 'application/x-www-form-urlencoded'],
    ['/api/staff/login', 'text/plain'],
  ])('a chunked 100 MB body to %s (%s) is refused, and the memory stays put', async (path, type) => {
    // Warm up the route once, so what follows measures the body, not the first request.
    await fetch(new URL(path, server.base), { method: 'POST', headers: { 'content-type': type }, body: '{}' });
    const before = server.rss();
    const { status, sent } = await streamBody(server.base, path, type, 100 * MB);
    const after = server.rss();
    // Refused: a 413, and the connection closed so the rest is not read. Closing a socket with
    // bytes still arriving resets it, which may reach the client before the answer does.
    expect(status === 413 || status === undefined, `status ${status}`).toBe(true);
    // The server stopped reading: far less than the 100 MB went over the socket.
    expect(sent).toBeLessThan(20 * MB);
    expect(after - before, `memory grew by ${((after - before) / MB).toFixed(1)} MB`).toBeLessThan(8 * MB);
    // And it still serves.
    expect((await fetch(new URL('/api/health', server.base))).status).toBe(200);
  });
});

/** Employer requests until refused (429), each a different company, from what the server sees as one client. */
async function postsUntilRefused(base: string, forwardedFor: (i: number) => string, max = 30) {
  for (let i = 0; i < max; i++) {
    const res = await fetch(new URL('/api/requests/employer', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor(i) },
      body: JSON.stringify({
        company: `Yritys ${i} Oy`,
        businessId: '0112038-9',
        contactName: `Yhteys ${i}`,
        email: `yhteys${i}@yritys${i}.example`,
        needs: ['recruiting'],
        positions: 1,
        sector: 'industry',
        languages: ['fi'],
        locale: 'fi',
      }),
    });
    await res.body?.cancel();
    if (res.status === 429) return i;
    expect(res.status).toBe(201);
  }
  return max;
}

describe(`X-Forwarded-For spoofing gains nothing (${engine})`, () => {
  test('without a trusted proxy the header is ignored: a new address in it every time is still one client', async () => {
    const server = await startServer({ LIMITS_PROFILE: 'standard' });
    try {
      const honest = await postsUntilRefused(server.base, () => '');
      const spoofing = await postsUntilRefused(server.base, (i) => `203.0.113.${i}`);
      expect(honest).toBeLessThan(30);
      // The same socket address: already over its limit, the made-up addresses change nothing.
      expect(spoofing).toBe(0);
    } finally {
      await server.stop();
    }
  });

  test('behind a trusted proxy, entries the client wrote left of the proxy’s own are not believed', async () => {
    const server = await startServer({ TRUST_PROXY: 'loopback', LIMITS_PROFILE: 'standard' });
    try {
      // What the proxy appends (the client's real address) is the right-most entry.
      const honest = await postsUntilRefused(server.base, () => '198.51.100.7');
      const spoofing = await postsUntilRefused(server.base, (i) => `203.0.113.${i}, 198.51.100.7`);
      expect(honest).toBeLessThan(30);
      expect(spoofing).toBe(0);
      // Another real client behind the same proxy is counted on its own.
      expect(await postsUntilRefused(server.base, () => '198.51.100.8')).toBe(honest);
    } finally {
      await server.stop();
    }
  });
});

describe(`a hoarding script against a running portal (${engine})`, () => {
  test('from one address and from many of one /64 it stops at the limits and leaves the rest bookable', async () => {
    // Behind a proxy on this machine, as in production; the standard budgets; the demo advisors
    // (loaded on either engine: a fresh database each run).
    const server = await startServer({ TRUST_PROXY: 'loopback', LIMITS_PROFILE: 'standard', DEMO_CONTENT: 'yes' });
    try {
      const freeTimes = async () => {
        const res = await fetch(new URL('/api/bookings/slots?language=ar&mode=in_person', server.base));
        return ((await res.json()) as SlotsResponse).days.flatMap((d) => d.times.map((x) => x.slotId));
      };
      const max = ADDRESS_LIMITS.booking.max;
      const before = await freeTimes();
      expect(before.length).toBeGreaterThan(3 * max);
      let n = 0;
      const book = async (address: string, slotId: string) => {
        const res = await fetch(new URL('/api/bookings', server.base), {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
          body: JSON.stringify(
            bookingBody({ slotId, name: `Made Up ${++n}`, phone: undefined, email: `made-up-${n}@example.com` }),
          ),
        });
        await res.body?.cancel();
        return res.status;
      };
      const one: number[] = [];
      for (const slotId of before.slice(0, max + 2)) one.push(await book('198.51.100.77', slotId));
      expect(one).toEqual([...Array(max).fill(201), 429, 429]);
      const sixtyFour: number[] = [];
      for (const [i, slotId] of before.slice(max + 2, 2 * max + 3).entries())
        sixtyFour.push(await book(`2001:db8:cc:1::${(i + 1).toString(16)}`, slotId));
      expect(sixtyFour).toEqual([...Array(max).fill(201), 429]);
      // The script got 2 × max times; everyone else still finds the rest, and a neighbour books one.
      const after = await freeTimes();
      expect(after.length).toBe(before.length - 2 * max);
      expect(await book('2001:db8:cc:2::1', after[0]!)).toBe(201);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
