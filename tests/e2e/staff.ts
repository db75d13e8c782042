/**
 * What a test creates for itself through the workspace API, as a demo staff member: free times
 * that are its own (extra hours on a date, at times no other test uses), course groups of its own.
 * So no two tests compete for one time or one seat, and none needs another to have run.
 */
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { helsinkiInstant } from '../../src/domain/calendar.ts';
import { days } from './clock.ts';

/** The demo accounts' password and the demo coordinator's TOTP secret (server/db/seed.ts, sample data). */
export const PASSWORD = 'demo only, never for real use';
const COORDINATOR_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export const DEMO = {
  /** Demo Advisor A: fi, en, ar. */
  advisorAr: 'demo.advisor.ar@example.invalid',
  /** Demo Advisor B: fi, ru, uk. */
  advisorRu: 'demo.advisor.ru@example.invalid',
  /** Demo Advisor C: fi, sv, en, so. */
  advisorSo: 'demo.advisor.so@example.invalid',
  coordinator: 'demo.coordinator@example.invalid',
} as const;

/** The demo coordinator's current TOTP code on a server's clock (the server checks it on its own). */
export const coordinatorTotp = (now: Date) =>
  new TOTP({ secret: Secret.fromBase32(COORDINATOR_TOTP_SECRET), digits: 6, period: 30 }).generate({
    timestamp: now.getTime(),
  });

/**
 * Waits for the next TOTP time step (30 s) of the server's clock, plus a margin; the test gets the
 * time it waits added to its timeout.
 */
async function waitForNextStep(now: Date) {
  const ms = 30_000 - (now.getTime() % 30_000) + 250;
  test.info().setTimeout(test.info().timeout + ms);
  await new Promise((r) => setTimeout(r, ms));
}

/** Signs in on the workspace page, as a person would (the coordinator with the TOTP code). */
export async function signIn(
  page: Page,
  email: string,
  options: { lang?: 'fi' | 'sv' | 'en'; base?: string; now: () => Date },
) {
  const lang = options.lang ?? 'fi';
  await page.goto(`${options.base ?? ''}/workspace/${lang}/`);
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(PASSWORD);
  const done = new RegExp(`/workspace/${lang}/bookings/$`);
  // A TOTP code is accepted once only: when another test has just used this step's code, wait
  // for the next step (30 s) and type the new one.
  for (let attempt = 0; ; attempt++) {
    if (email === DEMO.coordinator) await page.locator('#login-totp').fill(coordinatorTotp(options.now()));
    await page.keyboard.press('Enter');
    if (email !== DEMO.coordinator || attempt === 2) break;
    if (
      await page.waitForURL(done, { timeout: 5_000 }).then(
        () => true,
        () => false,
      )
    )
      break;
    await waitForNextStep(options.now());
  }
  // Signing in hashes the password (argon2id, memory-hard on purpose): on a loaded machine that
  // alone can outlast the default 5 s, so the wait for the workspace is longer.
  await expect(page).toHaveURL(done, { timeout: 20_000 });
}

export interface StaffApi {
  api: APIRequestContext;
  user: { id: string; email: string; role: string };
  post(path: string, data: unknown): Promise<unknown>;
  dispose(): Promise<void>;
}

/**
 * The coordinator's sessions, one per server, kept for the worker's later tests. A TOTP code is
 * accepted once only and every failed attempt counts towards the account's lockout, so tests that
 * each signed in again would collide on the same 30-second code and lock the account. A session is
 * not state a test asserts on: without one, the next test signs in.
 */
const coordinatorSessions = new Map<string, Awaited<ReturnType<APIRequestContext['storageState']>>>();

/** The coordinator's kept session on this server, if it is still signed in. */
async function keptSession(
  email: string,
  baseURL: string,
): Promise<{ api: APIRequestContext; body: unknown } | undefined> {
  const state = email === DEMO.coordinator ? coordinatorSessions.get(baseURL) : undefined;
  if (!state) return undefined;
  const api = await playwrightRequest.newContext({ baseURL, storageState: state });
  const me = await api.get('/api/staff/me');
  if (me.ok()) return { api, body: await me.json() };
  await api.dispose();
  coordinatorSessions.delete(baseURL);
  return undefined;
}

/** Signs in to the workspace API (a context of its own, not the browser's). */
export async function staffApi(email: string, options: { baseURL: string; now: () => Date }): Promise<StaffApi> {
  const kept = await keptSession(email, options.baseURL);
  if (kept) return staffApiOf(kept.api, kept.body as { user: StaffApi['user']; csrfToken: string });
  const api = await playwrightRequest.newContext({ baseURL: options.baseURL });
  const signIn = () =>
    api.post('/api/staff/login', {
      data: {
        email,
        password: PASSWORD,
        ...(email === DEMO.coordinator ? { totp: coordinatorTotp(options.now()) } : {}),
      },
    });
  let login = await signIn();
  // A TOTP code is accepted once only: another test may just have used this step's code.
  for (let attempt = 0; email === DEMO.coordinator && login.status() === 401 && attempt < 2; attempt++) {
    await waitForNextStep(options.now());
    login = await signIn();
  }
  expect(login.status(), `sign-in as ${email}`).toBe(200);
  if (email === DEMO.coordinator) coordinatorSessions.set(options.baseURL, await api.storageState());
  return staffApiOf(api, (await login.json()) as { user: StaffApi['user']; csrfToken: string });
}

function staffApiOf(
  api: APIRequestContext,
  { user, csrfToken }: { user: StaffApi['user']; csrfToken: string },
): StaffApi {
  return {
    api,
    user,
    async post(path, data) {
      const res = await api.post(path, { headers: { 'x-csrf-token': csrfToken }, data });
      expect(res.ok(), `POST ${path}: ${res.status()} ${await res.text()}`).toBe(true);
      return res.json();
    },
    dispose: () => api.dispose(),
  };
}

export interface OwnTime {
  slotId: string;
  start: Date;
  time: string;
}

/**
 * Extra hours for the signed-in advisor on `date`, one slot at each of `times` (consecutive, each
 * `slotMinutes` long), offered in one language and mode: times that are this test's own. Checks
 * that the public booking API offers exactly these slots at those times (another advisor's slot at
 * the same start time for the same language would be offered instead: a clash between tests).
 */
export async function ownTimes(
  staff: StaffApi,
  input: {
    date: string;
    times: string[];
    slotMinutes: number;
    language: string;
    mode: 'in_person' | 'phone' | 'video';
  },
): Promise<OwnTime[]> {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  const end = minutes(input.times.at(-1)!) + input.slotMinutes;
  const endTime = `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
  await staff.post('/api/staff/availability/exceptions', {
    date: input.date,
    kind: 'extra',
    startTime: input.times[0],
    endTime,
    slotMinutes: input.slotMinutes,
    modes: [input.mode],
    languages: [input.language],
  });
  const own = input.times.map((time) => {
    const start = helsinkiInstant(input.date, time);
    return { slotId: `${staff.user.id}.${start.getTime()}`, start, time };
  });
  const res = await staff.api.get(`/api/bookings/slots?language=${input.language}&mode=${input.mode}`);
  const offered =
    ((await res.json()) as { days: { date: string; times: { slotId: string }[] }[] }).days
      .find((d) => d.date === input.date)
      ?.times.map((t) => t.slotId) ?? [];
  for (const t of own)
    expect(
      offered,
      `the free time ${input.date} ${t.time} (${input.language}, ${input.mode}) is this test's own`,
    ).toContain(t.slotId);
  return own;
}

export interface OwnGroup {
  id: string;
  sessions: { date: string; start: string; end: string }[];
}

/** A course group of the test's own, created by the coordinator: weekly sessions from `firstDate`. */
export async function ownGroup(
  coordinator: StaffApi,
  input: {
    course: string;
    language: string;
    capacity: number;
    enrolOpens: string;
    firstDate: string;
    weeks: number;
    start: string;
    end: string;
    format?: 'in_person' | 'online' | 'hybrid';
  },
): Promise<OwnGroup> {
  const sessions = Array.from({ length: input.weeks }, (_, w) => {
    const d = new Date(`${input.firstDate}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 7 * w);
    return { date: d.toISOString().slice(0, 10), start: input.start, end: input.end };
  });
  const { group } = (await coordinator.post('/api/staff/coordinator/courses/groups', {
    courseSlug: input.course,
    language: input.language,
    format: input.format ?? 'in_person',
    place: 'Aleksanterinkatu 24B, Lahti',
    capacity: input.capacity,
    enrolOpens: input.enrolOpens,
    enrolCloses: sessions.at(-1)!.date,
    sessions,
  })) as { group: { id: string } };
  return { id: group.id, sessions };
}

/** A society-orientation group of the test's own in `language` with 20 seats, open for enrolment today. */
export async function ownOrientationGroup(baseURL: string, language: string, now: () => Date): Promise<OwnGroup> {
  const { today, plus } = days(now());
  const coordinator = await staffApi(DEMO.coordinator, { baseURL, now });
  try {
    return await ownGroup(coordinator, {
      course: 'society-orientation',
      language,
      capacity: 20,
      enrolOpens: today,
      firstDate: plus(15),
      weeks: 4,
      start: '17:00',
      end: '19:00',
    });
  } finally {
    await coordinator.dispose();
  }
}
