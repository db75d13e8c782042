/** Staff accounts and signed-in calls for API tests. */
import { createStaffUser, newTotpSecret, totpFor, type Role } from '../../server/services/auth.ts';
import type { TestApp } from './app.ts';

export const STAFF_PASSWORD = 'kolme vihreää omenaa pöydällä';
export interface Agent {
  cookie: string;
  csrf: string;
}

export async function staffAgent(
  t: TestApp,
  role: Role,
  email = `${role}-${Math.random().toString(36).slice(2)}@ihl.example`,
  now = t.deps.now,
): Promise<Agent & { id: string }> {
  const secret = newTotpSecret();
  const user = await createStaffUser(
    t.deps.db,
    { email, displayName: `Test ${role}`, role, languages: ['fi'], password: STAFF_PASSWORD, totpSecret: secret },
    t.deps.now(),
  );
  const res = await t.app.request('/api/staff/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email,
      password: STAFF_PASSWORD,
      totp: totpFor(secret, 'x').generate({ timestamp: now().getTime() }),
    }),
  });
  const body = (await res.json()) as { csrfToken: string };
  return { id: user.id, cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrfToken };
}

export async function staffCall(t: TestApp, agent: Agent, method: string, path: string, json?: unknown) {
  const res = await t.app.request(path, {
    method,
    headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf, 'content-type': 'application/json' },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* CSV and other text */
  }
  return { status: res.status, body, headers: res.headers };
}
