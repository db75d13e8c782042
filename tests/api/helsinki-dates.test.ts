/**
 * "21 days later" is Helsinki's wall-clock time, on each engine: the case sits where 24-hour days
 * gave another answer, across a DST change.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { engine } from '../support/db.ts';
import { staffAgent, staffCall } from '../support/staff.ts';

let clock = new Date('2027-03-01T08:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await testApp({ now: () => clock });
});
afterAll(() => t.close());

describe(`the employer's follow-up across a DST change (${engine})`, () => {
  test('contacted on Monday 15 March 2027 at 10:00, followed up on Monday 5 April at 10:00 summer time (21 days, 503 hours)', async () => {
    clock = new Date('2027-03-12T08:00:00Z');
    const created = await t.json('/api/requests/employer', {
      method: 'POST',
      headers: { 'x-forwarded-for': '198.51.100.77' },
      json: { company: 'Kevätkello Oy', businessId: '0112038-9', contactName: 'Kaisa Kello', email: 'kaisa@kevatkello.example', needs: ['recruiting'], positions: 1, sector: 'industry', languages: ['fi'], locale: 'fi' },
    });
    expect(created.status).toBe(201);
    clock = new Date('2027-03-15T08:00:00Z'); // 10:00 EET
    const advisor = await staffAgent(t, 'advisor');
    const item = (await staffCall(t, advisor, 'GET', '/api/staff/inbox')).body.items.find((i: { reference: string }) => i.reference === created.body.reference);
    const contacted = await staffCall(t, advisor, 'POST', `/api/staff/inbox/${item.id}/contacted`);
    expect(contacted.body.item.followUp.dueAt).toBe('2027-04-05T07:00:00.000Z'); // 10:00 EEST, not 11:00
  });
});
