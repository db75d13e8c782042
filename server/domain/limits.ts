/**
 * Every limit on the public writes, in one place, each with its reason (README "Security").
 * Read once at start through `server/config.ts` (`config.limits`), which also picks the profile:
 * `LIMITS_PROFILE=standard` (the default, and the only one production accepts) or `load-test`
 * (every budget × 1000, for the test suites and the benchmark that send many writes from one
 * address; the limits stay in the code and are still counted). To change a limit, change it here
 * with its reason; the tests in tests/api/limits.test.ts read the same numbers.
 *
 * Counting is in the database (`server/services/rate-limit.ts`): one row per limit, client key
 * and window, so every instance counts the same and no single row is updated by every write.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

export interface Budget {
  /** How many writes one client key may make in a window; the next one gets 429 `limit_reached`. */
  max: number;
  windowMinutes: number;
  /** Why this number: what it protects, and who it must not stop. */
  reason: string;
}

export const ADDRESS_LIMITS = {
  booking: {
    max: 6,
    windowMinutes: 60,
    reason:
      'Assessment times are few; a person books one, a family or a social worker at one address a few. Stops a script from emptying the calendar.',
  },
  enrolment: {
    max: 10,
    windowMinutes: 60,
    reason: 'Course seats and the waitlist: a person enrols in a group or two; a family a few more.',
  },
  resendLink: {
    max: 5,
    windowMinutes: 15,
    reason: 'Each accepted request may send an SMS or email: limits message floods to one contact.',
  },
  feedback: {
    max: 30,
    windowMinutes: 60,
    reason: 'One answer per visit; a shared address (a library, Palvelutori Wi-Fi) serves many visitors.',
  },
  queueTicket: {
    max: 40,
    windowMinutes: 15,
    reason: "Phones behind Palvelutori's one Wi-Fi address take numbers too; a script should not fill the day's queue.",
  },
  queueCheckIn: {
    max: 40,
    windowMinutes: 15,
    reason: 'Booked clients checking in share the same Wi-Fi; guessing references is slowed down.',
  },
  queueSms: {
    max: 10,
    windowMinutes: 15,
    reason:
      'A person asks once to be told by SMS; each number given may receive two messages, so a script must not point many tickets at strangers.',
  },
  employerRequest: {
    max: 5,
    windowMinutes: 15,
    reason: 'An employer sends one request; each writes an inbox item advisors must answer.',
  },
  referralForm: {
    max: 20,
    windowMinutes: 15,
    reason: "A partner's office refers several clients in a row; each writes an inbox item.",
  },
} as const satisfies Record<string, Budget>;

export type PublicWrite = keyof typeof ADDRESS_LIMITS;

/**
 * A paired kiosk (a key a coordinator made in the workspace) counts on its own budget instead of
 * its address's: one tablet at the desk serves everyone who walks in.
 */
export const KIOSK_LIMITS = {
  queueTicket: {
    max: 400,
    windowMinutes: 15,
    reason: 'One tablet serves every walk-in visitor; 400 in 15 minutes is far beyond a busy morning.',
  },
  queueCheckIn: {
    max: 200,
    windowMinutes: 15,
    reason: 'Every booked client checks in at the tablet.',
  },
} as const satisfies Partial<Record<PublicWrite, Budget>>;

/** The partner API counts per key, not per address. */
export const PARTNER_API_LIMIT: Budget = {
  max: 300,
  windowMinutes: 60,
  reason: "A partner's system sends its referrals in batches; each writes an inbox item.",
};

/**
 * One phone number (E.164) or email address (lower-case, trimmed) may hold this many active
 * bookings and enrolments (waitlist places count) together, whatever the names given.
 */
export const ACTIVE_PER_CONTACT: Budget = {
  max: 4,
  windowMinutes: 0,
  reason:
    'A family sharing one phone books and enrols a few people; made-up names with one number cannot hold the calendar.',
};

export const LIMIT_PROFILES = ['standard', 'load-test'] as const;
export type LimitProfile = (typeof LIMIT_PROFILES)[number];

/** The load-test profile's factor: every budget is multiplied, none removed. */
export const LOAD_TEST_FACTOR = 1000;

export interface Limits {
  address: Record<PublicWrite, Budget>;
  kiosk: Partial<Record<PublicWrite, Budget>>;
  partnerApi: Budget;
  activePerContact: number;
}

export function limitsFor(profile: LimitProfile): Limits {
  const factor = profile === 'load-test' ? LOAD_TEST_FACTOR : 1;
  const scale = <K extends string>(budgets: Partial<Record<K, Budget>>) =>
    Object.fromEntries(
      Object.entries<Budget>(budgets as Record<K, Budget>).map(([k, b]) => [k, { ...b, max: b.max * factor }]),
    );
  return {
    address: scale(ADDRESS_LIMITS) as Record<PublicWrite, Budget>,
    kiosk: scale(KIOSK_LIMITS),
    partnerApi: { ...PARTNER_API_LIMIT, max: PARTNER_API_LIMIT.max * factor },
    activePerContact: ACTIVE_PER_CONTACT.max * factor,
  };
}

/**
 * The key an address is counted under: IPv4 as it is, an IPv4-mapped IPv6 address as its IPv4,
 * any other IPv6 address as its /64 prefix (one home or phone gets a whole /64, so counting single
 * addresses would let one device rotate through 2^64 of them). Anything else stays as it is.
 */
export function limitKey(address: string): string {
  const bare = address
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
    .toLowerCase();
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bare)) return bare;
  const groups = ipv6Groups(bare);
  if (!groups) return bare;
  const isMapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (isMapped) return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address (with `::` and a dotted IPv4 tail), or undefined. */
function ipv6Groups(text: string): number[] | undefined {
  if (!text.includes(':')) return undefined;
  let s = text;
  const tail = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (tail) {
    const b = tail.slice(1).map(Number);
    if (b.some((n) => n > 255)) return undefined;
    s = `${s.slice(0, tail.index)}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const part = (h: string) => (h ? h.split(':') : []);
  const head = part(halves[0]!);
  const rest = halves.length === 2 ? part(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return all.map((g) => Number.parseInt(g, 16));
}

/** A phone number as E.164 (Finnish numbers may be written locally), or undefined if it is none. */
export function normalizePhone(phone: string): string | undefined {
  const parsed = parsePhoneNumberFromString(phone.trim(), 'FI');
  return parsed?.isValid() ? parsed.number : undefined;
}

/** An email address as counted: trimmed, lower-case. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** The contacts a booking or enrolment is counted under for `ACTIVE_PER_CONTACT`. */
export function contactKeys(contact: { phone?: string | undefined; email?: string | undefined }) {
  return {
    phone: contact.phone ? (normalizePhone(contact.phone) ?? contact.phone.trim()) : null,
    email: contact.email ? normalizeEmail(contact.email) : null,
  };
}

/** The country calling code of an E.164 number ("+358401234567" → "358"), or undefined. */
export function callingCode(phone: string): string | undefined {
  return parsePhoneNumberFromString(phone.trim(), 'FI')?.countryCallingCode;
}
