/**
 * Configuration from the environment, validated once at start-up. A bad value stops the server
 * with a message naming the variable (README "Configuration" lists every variable).
 */
import { z } from 'zod';
import { LIMIT_PROFILES, limitsFor } from './domain/limits.ts';
import { ProxyListError, parseTrustedProxies } from './domain/client-address.ts';
import { KeyError, parseKeyring } from './sealed.ts';

/** A keyring for sealed values (server/sealed.ts): `id:base64-of-32-bytes`, comma-separated, the first encrypts. */
const keyring = z
  .string()
  .optional()
  .superRefine((v, ctx) => {
    if (v === undefined) return;
    try {
      parseKeyring(v);
    } catch (err) {
      if (!(err instanceof KeyError)) throw err;
      ctx.addIssue({ code: 'custom', message: err.message });
    }
  });

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4321),
    /**
     * The portal's address as people reach it, for absolute links (emails, SMS, .ics, QR codes).
     * Unset: http://<HOST>:<PORT> (0.0.0.0, ::, loopback: localhost); required in production.
     * Links shown inside a page are relative, so they follow the page's own origin.
     */
    PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    /**
     * Demo content (sample advisors, availability, courses). `auto`: loaded into an empty embedded
     * database outside production. `yes`: loaded even into a production database, because someone
     * asked for it by name. `no`: never.
     */
    DEMO_CONTENT: z.enum(['auto', 'yes', 'no']).default('auto'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    /** Where the built site lives (astro build output). */
    SITE_DIR: z.string().min(1).default('./dist'),
    /**
     * The proxies whose X-Forwarded-For is believed: addresses and CIDR ranges, comma-separated,
     * or `loopback`, `private`; `false`/unset: none; `true` (the old boolean form): `loopback`.
     */
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((v, ctx) => {
        try {
          return parseTrustedProxies(v);
        } catch (err) {
          if (!(err instanceof ProxyListError)) throw err;
          ctx.addIssue({ code: 'custom', message: err.message });
          return z.NEVER;
        }
      }),
    /** smtp://user:pass@host:port or smtps://…; unset: emails go to DATA_DIR/mail-sink as .eml files. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
    /** Hours a message stays in the development sinks (DATA_DIR/mail-sink, sms-sink.jsonl) before it is deleted. */
    SINK_KEEP_HOURS: z.coerce
      .number()
      .min(0)
      .max(24 * 30)
      .default(48),
    MAIL_FROM: z.string().min(3).default('International House Lahti <no-reply@international-house-lahti.example>'),
    SMS_PROVIDER: z.enum(['sink', 'http']).default('sink'),
    SMS_HTTP_URL: z.url().optional(),
    SMS_HTTP_TOKEN: z.string().optional(),
    /**
     * Country calling codes SMS may go to, comma-separated without "+" (Finland by default): a
     * number from elsewhere is refused at the form with a field error, and never texted.
     */
    SMS_COUNTRY_CODES: z
      .string()
      .regex(/^\d{1,3}(,\d{1,3})*$/, 'must be calling codes separated by commas, e.g. 358 or 358,46')
      .prefault('358')
      .transform((v) => v.split(',')),
    /** SMS sent per Helsinki day at most; from 80 % on a warning is logged, over it SMS wait for the next day. */
    SMS_DAILY_CAP: z.coerce.number().int().min(1).default(500),
    /**
     * `standard` limits on the public writes (server/domain/limits.ts), or `load-test` (every
     * budget × 1000) for the test suites and the benchmark. Refused in production.
     */
    LIMITS_PROFILE: z.enum(LIMIT_PROFILES).default('standard'),
    /**
     * Video meetings: a URL with {room}, e.g. https://video.example.fi/ihl-{room}; each video
     * booking gets a room of its own (random, unguessable). Unset: no link at booking time, the
     * messages say the link comes later and staff add it in the workspace.
     */
    VIDEO_MEETING_URL_TEMPLATE: z
      .string()
      .regex(/^https:\/\/[^\s]*\{room\}/, 'must be an https:// URL containing {room}')
      .optional(),
    BOOKING_HORIZON_DAYS: z.coerce.number().int().min(1).max(365).default(42),
    BOOKING_NOTICE_WORKING_DAYS: z.coerce.number().int().min(0).max(30).default(1),
    BOOKING_CUTOFF_HOURS: z.coerce.number().min(0).max(168).default(2),
    REMINDER_HOURS_BEFORE: z.coerce.number().int().min(1).max(168).default(24),
    /** Bearer token Prometheus sends to /metrics; unset: /metrics answers only requests from this machine. */
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /** Staff second-factor (TOTP) secrets are sealed with it at rest (server/sealed.ts). Required in production. */
    TOTP_ENCRYPTION_KEY: keyring,
    /** Manage tokens waiting in the outbox are sealed with it at rest. Required in production. */
    DATA_ENCRYPTION_KEY: keyring,
    /** Embedded mode: hours between automatic backups into DATA_DIR/backups (0: none). */
    BACKUP_INTERVAL_HOURS: z.coerce
      .number()
      .min(0)
      .max(24 * 30)
      .default(24),
    /** How many automatic backups to keep. */
    BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(7),
    /**
     * The longest time any backup of this database is kept, wherever (the embedded automatic ones,
     * the PostgreSQL host's pg_dump rotation, tapes): the erasure journal keeps its entries as long.
     */
    BACKUP_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    /** The erasure journal's directory (server/erasure-journal.ts); unset: DATA_DIR/erasure-journal. Shared by all instances. */
    ERASURE_JOURNAL: z.string().min(1).optional(),
    /** Live (SSE) streams per client address on one instance: many phones share Palvelutori's Wi-Fi. */
    LIVE_MAX_PER_ADDRESS: z.coerce.number().int().min(1).default(200),
    /** Live (SSE) streams on one instance in total. */
    LIVE_MAX_TOTAL: z.coerce.number().int().min(1).default(5000),
    /** A live stream's longest life; the browser then reconnects on its own. */
    LIVE_MAX_MINUTES: z.coerce
      .number()
      .min(0.01)
      .max(24 * 60)
      .default(60),
    /** Heartbeat of live streams (keeps proxies from closing them; staff streams recheck their session). */
    LIVE_HEARTBEAT_MS: z.coerce.number().int().min(100).default(25_000),
    MESSAGE_WORKER_INTERVAL_MS: z.coerce.number().int().min(200).default(5000),
    /**
     * Start the portal's clock at this instant (ISO 8601 with offset) and let it run on from there:
     * for browser tests and demos on a chosen day. Refused in production.
     */
    CLOCK_START: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((env) => env.NODE_ENV !== 'production' || !env.CLOCK_START, {
    path: ['CLOCK_START'],
    message: 'is for tests and demos only; unset it in production',
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.LIMITS_PROFILE === 'standard', {
    path: ['LIMITS_PROFILE'],
    message: 'is for tests and benchmarks only; production runs with the standard limits',
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.PUBLIC_BASE_URL, {
    path: ['PUBLIC_BASE_URL'],
    message: 'is required in production (the address in emails, SMS and calendar files)',
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.TOTP_ENCRYPTION_KEY, {
    path: ['TOTP_ENCRYPTION_KEY'],
    message: 'is required in production (id:base64 of 32 random bytes; see README "Security")',
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.DATA_ENCRYPTION_KEY, {
    path: ['DATA_ENCRYPTION_KEY'],
    message: 'is required in production (id:base64 of 32 random bytes; see README "Security")',
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.SMTP_URL, {
    path: ['SMTP_URL'],
    message: 'is required in production (without it emails are only written to DATA_DIR/mail-sink)',
  })
  .refine((env) => env.SMS_PROVIDER !== 'http' || env.SMS_HTTP_URL, {
    path: ['SMS_HTTP_URL'],
    message: 'is required when SMS_PROVIDER=http',
  })
  .transform((raw) => {
    const env = withBaseUrl(raw);
    return {
      ...env,
      production: env.NODE_ENV === 'production',
      limits: limitsFor(env.LIMITS_PROFILE),
      sms: { countryCodes: env.SMS_COUNTRY_CODES, dailyCap: env.SMS_DAILY_CAP },
      booking: {
        horizonDays: env.BOOKING_HORIZON_DAYS,
        noticeWorkingDays: env.BOOKING_NOTICE_WORKING_DAYS,
        cutoffHours: env.BOOKING_CUTOFF_HOURS,
        publicBaseUrl: env.PUBLIC_BASE_URL,
        videoMeetingUrlTemplate: env.VIDEO_MEETING_URL_TEMPLATE,
        activePerContact: limitsFor(env.LIMITS_PROFILE).activePerContact,
        smsCountryCodes: env.SMS_COUNTRY_CODES,
      },
      database: env.DATABASE_URL
        ? ({ engine: 'postgres', url: env.DATABASE_URL } as const)
        : ({ engine: 'pglite', dataDir: env.DATA_DIR } as const),
    };
  });

/** The default public address follows HOST and PORT; one that listens everywhere or on loopback is reached as localhost. */
function withBaseUrl<E extends { HOST: string; PORT: number; PUBLIC_BASE_URL?: string | undefined }>(
  env: E,
): E & { PUBLIC_BASE_URL: string } {
  if (env.PUBLIC_BASE_URL) return { ...env, PUBLIC_BASE_URL: env.PUBLIC_BASE_URL };
  const local = ['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost'].includes(env.HOST);
  const host = local ? 'localhost' : env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  return { ...env, PUBLIC_BASE_URL: `http://${host}:${env.PORT}` };
}

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.keys(configSchema.in.shape);
  const picked = Object.fromEntries(known.map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const result = configSchema.safeParse(picked);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(config)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
