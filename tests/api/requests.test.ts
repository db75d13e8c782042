/**
 * Referrals and employer requests on each engine: the public forms (validation in the user's
 * language, honeypot, limits per IP, nothing written on rejection), the employer's confirmation
 * email, partner API keys (missing, unknown, revoked), the advisor inbox with its working-day due
 * dates, who may see personal data (audited), the follow-up 3 weeks after contact, and retention.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';
import { STAFF_PASSWORD, staffCall as signedInCall, type Agent } from '../support/staff.ts';
import { createStaffUser, newTotpSecret, totpFor, type Role } from '../../server/services/auth.ts';
import { processOutbox } from '../../server/workers/outbox.ts';
import { anonymiseClosedRequests } from '../../server/services/requests.ts';
import { REFERRAL_CONSENT_VERSION } from '../../src/contracts/requests.ts';

// Monday 23.11.2026 10:00 in Helsinki: three working days later is Thursday 26.11.
const MONDAY = new Date('2026-11-23T08:00:00Z');
let clock = MONDAY;
let t: TestApp;

interface Person {
  email: string;
  role: Role;
  id: string;
  secret?: string;
  /** Sessions signed in so far, each at its clock time. */
  sessions: { agent: Agent; at: number }[];
}
const people: Record<string, Person> = {
  anna: { email: 'anna@ihl.example', role: 'advisor', id: '', sessions: [] },
  bertil: { email: 'bertil@ihl.example', role: 'advisor', id: '', sessions: [] },
  coordinator: { email: 'coord@ihl.example', role: 'coordinator', id: '', secret: newTotpSecret(), sessions: [] },
  admin: { email: 'admin@ihl.example', role: 'admin', id: '', secret: newTotpSecret(), sessions: [] },
};
/**
 * A signed-in call as `who`: with a session signed in near this clock time, or a new one. (Tests
 * set the clock back and forth; signing in twice at one time would reuse a TOTP code, which the
 * workspace rightly refuses.)
 */
async function as(who: keyof typeof people, method: string, path: string, json?: unknown) {
  const p = people[who]!;
  let session = p.sessions.find((s) => Math.abs(clock.getTime() - s.at) <= 20 * 60_000);
  if (!session) {
    const totp = p.secret ? totpFor(p.secret, 'x').generate({ timestamp: clock.getTime() }) : undefined;
    const res = await t.app.request('/api/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: p.email, password: STAFF_PASSWORD, ...(totp ? { totp } : {}) }),
    });
    expect(res.status, `${who} signs in at ${clock.toISOString()}`).toBe(200);
    const agent = {
      cookie: res.headers.get('set-cookie')!.split(';')[0]!,
      csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
    };
    session = { agent, at: clock.getTime() };
    p.sessions.push(session);
  }
  return signedInCall(t, session.agent, method, path, json);
}

const employer = (over: Record<string, unknown> = {}) => ({
  company: 'Lahden Konepaja Oy',
  businessId: '0112038-9',
  contactName: 'Maija Mallikas',
  email: 'maija@konepaja.example',
  needs: ['recruiting', 'permits'],
  positions: 4,
  sector: 'industry',
  languages: ['en', 'fi'],
  locale: 'fi',
  ...over,
});
const referral = (over: Record<string, unknown> = {}) => ({
  partnerOrg: 'kela',
  partnerName: 'Kela Lahti',
  referrerName: 'Pekka Ohjaaja',
  referrerEmail: 'pekka@kela.example',
  clientName: 'Amina Client',
  clientPhone: '040 123 4567',
  clientLanguage: 'so',
  interpreterNeeded: true,
  reasons: ['assessment', 'work'],
  note: 'Prefers mornings.',
  consent: true,
  consentVersion: REFERRAL_CONSENT_VERSION,
  locale: 'fi',
  ...over,
});
// Each public post comes from its own address unless a test says otherwise, so limits do not mix.
let ip = 0;
const post = (path: string, json: unknown, headers: Record<string, string> = {}) =>
  t.json(path, { method: 'POST', json, headers: { 'x-forwarded-for': `198.51.100.${++ip % 250}`, ...headers } });
const count = async (table: string) =>
  Number((await t.deps.db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n);

beforeAll(async () => {
  // The standard limits: this file checks the forms' own limits (5 and 20 per address).
  t = await testApp({ now: () => clock, env: { TRUST_PROXY: 'true', LIMITS_PROFILE: 'standard' } });
  for (const p of Object.values(people)) {
    p.id = (
      await createStaffUser(
        t.deps.db,
        {
          email: p.email,
          displayName: p.email.split('@')[0]!,
          role: p.role,
          languages: ['fi'],
          password: STAFF_PASSWORD,
          ...(p.secret ? { totpSecret: p.secret } : {}),
        },
        t.deps.now(),
      )
    ).id;
  }
});
afterAll(() => t.close());
beforeEach(async () => {
  clock = MONDAY;
  await t.deps.db.exec('delete from outbox; delete from requests; delete from rate_limits;');
});

describe(`the employer form (${engine})`, () => {
  test("a request gets a reference and a first-contact date three working days on, and a confirmation email in the form's language", async () => {
    const res = await post('/api/requests/employer', employer());
    expect(res.status).toBe(201);
    expect(res.body.reference).toMatch(/^[2-9A-Z]{3}-[2-9A-Z]{3}$/);
    expect(res.body.dueDate).toBe('2026-11-26');
    const sent: { to: string; subject: string; text: string }[] = [];
    await processOutbox({
      db: t.deps.db,
      log: t.deps.log,
      transports: { email: async (m) => void sent.push(m), sms: async () => {} },
      baseUrl: 'https://portal.example',
      from: 'x@portal.example',
      now: () => clock,
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe('maija@konepaja.example');
    expect(sent[0]!.subject).toBe('Yhteydenottopyyntönne on vastaanotettu');
    expect(sent[0]!.text).toContain('Hei Maija Mallikas,');
    expect(sent[0]!.text).toContain(res.body.reference);
    expect(sent[0]!.text).toContain('Otamme yhteyttä viimeistään 26. marraskuuta 2026.');
    expect(sent[0]!.text).toContain(`Viite: ${res.body.reference}`);
    expect(sent[0]!.text).toContain('- Työluvat ja oikeus tehdä työtä');
    // Nothing personal in the logs.
    expect(t.logs.join('\n')).not.toMatch(/Mallikas|konepaja\.example/);
  });

  test("a wrong business ID, no needs or a filled honeypot get field errors in the user's language, and nothing is written", async () => {
    const bad = await post('/api/requests/employer', employer({ businessId: '0112038-8', needs: [], locale: 'fi' }), {
      'x-locale': 'fi',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.businessId.message).toBe(
      'Tarkista Y-tunnus: muoto 1234567-8 ja oikea tarkistusnumero.',
    );
    expect(bad.body.error.fields.needs.message).toBe('Valitse vähintään yksi.');
    const arabic = await post('/api/requests/employer', employer({ businessId: '123' }), { 'x-locale': 'ar' });
    expect(arabic.body.error.lang).toBe('ar');
    expect(arabic.body.error.fields.businessId.message).toMatch(/[\u0600-\u06FF]/);
    expect((await post('/api/requests/employer', employer({ website: 'http://spam.example' }))).status).toBe(422);
    const malformed = await t.app.request('/api/requests/employer', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"company":',
    });
    expect(malformed.status).toBe(400);
    expect(await count('requests')).toBe(0);
    expect(await count('outbox')).toBe(0);
  });

  test('five requests per address in 15 minutes, then 429 naming the phone and the walk-in desk', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    for (let i = 0; i < 5; i++)
      expect((await t.json('/api/requests/employer', { method: 'POST', json: employer(), headers })).status).toBe(201);
    const over = await t.json('/api/requests/employer', { method: 'POST', json: employer(), headers, locale: 'fi' });
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('limit_reached');
    expect(over.body.error.message).toContain('+358 3 814 0000');
    // The address is kept only as a hash salted with its window.
    const stored = await t.deps.db.query<{ key_hash: string }>(
      `select key_hash from rate_limits where bucket = 'employerRequest'`,
    );
    expect(stored.rows.map((r) => r.key_hash).join()).not.toContain('203.0.113.9');
  });
});

describe(`referrals (${engine})`, () => {
  test("the form needs the client's consent and a way to reach them; the consent version is stored", async () => {
    const noConsent = await post('/api/requests/referral', referral({ consent: false, clientPhone: undefined }), {
      'x-locale': 'fi',
    });
    expect(noConsent.status).toBe(422);
    expect(noConsent.body.error.fields.consent.message).toBe('Ohjaus tarvitsee asiakkaan suostumuksen.');
    expect(noConsent.body.error.fields.clientPhone.code).toBe('phone_or_email');
    expect(await count('requests')).toBe(0);
    const ok = await post('/api/requests/referral', referral());
    expect(ok.status).toBe(201);
    const row = (
      await t.deps.db.query<{ consent_version: string; org_name: string; language: string; source: string }>(
        'select consent_version, org_name, language, source from requests',
      )
    ).rows[0]!;
    expect(row).toEqual({
      consent_version: REFERRAL_CONSENT_VERSION,
      org_name: 'Kela Lahti',
      language: 'so',
      source: 'form',
    });
  });

  test('partner API keys: none, unknown and revoked get 401; a valid key files the referral under its partner', async () => {
    const body = {
      ...referral(),
      partnerOrg: undefined,
      partnerName: undefined,
      locale: undefined,
      consent: undefined,
      consentGiven: true,
      consentVersion: 'kela-2026-01',
    };
    const api = (key?: string) =>
      t.json('/api/partner/v1/referrals', {
        method: 'POST',
        json: body,
        headers: key ? { authorization: `Bearer ${key}` } : {},
      });
    expect((await api()).status).toBe(401);
    expect((await api(`ihlp_${'x'.repeat(43)}`)).status).toBe(401);

    const partner = await as('admin', 'POST', '/api/staff/admin/partners', {
      name: 'Päijät-Hämeen hyvinvointialue',
      orgKind: 'wellbeing',
    });
    expect(partner.status).toBe(201);
    const made = await as('admin', 'POST', `/api/staff/admin/partners/${partner.body.partner.id}/keys`);
    expect(made.status).toBe(201);
    const key = made.body.key as string;
    expect(key).toMatch(/^ihlp_[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored; the list shows the prefix, never the key.
    const list = await as('admin', 'GET', '/api/staff/admin/partners');
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(list.body.partners[0].keys[0].prefix).toBe(key.slice(0, 12));
    expect((await t.deps.db.query('select 1 from partner_api_keys where key_hash = $1', [key])).rowCount).toBe(0);

    const filed = await api(key);
    expect(filed.status).toBe(201);
    const row = (
      await t.deps.db.query<{ org_name: string; org_kind: string; source: string; consent_version: string }>(
        'select org_name, org_kind, source, consent_version from requests',
      )
    ).rows[0]!;
    expect(row).toEqual({
      org_name: 'Päijät-Hämeen hyvinvointialue',
      org_kind: 'wellbeing',
      source: 'api',
      consent_version: 'kela-2026-01',
    });
    // A bad body with a good key: field errors, nothing written.
    const bad = await t.json('/api/partner/v1/referrals', {
      method: 'POST',
      json: { ...body, reasons: [] },
      headers: { authorization: `Bearer ${key}` },
    });
    expect(bad.status).toBe(422);
    expect(await count('requests')).toBe(1);

    expect((await as('admin', 'POST', `/api/staff/admin/partner-keys/${made.body.id}/revoke`)).status).toBe(200);
    const revoked = await api(key);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('invalid_api_key');
    // Advisors cannot make keys.
    expect((await as('anna', 'POST', `/api/staff/admin/partners/${partner.body.partner.id}/keys`)).status).toBe(403);
  });
});

describe(`the advisor inbox (${engine})`, () => {
  test('due dates in working days, overdue items stand out, and contacting an employer creates the follow-up three weeks later', async () => {
    clock = new Date('2026-12-23T10:00:00Z'); // Wednesday before Christmas: 24.–27. are not working days, so due Wednesday 30.12.
    const created = await post('/api/requests/employer', employer());
    expect(created.body.dueDate).toBe('2026-12-30');
    const list = await as('anna', 'GET', '/api/staff/inbox');
    const item = list.body.items.find((i: { reference: string }) => i.reference === created.body.reference);
    expect(item).toMatchObject({
      kind: 'employer',
      status: 'new',
      from: 'Lahden Konepaja Oy',
      overdue: false,
      followUp: null,
    });
    // The list itself holds no personal data.
    expect(JSON.stringify(list.body)).not.toMatch(/Mallikas|konepaja\.example/);

    clock = new Date('2026-12-30T21:00:00Z'); // 23:00 on the due day: not yet late
    expect((await as('anna', 'GET', '/api/staff/inbox')).body.items[0].overdue).toBe(false);
    clock = new Date('2026-12-30T22:00:00Z'); // midnight: late
    expect((await as('anna', 'GET', '/api/staff/inbox')).body.items[0].overdue).toBe(true);

    expect((await as('anna', 'POST', `/api/staff/inbox/${item.id}/assign`)).body.item).toMatchObject({
      status: 'assigned',
      assignedTo: { id: people.anna!.id },
    });
    const contacted = await as('anna', 'POST', `/api/staff/inbox/${item.id}/contacted`);
    expect(contacted.body.item).toMatchObject({ status: 'contacted', overdue: false });
    expect(contacted.body.item.followUp.dueAt).toBe('2027-01-20T22:00:00.000Z');
    expect(contacted.body.item.followUp.doneAt).toBeNull();

    clock = new Date('2027-01-21T08:00:00Z');
    const later = (await as('anna', 'GET', '/api/staff/inbox')).body.items[0];
    expect(later.followUp.overdue).toBe(true);
    expect((await as('anna', 'POST', `/api/staff/inbox/tasks/${later.followUp.id}/done`)).status).toBe(200);
    const closed = await as('anna', 'POST', `/api/staff/inbox/${item.id}/close`, { outcome: 'recruitment_support' });
    expect(closed.body.item).toMatchObject({ status: 'closed', outcome: 'recruitment_support' });
    expect((await as('anna', 'POST', `/api/staff/inbox/${item.id}/close`, { outcome: 'declined' })).status).toBe(409);
    expect((await as('anna', 'POST', `/api/staff/inbox/${item.id}/close`, { outcome: 'maybe' })).status).toBe(422);
  });

  test('personal data: the assigned advisor and coordinators see it, other advisors get 403, and every view is audited', async () => {
    const created = await post('/api/requests/referral', referral());
    const id = (await as('anna', 'GET', '/api/staff/inbox')).body.items[0].id;
    await as('anna', 'POST', `/api/staff/inbox/${id}/assign`);
    const mine = await as('anna', 'GET', `/api/staff/inbox/${id}`);
    expect(mine.body.item.personal).toMatchObject({ clientName: 'Amina Client', clientPhone: '+358401234567' });
    expect(mine.body.item).toMatchObject({
      language: 'so',
      interpreterNeeded: true,
      categories: ['assessment', 'work'],
      reference: created.body.reference,
    });
    expect((await as('bertil', 'GET', `/api/staff/inbox/${id}`)).status).toBe(403);
    expect((await as('bertil', 'POST', `/api/staff/inbox/${id}/contacted`)).status).toBe(403);
    expect((await as('coordinator', 'GET', `/api/staff/inbox/${id}`)).status).toBe(200);
    const views = await t.deps.db.query<{ actor_id: string }>(
      `select actor_id from audit_log where action = 'view' and record_type = 'request' and record_id = $1 order by id`,
      [id],
    );
    expect(views.rows.map((r) => r.actor_id)).toEqual([people.anna!.id, people.anna!.id, people.coordinator!.id]);
  });

  test('retention: personal data of requests closed long enough ago is removed; the facts for reports stay', async () => {
    await post('/api/requests/referral', referral());
    await post('/api/requests/employer', employer());
    const items = (await as('coordinator', 'GET', '/api/staff/inbox')).body.items;
    const referralId = items.find((i: { kind: string }) => i.kind === 'referral').id;
    await as('coordinator', 'POST', `/api/staff/inbox/${referralId}/close`, { outcome: 'assessment_booked' });
    clock = new Date(MONDAY.getTime() + 364 * 86_400_000);
    expect(await anonymiseClosedRequests(t.deps.db, clock, 365)).toBe(0);
    clock = new Date(MONDAY.getTime() + 366 * 86_400_000);
    expect(await anonymiseClosedRequests(t.deps.db, clock, 365)).toBe(1);
    const detail = (await as('coordinator', 'GET', `/api/staff/inbox/${referralId}`)).body.item;
    expect(detail).toMatchObject({
      anonymised: true,
      personal: null,
      language: 'so',
      outcome: 'assessment_booked',
      categories: ['assessment', 'work'],
      from: 'Kela Lahti',
    });
    // The open employer request keeps its data.
    const open = (
      await t.deps.db.query<{ n: number }>('select count(*)::int as n from requests where personal is not null')
    ).rows[0]!.n;
    expect(Number(open)).toBe(1);
  });
});
