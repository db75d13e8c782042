/**
 * What the workspace API answers, as schemas (the public answers are in responses.ts, whose pieces
 * these reuse): the routes name them in their description (server/http/route-doc.ts), so the
 * OpenAPI document shows each answer's shape, and every API test checks real answers against them
 * (`answersFitTheirSchemas`). The workspace islands import only the types inferred here
 * (`import type`), so none of this reaches a browser bundle. Rows read straight from the database
 * keep its column names (snake_case); timestamps arrive as ISO instants.
 */
import * as z from 'zod/mini';
import { MODES } from './booking.ts';
import { OUTCOMES, REQUEST_STATUSES } from '../domain/request-options.ts';
import { ROLES } from './staff.ts';
import { personCandidateSchema } from './person.ts';
import { isoDate, isoInstant, openStateSchema, servicePointSchema, ticketTopicSchema } from './responses.ts';

const nullableString = z.nullable(z.string());
const nullableInstant = z.nullable(isoInstant);

// Accounts and sign-in

/** An account as the database has it (no secrets). */
const accountFields = {
  id: z.string(),
  email: z.string(),
  display_name: z.string(),
  role: z.enum(ROLES),
  languages: z.array(z.string()),
  active: z.boolean(),
  totp_enabled: z.boolean(),
};
/** The signed-in person (and a new account): with the workspace language. */
export const staffUserSchema = z.object({ ...accountFields, ui_locale: z.enum(['fi', 'sv', 'en']) });
export type StaffUserView = z.infer<typeof staffUserSchema>;
/** Sign-in and "who am I": the person and the CSRF token every change sends back. */
export const signedInSchema = z.object({ user: staffUserSchema, csrfToken: z.string() });
export type SignedIn = z.infer<typeof signedInSchema>;
export const enrolmentAnswerSchema = z.object({
  enrolment: z.nullable(z.object({ totpUri: z.string(), required: z.boolean() })),
});
/** An account in the admins' list: whether it is a demo account. */
export const accountSchema = z.object({ ...accountFields, is_demo: z.boolean() });
export type Account = z.infer<typeof accountSchema>;
export const accountsSchema = z.object({ accounts: z.array(accountSchema) });
export const accountCreatedSchema = z.object({
  user: staffUserSchema,
  resetUrl: z.string(),
  totpRequired: z.boolean(),
});
export const resetLinkSchema = z.object({ resetUrl: z.string() });

// Bookings

const BOOKING_STATUSES = ['active', 'cancelled', 'attended', 'no_show', 'expired'] as const;
/** A booking in the workspace's list: no contact details. */
export const staffBookingRowSchema = z.object({
  id: z.string(),
  reference: z.string(),
  advisor_id: z.string(),
  advisor_name: z.string(),
  starts_at: isoInstant,
  ends_at: isoInstant,
  mode: z.enum(MODES),
  service_language: z.string(),
  status: z.enum(BOOKING_STATUSES),
  client_name: z.string(),
  contact_language: z.string(),
  interpreter_language: nullableString,
  interpreter_status: z.string(),
  created_at: isoInstant,
  /** A public booking not confirmed yet: held until this instant (README "Security"). */
  hold_until: nullableInstant,
});
export type StaffBookingListRow = z.infer<typeof staffBookingRowSchema>;
/** A booking's details (audited): the row and its contact details, notes and link; no hash of any kind. */
export const staffBookingDetailSchema = z.object({
  ...staffBookingRowSchema.shape,
  client_phone: nullableString,
  client_email: nullableString,
  access_needs: nullableString,
  reason: nullableString,
  meeting_link: nullableString,
  staff_notes: nullableString,
});
export type StaffBookingDetail = z.infer<typeof staffBookingDetailSchema>;
export const staffBookingsSchema = z.object({ bookings: z.array(staffBookingRowSchema) });
export const staffBookingAnswerSchema = z.object({ booking: staffBookingDetailSchema });
export const bookingsVersionSchema = z.object({ version: z.string() });
export const moveOptionsSchema = z.object({ times: z.array(z.object({ slotId: z.string(), start: isoInstant })) });
export const failedMessageSchema = z.object({
  id: z.number(),
  kind: z.string(),
  channel: z.string(),
  attempts: z.number(),
  last_error: z.string(),
  reference: z.string(),
  starts_at: isoInstant,
});
export type FailedMessage = z.infer<typeof failedMessageSchema>;
export const failedMessagesSchema = z.object({ messages: z.array(failedMessageSchema) });

// Availability

const hhmm = z.string().check(z.regex(/^\d{2}:\d{2}$/));
export const templateSchema = z.object({
  id: z.string(),
  advisor_id: z.string(),
  weekday: z.number(),
  start_time: hhmm,
  end_time: hhmm,
  slot_minutes: z.number(),
  modes: z.array(z.enum(MODES)),
  languages: z.array(z.string()),
  valid_from: isoDate,
  valid_until: z.nullable(isoDate),
});
export type AvailabilityTemplate = z.infer<typeof templateSchema>;
export const templatesSchema = z.object({ templates: z.array(templateSchema) });
export const templateAddedSchema = z.object({ template: templateSchema });
export const exceptionSchema = z.object({
  id: z.string(),
  date: isoDate,
  kind: z.enum(['absence', 'extra']),
  start_time: z.nullable(hhmm),
  end_time: z.nullable(hhmm),
  slot_minutes: z.number(),
  modes: z.array(z.enum(MODES)),
  languages: z.array(z.string()),
});
export type AvailabilityException = z.infer<typeof exceptionSchema>;
export const exceptionsSchema = z.object({ exceptions: z.array(exceptionSchema) });
export const exceptionAddedSchema = z.object({ exception: z.object({ id: z.string() }) });
export const previewSlotSchema = z.object({
  start: isoInstant,
  end: isoInstant,
  modes: z.array(z.enum(MODES)),
  languages: z.array(z.string()),
  booked: z.boolean(),
});
export type PreviewSlot = z.infer<typeof previewSlotSchema>;
export const previewSchema = z.object({ slots: z.array(previewSlotSchema) });

// Courses

export const staffGroupSchema = z.object({
  id: z.string(),
  course_slug: z.string(),
  language: z.string(),
  format: z.string(),
  place: nullableString,
  capacity: z.number(),
  enrolled_count: z.number(),
  status: z.string(),
  waiting: z.number(),
  first_start: nullableInstant,
  teachers: z.array(z.object({ id: z.string(), name: z.string() })),
  /** The signed-in person teaches this group. */
  mine: z.boolean(),
  /** The signed-in person may open its roster (its teacher, or a coordinator). */
  rosterOpen: z.boolean(),
});
export type StaffGroup = z.infer<typeof staffGroupSchema>;
export const staffGroupsSchema = z.object({ groups: z.array(staffGroupSchema) });
/** The advisors a coordinator can assign as a group's teachers. */
export const teachersSchema = z.object({
  teachers: z.array(z.object({ id: z.string(), display_name: z.string(), languages: z.array(z.string()) })),
});
export const groupCreatedSchema = z.object({ group: z.object({ id: z.string() }) });
/** A cancelled group: how many people were told. */
export const groupCancelledSchema = z.object({ told: z.number() });
export const rosterSchema = z.object({
  group: z.object({ id: z.string(), course_slug: z.string(), language: z.string() }),
  sessions: z.array(z.object({ id: z.string(), start: isoInstant })),
  people: z.array(
    z.object({
      id: z.string(),
      reference: z.string(),
      client_name: z.string(),
      client_phone: nullableString,
      client_email: nullableString,
      status: z.string(),
      arrival: z.number(),
    }),
  ),
  attendance: z.array(z.object({ enrolment_id: z.string(), session_id: z.string(), present: z.boolean() })),
});
export type Roster = z.infer<typeof rosterSchema>;
export const certificateSchema = z.object({
  reference: z.string(),
  name: z.string(),
  course: z.string(),
  language: z.string(),
  present: z.number(),
  total: z.number(),
  from: isoInstant,
  to: isoInstant,
});
export type Certificate = z.infer<typeof certificateSchema>;
export const certificateAnswerSchema = z.object({ certificate: certificateSchema });

// The walk-in queue's console

export const calledTicketSchema = z.object({
  id: z.string(),
  code: z.string(),
  language: z.string(),
  topic: ticketTopicSchema,
  interpreterNeeded: z.boolean(),
  reason: z.string(),
  calledAt: isoInstant,
  callCount: z.number(),
  waitedMinutes: z.number(),
});
export type CalledTicket = z.infer<typeof calledTicketSchema>;
export const consoleViewSchema = z.object({
  servicePoints: z.array(z.object({ ...servicePointSchema.shape, desks: z.array(z.string()), open: openStateSchema })),
  desk: z.nullable(
    z.object({ servicePoint: z.string(), desk: z.string(), languages: z.array(z.string()), paused: z.boolean() }),
  ),
  current: z.nullable(z.object({ ...calledTicketSchema.shape, noShowFrom: isoInstant })),
  waiting: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      language: z.string(),
      topic: ticketTopicSchema,
      waitedMinutes: z.number(),
      overMaxWait: z.boolean(),
      forDesk: nullableString,
      appointment: z.boolean(),
      mine: z.boolean(),
    }),
  ),
  desks: z.array(
    z.object({ desk: z.string(), languages: z.array(z.string()), paused: z.boolean(), calling: nullableString }),
  ),
  counts: z.object({ byLanguage: z.record(z.string(), z.number()), byTopic: z.record(z.string(), z.number()) }),
  maxWaitMinutes: z.number(),
});
export type ConsoleView = z.infer<typeof consoleViewSchema>;
export const calledSchema = z.object({ called: z.nullable(calledTicketSchema), view: consoleViewSchema });

// Kiosks, partners

export const kiosksSchema = z.object({
  kiosks: z.array(z.object({ id: z.string(), label: z.string(), created_at: isoInstant, revoked_at: nullableInstant })),
});
export const kioskPairedSchema = z.object({
  kiosk: z.object({ id: z.string(), label: z.string() }),
  key: z.string(),
  pairing: z.string(),
});
const partnerSchema = z.object({ id: z.string(), name: z.string(), org_kind: z.string() });
export const partnerRowSchema = z.object({
  ...partnerSchema.shape,
  created_at: isoInstant,
  keys: z.array(
    z.object({
      id: z.string(),
      partner_id: z.string(),
      prefix: z.string(),
      created_at: isoInstant,
      revoked_at: nullableInstant,
      last_used_at: nullableInstant,
    }),
  ),
});
export type PartnerRow = z.infer<typeof partnerRowSchema>;
export const partnersSchema = z.object({ partners: z.array(partnerRowSchema) });
export const partnerCreatedSchema = z.object({ partner: partnerSchema });
/** A partner's API key, the only time anyone sees it. */
export const apiKeySchema = z.object({ id: z.string(), key: z.string(), prefix: z.string() });

// The inbox of referrals and employer requests

export const inboxItemSchema = z.object({
  id: z.string(),
  kind: z.enum(['referral', 'employer']),
  reference: z.string(),
  status: z.enum(REQUEST_STATUSES),
  from: z.string(),
  receivedAt: isoInstant,
  dueAt: isoInstant,
  overdue: z.boolean(),
  contactedAt: nullableInstant,
  outcome: z.nullable(z.enum(OUTCOMES)),
  assignedTo: z.nullable(z.object({ id: z.string(), name: z.string() })),
  followUp: z.nullable(z.object({ id: z.string(), dueAt: isoInstant, doneAt: nullableInstant, overdue: z.boolean() })),
  anonymised: z.boolean(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;
export const inboxDetailSchema = z.object({
  ...inboxItemSchema.shape,
  language: nullableString,
  categories: z.array(z.string()),
  sector: nullableString,
  positions: z.nullable(z.number()),
  orgKind: nullableString,
  interpreterNeeded: z.nullable(z.boolean()),
  consentVersion: nullableString,
  /** Personal data; null once anonymised. */
  personal: z.nullable(z.record(z.string(), z.unknown())),
});
export type InboxDetail = z.infer<typeof inboxDetailSchema>;
export const inboxSchema = z.object({ items: z.array(inboxItemSchema) });
export const inboxAnswerSchema = z.object({ item: inboxDetailSchema });

// Reports

const monthSchema = z.string().check(z.regex(/^\d{4}-\d{2}$/));
const periodSchema = z.object({ from: monthSchema, to: monthSchema });
const cellSchema = z.union([z.string(), z.number(), z.null()]);
export const reportTableSchema = z.object({
  id: z.string(),
  columns: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(['month', 'quarter', 'language', 'topic', 'text', 'count', 'number', 'percent']),
    }),
  ),
  chart: z.object({ value: z.string(), label: z.array(z.string()) }),
  /** How the counts relate (server/domain/disclosure.ts): sums, shares, means. */
  relations: z.record(z.string(), z.unknown()),
  stats: z.optional(z.record(z.string(), z.object({ n: z.string(), count: z.string() }))),
  /** "<5" and withheld cells come as they are, so the page, the chart and the CSV agree. */
  rows: z.array(z.array(cellSchema)),
});
export type ReportTableView = z.infer<typeof reportTableSchema>;
export const reportsSchema = z.object({
  period: periodSchema,
  tables: z.array(reportTableSchema),
  comments: z.array(z.object({ context: z.string(), month: monthSchema, language: z.string(), comment: z.string() })),
});
export type Reports = z.infer<typeof reportsSchema>;
/** A row of the coordinators' per-advisor workload (never in a CSV). */
export const advisorWorkloadSchema = z.object({
  month: monthSchema,
  /** The advisor's name, or null: nobody recorded, or an account since removed (then `key`). */
  advisor: nullableString,
  key: nullableString,
  assessments: z.number(),
  walkIn: z.number(),
  requests: z.number(),
  services: z.number(),
  available: z.boolean(),
});
export type AdvisorWorkload = z.infer<typeof advisorWorkloadSchema>;
export const workloadSchema = z.object({ period: periodSchema, rows: z.array(advisorWorkloadSchema) });

// Personal data (admins), the audit log

const rows = z.array(z.record(z.string(), z.unknown()));
/** Everything held on one person: each table's rows as the database has them. */
export const personExportSchema = z.object({
  exportedAt: isoInstant,
  bookings: rows,
  enrolments: rows,
  requests: rows,
  queueTexts: rows,
});
export type PersonExport = z.infer<typeof personExportSchema>;
/** The records an email or phone number matches, for the admin to pick from. */
export const personCandidatesSchema = z.object({ candidates: z.array(personCandidateSchema) });
export const personErasedSchema = z.object({
  erased: z.object({ bookings: z.number(), enrolments: z.number(), requests: z.number(), queueTexts: z.number() }),
});
export const auditEntrySchema = z.object({
  id: z.number(),
  at: isoInstant,
  actor_id: nullableString,
  actor_role: nullableString,
  action: z.string(),
  record_type: z.string(),
  record_id: nullableString,
  detail: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditSchema = z.object({ entries: z.array(auditEntrySchema) });
