/** The workspace API's payloads, shared by the workspace pages and the routes. */
import * as z from 'zod/mini';
import { MODES, languageCodeSchema } from './booking.ts';

export const ROLES = ['advisor', 'coordinator', 'admin'] as const;
const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const hhmm = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/));
const uuid = z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/));

export const loginSchema = z.strictObject({
  email: z.pipe(z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254)), z.email()),
  password: z.string().check(z.minLength(1), z.maxLength(1024)),
  totp: z.optional(z.string().check(z.regex(/^\d{6}$/))),
});

export const passwordResetSchema = z.strictObject({
  token: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  password: z.string().check(z.minLength(1), z.maxLength(1024)),
  /** A code from the authenticator enrolled on the same link (turns the second factor on). */
  totp: z.optional(z.string().check(z.regex(/^\d{6}$/))),
});

/** The holder of a one-time link asks for their authenticator's setting. */
export const authenticatorEnrolmentSchema = z.strictObject({
  token: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
});

/** Whose hours: a coordinator or admin may name an advisor (`?advisor=<id>`); by default one's own. */
export const advisorQuerySchema = z.object({ advisor: z.optional(z.string()) });

export const bookingFilterSchema = z.object({
  from: z.optional(isoDate),
  to: z.optional(isoDate),
  language: z.optional(languageCodeSchema),
  mode: z.optional(z.enum(MODES)),
  status: z.optional(z.enum(['active', 'cancelled', 'attended', 'no_show', 'expired'])),
  advisor: z.optional(uuid),
});

export const bookingStatusSchema = z.strictObject({ status: z.enum(['attended', 'no_show', 'cancelled']) });
export const interpreterStatusSchema = z.strictObject({
  status: z.enum(['not_needed', 'needed', 'ordered', 'confirmed']),
});
export const notesSchema = z.strictObject({ notes: z.string().check(z.trim(), z.maxLength(1000)) });
export const meetingLinkSchema = z.strictObject({
  url: z.pipe(z.string().check(z.trim(), z.maxLength(500)), z.url({ protocol: /^https$/ })),
});

export const availabilitySchema = z
  .strictObject({
    advisorId: z.optional(uuid),
    weekday: z.number().check(z.int(), z.minimum(1), z.maximum(7)),
    startTime: hhmm,
    endTime: hhmm,
    slotMinutes: z.number().check(z.int(), z.minimum(15), z.maximum(240)),
    modes: z.array(z.enum(MODES)).check(z.minLength(1)),
    languages: z.array(languageCodeSchema).check(z.minLength(1), z.maxLength(20)),
    validFrom: isoDate,
    validUntil: z.optional(isoDate),
  })
  .check(
    z.refine(
      (a: unknown) => (a as { endTime: string; startTime: string }).endTime > (a as { startTime: string }).startTime,
      { path: ['endTime'], params: { key: 'errors.field.invalid', code: 'end_before_start' } },
    ),
  );

export const accountSchema = z.strictObject({
  email: z.pipe(z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254)), z.email()),
  displayName: z.string().check(z.trim(), z.minLength(2), z.maxLength(120)),
  role: z.enum(ROLES),
  languages: z.array(languageCodeSchema).check(z.maxLength(20)),
});

export const auditQuerySchema = z.object({
  actor: z.optional(uuid),
  recordType: z.optional(z.string().check(z.regex(/^[a-z_]{2,40}$/))),
  recordId: z.optional(z.string().check(z.maxLength(80))),
  from: z.optional(isoDate),
  to: z.optional(isoDate),
});

export const exceptionSchema = z
  .strictObject({
    advisorId: z.optional(uuid),
    date: isoDate,
    kind: z.enum(['absence', 'extra']),
    startTime: z.optional(hhmm),
    endTime: z.optional(hhmm),
    slotMinutes: z.optional(z.number().check(z.int(), z.minimum(15), z.maximum(240))),
    modes: z.optional(z.array(z.enum(MODES))),
    languages: z.optional(z.array(languageCodeSchema).check(z.maxLength(20))),
  })
  .check(
    z.refine(
      (v: unknown) => {
        const e = v as { kind: string; startTime?: string; endTime?: string; modes?: string[]; languages?: string[] };
        if (!!e.startTime !== !!e.endTime) return false;
        if (e.startTime && e.endTime && e.endTime <= e.startTime) return false;
        return e.kind === 'absence' || (!!e.startTime && !!e.modes?.length && !!e.languages?.length);
      },
      { path: ['endTime'], params: { key: 'errors.field.invalid', code: 'incomplete_hours' } },
    ),
  );

export const groupSchema = z.strictObject({
  courseSlug: z.string().check(z.regex(/^[a-z0-9-]{2,60}$/)),
  language: languageCodeSchema,
  format: z.enum(['in_person', 'online', 'hybrid']),
  place: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  capacity: z.number().check(z.int(), z.minimum(1), z.maximum(200)),
  enrolOpens: isoDate,
  enrolCloses: isoDate,
  sessions: z.array(z.strictObject({ date: isoDate, start: hhmm, end: hhmm })).check(z.minLength(1), z.maxLength(60)),
});

export const attendanceSchema = z.strictObject({ enrolmentId: uuid, sessionId: uuid, present: z.boolean() });

/** A coordinator assigns an advisor (their staff account's id) as a course group's teacher. */
export const teacherAssignmentSchema = z.strictObject({ staffId: uuid });
