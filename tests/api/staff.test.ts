/**
 * The workspace API on each engine: an authorization matrix over every staff route (found from
 * the router, not listed by hand), sign-in with TOTP, lockout, CSRF, session expiry, logout,
 * deactivation, password rules, the audit log, and availability that would drop a booking.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';
import { seedDemo } from '../../server/db/seed.ts';
import { unseal } from '../../server/sealed.ts';
import { createStaffUser, newTotpSecret, totpFor, IDLE_TIMEOUT_MS, LOGIN_LIMITS } from '../../server/services/auth.ts';

let clock = new Date('2026-11-23T08:00:00Z');
let t: TestApp;
const PASSWORD = 'kolme vihreää omenaa pöydällä';
const ids: Record<string, string> = {};
const totpSecrets: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp({ now: () => clock });
  await seedDemo(t.deps.db, { now: t.deps.now() });
  for (const role of ['advisor', 'coordinator', 'admin'] as const) {
    totpSecrets[role] = newTotpSecret();
    const u = await createStaffUser(
      t.deps.db,
      {
        email: `${role}@ihl.example`,
        displayName: `Test ${role}`,
        role,
        languages: ['fi', 'ar'],
        password: PASSWORD,
        totpSecret: totpSecrets[role],
      },
      t.deps.now(),
    );
    ids[role] = u.id;
  }
  const other = await createStaffUser(
    t.deps.db,
    {
      email: 'other@ihl.example',
      displayName: 'Other advisor',
      role: 'advisor',
      languages: ['fi'],
      password: PASSWORD,
    },
    t.deps.now(),
  );
  ids.other = other.id;
});
afterAll(() => t.close());

interface Agent {
  cookie: string;
  csrf: string;
}

async function signIn(role: string, password = PASSWORD): Promise<{ status: number; agent?: Agent; body: any }> {
  // A TOTP code is accepted once only: each sign-in comes in a time step (30 s) of its own.
  clock = new Date(clock.getTime() + 30_000);
  const code = totpSecrets[role]
    ? totpFor(totpSecrets[role]!, 'x').generate({ timestamp: clock.getTime() })
    : undefined;
  const res = await t.app.request('/api/staff/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${role}@ihl.example`, password, ...(code ? { totp: code } : {}) }),
  });
  const body = await res.json();
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  return { status: res.status, body, ...(cookie ? { agent: { cookie, csrf: body.csrfToken } } : {}) };
}

async function call(agent: Agent | undefined, method: string, path: string, json?: unknown, csrf = true) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (agent) headers.cookie = agent.cookie;
  if (agent && csrf) headers['x-csrf-token'] = agent.csrf;
  const res = await t.app.request(path, {
    method,
    headers,
    ...(json !== undefined
      ? { body: JSON.stringify(json) }
      : method === 'GET' || method === 'DELETE'
        ? {}
        : { body: '{}' }),
  });
  // A live view (Server-Sent Events) never ends by itself: its status is the answer.
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, body: undefined, headers: res.headers };
  }
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

describe(`sign-in (${engine})`, () => {
  test('a session cookie that is HttpOnly and SameSite=Strict, and a fresh id at every sign-in', async () => {
    const a = await signIn('advisor');
    expect(a.status).toBe(200);
    const b = await signIn('advisor');
    expect(a.agent!.cookie).not.toBe(b.agent!.cookie);
    clock = new Date(clock.getTime() + 30_000);
    const res = await t.app.request('/api/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'advisor@ihl.example',
        password: PASSWORD,
        totp: totpFor(totpSecrets.advisor!, 'x').generate({ timestamp: clock.getTime() }),
      }),
    });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
  });

  test('one generic message for a wrong password, an unknown account and a wrong TOTP code', async () => {
    const wrongPassword = await signIn('advisor', 'not the password at all');
    const unknown = await t.json('/api/staff/login', {
      method: 'POST',
      json: { email: 'nobody@ihl.example', password: PASSWORD },
    });
    const wrongTotp = await t.json('/api/staff/login', {
      method: 'POST',
      json: { email: 'advisor@ihl.example', password: PASSWORD, totp: '000000' },
    });
    for (const r of [wrongPassword, unknown, wrongTotp]) {
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('invalid_credentials');
    }
    expect(unknown.body.error.message).toBe(wrongPassword.body.error.message);
  });

  test('coordinators and admins cannot sign in without a second factor', async () => {
    await createStaffUser(
      t.deps.db,
      { email: 'nototp@ihl.example', displayName: 'No TOTP', role: 'coordinator', languages: [], password: PASSWORD },
      t.deps.now(),
    );
    const res = await t.json('/api/staff/login', {
      method: 'POST',
      json: { email: 'nototp@ihl.example', password: PASSWORD },
    });
    expect(res.status).toBe(401);
  });

  test('after five failures the account is locked for the window, even with the right password', async () => {
    await createStaffUser(
      t.deps.db,
      { email: 'locked@ihl.example', displayName: 'Locked', role: 'advisor', languages: [], password: PASSWORD },
      t.deps.now(),
    );
    for (let i = 0; i < LOGIN_LIMITS.account; i++) {
      expect(
        (
          await t.json('/api/staff/login', {
            method: 'POST',
            json: { email: 'locked@ihl.example', password: 'wrong wrong wrong' },
          })
        ).status,
      ).toBe(401);
    }
    const right = await t.json('/api/staff/login', {
      method: 'POST',
      json: { email: 'locked@ihl.example', password: PASSWORD },
    });
    expect(right.status).toBe(429);
    clock = new Date(clock.getTime() + LOGIN_LIMITS.windowMs);
    expect(
      (await t.json('/api/staff/login', { method: 'POST', json: { email: 'locked@ihl.example', password: PASSWORD } }))
        .status,
    ).toBe(200);
    // The counters hold hashes, not addresses or emails.
    const rows = await t.deps.db.query<{ key_hash: string }>('select key_hash from rate_limits');
    expect(JSON.stringify(rows.rows)).not.toContain('locked@ihl.example');
  });

  test('passwords: at least 12 characters and not a common one', async () => {
    await expect(
      createStaffUser(
        t.deps.db,
        { email: 'weak@ihl.example', displayName: 'Weak', role: 'advisor', languages: [], password: 'short' },
        t.deps.now(),
      ),
    ).rejects.toThrow();
    await expect(
      createStaffUser(
        t.deps.db,
        { email: 'weak@ihl.example', displayName: 'Weak', role: 'advisor', languages: [], password: 'password1234' },
        t.deps.now(),
      ),
    ).rejects.toThrow();
    await expect(
      createStaffUser(
        t.deps.db,
        { email: 'weak@ihl.example', displayName: 'Weak', role: 'advisor', languages: [], password: 'iloveyou12345' },
        t.deps.now(),
      ),
    ).rejects.toThrow();
  });
});

describe(`sessions (${engine})`, () => {
  test('idle for 30 minutes ends the session; activity keeps it alive until 12 hours', async () => {
    const { agent } = await signIn('advisor');
    clock = new Date(clock.getTime() + IDLE_TIMEOUT_MS - 60_000);
    expect((await call(agent, 'GET', '/api/staff/me')).status).toBe(200);
    clock = new Date(clock.getTime() + IDLE_TIMEOUT_MS + 1000);
    expect((await call(agent, 'GET', '/api/staff/me')).status).toBe(401);
    const fresh = (await signIn('advisor')).agent;
    for (let h = 0; h < 26; h++) {
      clock = new Date(clock.getTime() + 29 * 60_000);
      if ((await call(fresh, 'GET', '/api/staff/me')).status !== 200) break;
    }
    expect((await call(fresh, 'GET', '/api/staff/me')).status).toBe(401);
  });

  test('logout ends the session', async () => {
    const { agent } = await signIn('advisor');
    expect((await call(agent, 'POST', '/api/staff/logout')).status).toBe(200);
    expect((await call(agent, 'GET', '/api/staff/me')).status).toBe(401);
  });

  test('a state-changing request without the CSRF token, or from another site, is refused', async () => {
    const { agent } = await signIn('advisor');
    const without = await call(
      agent,
      'POST',
      '/api/staff/availability',
      {
        weekday: 2,
        startTime: '09:00',
        endTime: '10:00',
        slotMinutes: 60,
        modes: ['phone'],
        languages: ['fi'],
        validFrom: '2026-01-01',
      },
      false,
    );
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('csrf');
    const crossSite = await t.app.request('/api/staff/logout', {
      method: 'POST',
      headers: { cookie: agent!.cookie, 'x-csrf-token': agent!.csrf, 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
  });

  test('an admin deactivating an account ends its sessions at once', async () => {
    const advisor = await signIn('advisor');
    const admin = await signIn('admin');
    expect((await call(admin.agent, 'POST', `/api/staff/admin/accounts/${ids.advisor}/deactivate`)).status).toBe(200);
    expect((await call(advisor.agent, 'GET', '/api/staff/me')).status).toBe(401);
    expect((await signIn('advisor')).status).toBe(401);
    await t.deps.db.query('update staff_users set active = true, deactivated_at = null where id = $1', [ids.advisor]);
  });

  test('a one-time reset link sets a new password once, and ends old sessions', async () => {
    const admin = await signIn('admin');
    const old = await signIn('advisor');
    const link = await call(admin.agent, 'POST', `/api/staff/admin/accounts/${ids.advisor}/reset-link`);
    const token = /reset\/([^/]+)\//.exec(link.body.resetUrl)![1]!;
    expect(
      (await t.json('/api/staff/password-reset', { method: 'POST', json: { token, password: '123456789012' } })).status,
    ).toBe(422);
    expect(
      (
        await t.json('/api/staff/password-reset', {
          method: 'POST',
          json: { token, password: 'uusi pitkä salalause kevät' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await t.json('/api/staff/password-reset', {
          method: 'POST',
          json: { token, password: 'toinen pitkä salalause' },
        })
      ).status,
    ).toBe(400);
    expect((await call(old.agent, 'GET', '/api/staff/me')).status).toBe(401);
    expect((await signIn('advisor', 'uusi pitkä salalause kevät')).status).toBe(200);
    await t.deps.db.query(
      'update staff_users set password_hash = (select password_hash from staff_users where email = $1) where id = $2',
      ['coordinator@ihl.example', ids.advisor],
    );
  });
});

describe(`authorization matrix over every staff route (${engine})`, () => {
  const PUBLIC = new Set([
    'POST /api/staff/login',
    'POST /api/staff/password-reset',
    'POST /api/staff/password-reset/authenticator',
  ]);
  const minimumRole = (path: string) =>
    path.startsWith('/api/staff/admin/')
      ? 'admin'
      : path.startsWith('/api/staff/coordinator/')
        ? 'coordinator'
        : 'advisor';

  test('401 without a session, 403 with too low a role, allowed with the right one', async () => {
    const routes = t.app.routes
      .filter((r) => r.path.startsWith('/api/staff/') && ['GET', 'POST', 'DELETE', 'PUT', 'PATCH'].includes(r.method))
      .map((r) => ({ method: r.method, path: r.path }));
    const unique = [...new Map(routes.map((r) => [`${r.method} ${r.path}`, r])).values()];
    expect(unique.length).toBeGreaterThanOrEqual(15);
    const concrete = (p: string) => p.replace(/:id/g, '00000000-0000-4000-8000-000000000000');
    for (const r of unique) {
      const key = `${r.method} ${r.path}`;
      const path = concrete(r.path);
      if (PUBLIC.has(key)) continue;
      expect((await call(undefined, r.method, path)).status, `${key} without a session`).toBe(401);
      // Fresh sessions for each route, since one of them is logout.
      const advisor = (await signIn('advisor')).agent;
      const admin = (await signIn('admin')).agent;
      const asAdvisor = (await call(advisor, r.method, path)).status;
      if (minimumRole(r.path) === 'advisor') expect([401, 403], `${key} as advisor`).not.toContain(asAdvisor);
      else expect(asAdvisor, `${key} as advisor`).toBe(403);
      const asCoordinator = (await call((await signIn('coordinator')).agent, r.method, path)).status;
      if (minimumRole(r.path) === 'admin') expect(asCoordinator, `${key} as coordinator`).toBe(403);
      else expect([401, 403], `${key} as coordinator`).not.toContain(asCoordinator);
      const asAdmin = (await call(admin, r.method, path)).status;
      expect([401, 403], `${key} as admin`).not.toContain(asAdmin);
    }
  });
});

describe(`bookings in the workspace (${engine})`, () => {
  // Each test books for itself (its own client): Tuesday Somali hours, added once per advisor.
  let clients = 0;
  async function bookWith(advisorId: string) {
    await t.deps.db.query(
      `insert into availability_templates (advisor_id, weekday, start_time, end_time, modes, languages, valid_from, created_at)
       select $1, 2, '09:00', '11:00', '{in_person}', '{so}', '2026-01-01', $2
        where not exists (select 1 from availability_templates where advisor_id = $1 and weekday = 2 and 'so' = any(languages))`,
      [advisorId, clock],
    );
    // Written past the service: this process is told, as the workspace's routes do (on PostgreSQL
    // the NOTIFY would come a moment later).
    t.deps.freeTimes.changed();
    // The free times show one advisor per time (whichever is free); this advisor has the same
    // Tuesday hours as the others, so its own slot at a shown time is tried until one is free.
    const slots = await t.json('/api/bookings/slots?language=so&mode=in_person');
    const starts: number[] = slots.body.days.flatMap((d: { times: { start: string }[] }) =>
      d.times.map((x) => new Date(x.start).getTime()),
    );
    let res = { status: 0, body: {} as any };
    for (const start of starts) {
      res = await t.json('/api/bookings', {
        method: 'POST',
        json: {
          slotId: `${advisorId}.${start}`,
          serviceLanguage: 'so',
          mode: 'in_person',
          name: `Hodan Test ${++clients}`,
          phone: '040 555 1234',
          contactLanguage: 'so',
          interpreterLanguage: 'so',
          locale: 'so',
        },
      });
      if (res.status === 201) break;
    }
    expect(res.status).toBe(201);
    return res.body.booking.reference as string;
  }

  test('an advisor sees their own bookings, not another advisor’s; every view is audited with the reference only', async () => {
    const reference = await bookWith(ids.advisor!);
    const mine = (await signIn('advisor')).agent;
    const list = await call(mine, 'GET', '/api/staff/bookings');
    const row = list.body.bookings.find((b: { reference: string }) => b.reference === reference);
    expect(row).toBeDefined();
    // Booked on the public site by a new contact: held until confirmed, and the list says until when.
    expect(row.status).toBe('active');
    expect(new Date(row.hold_until).getTime()).toBeGreaterThan(clock.getTime());
    const detail = await call(mine, 'GET', `/api/staff/bookings/${row.id}`);
    expect(detail.body.booking.client_phone).toBe('+358405551234');
    expect(detail.body.booking.interpreter_status).toBe('needed');
    // No hash of any kind travels to the workspace (a 6-digit code or a phone could be guessed back).
    expect(Object.keys(detail.body.booking).filter((k) => /hash|person_key/.test(k))).toEqual([]);
    const audits = await t.deps.db.query<{ action: string; record_id: string; detail: unknown; actor_id: string }>(
      `select * from audit_log where record_type = 'booking' order by id`,
    );
    expect(
      audits.rows.some((a) => a.action === 'view' && a.record_id === reference && a.actor_id === ids.advisor),
    ).toBe(true);
    expect(JSON.stringify(audits.rows)).not.toContain('Hodan');
    expect(JSON.stringify(audits.rows)).not.toContain('405551234');

    // Another advisor is refused, a coordinator is not.
    const other = await t.app.request('/api/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'other@ihl.example', password: PASSWORD }),
    });
    const otherAgent = {
      cookie: other.headers.get('set-cookie')!.split(';')[0]!,
      csrf: (await other.json()).csrfToken,
    };
    expect((await call(otherAgent, 'GET', `/api/staff/bookings/${row.id}`)).status).toBe(403);
    expect(
      (await call(otherAgent, 'GET', '/api/staff/bookings')).body.bookings.map(
        (b: { reference: string }) => b.reference,
      ),
    ).not.toContain(reference);
    const coordinator = (await signIn('coordinator')).agent;
    expect((await call(coordinator, 'GET', `/api/staff/bookings/${row.id}`)).status).toBe(200);
  });

  test('interpreter status, attended, and cancelled by IHL (the client is told)', async () => {
    const reference = await bookWith(ids.advisor!);
    const mine = (await signIn('advisor')).agent;
    const list = await call(mine, 'GET', '/api/staff/bookings?status=active');
    const id = list.body.bookings.find((b: { reference: string }) => b.reference === reference).id as string;
    expect(
      (await call(mine, 'POST', `/api/staff/bookings/${id}/interpreter`, { status: 'ordered' })).body.booking
        .interpreter_status,
    ).toBe('ordered');
    expect((await call(mine, 'POST', `/api/staff/bookings/${id}/interpreter`, { status: 'teleported' })).status).toBe(
      422,
    );
    const told = async () =>
      (
        await t.deps.db.query<{ n: number }>(
          `select count(*)::int as n from outbox where kind = 'booking_cancelled' and booking_id = $1`,
          [id],
        )
      ).rows[0]!.n;
    expect(await told()).toBe(0);
    expect(
      (await call(mine, 'POST', `/api/staff/bookings/${id}/status`, { status: 'cancelled' })).body.booking.status,
    ).toBe('cancelled');
    expect(await told()).toBe(1); // the SMS; the test client gave no email
    expect((await call(mine, 'POST', `/api/staff/bookings/${id}/status`, { status: 'attended' })).status).toBe(409);
  });

  test('staff move a booking to another free time; the client gets a new manage link and the old one stops working', async () => {
    const slots = await t.json('/api/bookings/slots?language=so&mode=in_person');
    const slot = slots.body.days[0].times[0];
    const created = await t.json('/api/bookings', {
      method: 'POST',
      json: {
        slotId: slot.slotId,
        serviceLanguage: 'so',
        mode: 'in_person',
        name: 'Move Me',
        email: 'move@example.com',
        contactLanguage: 'so',
        locale: 'so',
      },
    });
    const oldToken = /manage\/([^/]+)\//.exec(created.body.manageUrl)![1]!;
    const mine = (await signIn('coordinator')).agent;
    const row = (await call(mine, 'GET', '/api/staff/bookings')).body.bookings.find(
      (b: { reference: string }) => b.reference === created.body.booking.reference,
    );
    const options = await call(mine, 'GET', `/api/staff/bookings/${row.id}/move-options`);
    const target = options.body.times.find((x: { start: string }) => x.start !== slot.start);
    const moved = await call(mine, 'POST', `/api/staff/bookings/${row.id}/move`, { slotId: target.slotId });
    expect(moved.status).toBe(200);
    expect(new Date(moved.body.booking.starts_at).toISOString()).toBe(target.start);
    expect((await t.app.request(`/api/bookings/manage/${oldToken}`)).status).toBe(404);
    const msg = await t.deps.db.query<{ kind: string; data: { manageToken?: string } }>(
      `select kind, data from outbox where booking_id = $1 order by id desc limit 1`,
      [row.id],
    );
    expect(msg.rows[0]!.kind).toBe('booking_changed');
    // The new link waits sealed in the outbox (server/sealed.ts) until the message is sent.
    const link = unseal('DATA_ENCRYPTION_KEY', msg.rows[0]!.data.manageToken!);
    expect(link).not.toBe(msg.rows[0]!.data.manageToken);
    expect((await t.app.request(`/api/bookings/manage/${link}`)).status).toBe(200);
  });

  test('removing availability that holds a booking is refused with that booking listed', async () => {
    const reference = await bookWith(ids.advisor!);
    const mine = (await signIn('advisor')).agent;
    const templates = await call(mine, 'GET', '/api/staff/availability');
    const tuesday = templates.body.templates.find(
      (x: { weekday: number; languages: string[] }) => x.weekday === 2 && x.languages.includes('so'),
    );
    const res = await call(mine, 'DELETE', `/api/staff/availability/${tuesday.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.details.bookings.map((b: { reference: string }) => b.reference)).toContain(reference);
    // Another advisor's availability is not mine to change.
    const other = await call(mine, 'GET', `/api/staff/availability?advisor=${ids.other}`);
    expect(other.status).toBe(403);
  });
});

describe(`exceptions and the preview (${engine})`, () => {
  test('extra hours add public times; an absence over a booking is refused with the booking listed; the preview marks booked slots', async () => {
    const mine = (await signIn('advisor')).agent;
    // The public page has been read before the change (the free times are kept), and follows it
    // at once: the advisor who adds hours sees them offered.
    expect((await t.json('/api/bookings/slots?language=th&mode=video')).body.days).toEqual([]);
    // Extra Thai video hours on Wednesday 2.12.2026.
    const extra = await call(mine, 'POST', '/api/staff/availability/exceptions', {
      date: '2026-12-02',
      kind: 'extra',
      startTime: '13:00',
      endTime: '15:00',
      slotMinutes: 60,
      modes: ['video'],
      languages: ['th'],
    });
    expect(extra.status).toBe(201);
    const slots = await t.json('/api/bookings/slots?language=th&mode=video');
    expect(slots.body.days.map((d: { date: string }) => d.date)).toEqual(['2026-12-02']);
    const slot = slots.body.days[0].times[0];
    const booked = await t.json('/api/bookings', {
      method: 'POST',
      json: {
        slotId: slot.slotId,
        serviceLanguage: 'th',
        mode: 'video',
        name: 'Somchai Test',
        email: 'somchai@example.com',
        contactLanguage: 'th',
        locale: 'th',
      },
    });
    expect(booked.status).toBe(201);
    const absence = await call(mine, 'POST', '/api/staff/availability/exceptions', {
      date: '2026-12-02',
      kind: 'absence',
    });
    expect(absence.status).toBe(409);
    expect(absence.body.error.details.bookings.map((b: { reference: string }) => b.reference)).toEqual([
      booked.body.booking.reference,
    ]);
    expect((await call(mine, 'DELETE', `/api/staff/availability/exceptions/${extra.body.exception.id}`)).status).toBe(
      409,
    );
    const preview = await call(mine, 'GET', '/api/staff/availability/preview');
    const day = preview.body.slots.filter((s: { start: string }) => s.start.startsWith('2026-12-02T1'));
    expect(day.map((s: { booked: boolean }) => s.booked)).toEqual([true, false]);
    // A half-filled exception is refused.
    expect(
      (
        await call(mine, 'POST', '/api/staff/availability/exceptions', {
          date: '2026-12-03',
          kind: 'extra',
          startTime: '13:00',
        })
      ).status,
    ).toBe(422);
  });
});

describe(`walk-in schedule editing (${engine})`, () => {
  test('a coordinator changes the schedule; the public API shows it at once, and bad input is refused', async () => {
    const coordinator = (await signIn('coordinator')).agent;
    const current = await call(coordinator, 'GET', '/api/staff/coordinator/walk-in');
    const schedule = {
      ...current.body.schedule,
      sessions: [{ weekday: 6, start: '10:00', end: '13:00', languages: ['fi', 'th'] }],
    };
    expect((await call(coordinator, 'PUT', '/api/staff/coordinator/walk-in', schedule)).status).toBe(200);
    const pub = await t.json('/api/walk-in');
    expect(pub.body.schedule.sessions).toEqual([{ weekday: 6, start: '10:00', end: '13:00', languages: ['fi', 'th'] }]);
    const bad = await call(coordinator, 'PUT', '/api/staff/coordinator/walk-in', {
      ...schedule,
      sessions: [{ weekday: 9, start: '25:00', end: '10:00', languages: [] }],
    });
    expect(bad.status).toBe(422);
    const audits = await t.deps.db.query(`select * from audit_log where record_type = 'walk_in_schedule'`);
    expect(audits.rows.length).toBe(1);
  });
});

describe(`the audit log (${engine})`, () => {
  test('cannot be changed or deleted, except by the retention job', async () => {
    await signIn('advisor'); // at least one entry for the row triggers to refuse
    await expect(t.deps.db.query(`update audit_log set action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.deps.db.query(`delete from audit_log`)).rejects.toThrow(/append-only/);
    const n = await t.deps.db.transaction(async (tx) => {
      await tx.query(`select set_config('ihl.retention', 'on', true)`);
      return (await tx.query(`delete from audit_log where at < $1`, [new Date('2000-01-01')])).rowCount;
    });
    expect(n).toBe(0);
  });

  test('an admin can search it; an advisor cannot', async () => {
    await signIn('advisor'); // a sign-in is audited: the advisor has at least that entry
    const admin = (await signIn('admin')).agent;
    const res = await call(admin, 'GET', `/api/staff/admin/audit?actor=${ids.advisor}`);
    expect(res.status).toBe(200);
    expect(res.body.entries.length).toBeGreaterThan(0);
    expect(res.body.entries.every((e: { actor_id: string }) => e.actor_id === ids.advisor)).toBe(true);
  });
});
