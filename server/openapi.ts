/**
 * The OpenAPI 3.1 document of the API, generated from the same zod schemas the routes validate
 * with (z.toJSONSchema, the request side), served at /api/openapi.json with a plain reference
 * page at /api/docs for partners' integrators. Every route the router has must be listed here:
 * tests/api/openapi.test.ts compares the two and validates the document with an independent
 * OpenAPI validator.
 */
import { toJSONSchema } from 'zod';
import type { z } from 'zod';
import {
  bookingRequestSchema,
  changeRequestSchema,
  resendLinkSchema,
  slotQuerySchema,
} from '../src/contracts/booking.ts';
import { enrolmentRequestSchema } from '../src/contracts/courses.ts';
import { feedbackSchema } from '../src/contracts/feedback.ts';
import { personEraseSchema, personLookupSchema } from '../src/contracts/person.ts';
import {
  checkInSchema,
  openDeskSchema,
  openingSchema,
  pauseDeskSchema,
  takeTicketSchema,
  transferSchema,
} from '../src/contracts/queue.ts';
import { reportPeriodSchema } from '../src/contracts/reports.ts';
import {
  closeRequestSchema,
  employerRequestSchema,
  inboxFilterSchema,
  partnerReferralSchema,
  partnerSchema,
  referralFormSchema,
} from '../src/contracts/requests.ts';
import {
  accountSchema,
  attendanceSchema,
  auditQuerySchema,
  availabilitySchema,
  bookingFilterSchema,
  bookingStatusSchema,
  exceptionSchema,
  groupSchema,
  interpreterStatusSchema,
  loginSchema,
  meetingLinkSchema,
  notesSchema,
  passwordResetSchema,
} from '../src/contracts/staff.ts';
import { walkInScheduleSchema } from '../src/domain/walk-in-schema.ts';

type Schema = z.core.$ZodType;
type Auth = 'public' | 'staff' | 'partner' | 'metrics';
interface Operation {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  tag: string;
  summary: string;
  auth?: Auth;
  body?: Schema;
  query?: Schema;
  /** Non-JSON success answers (CSV, calendar, event stream, HTML redirect). */
  produces?: string;
  created?: boolean;
}

const op = (
  method: Operation['method'],
  path: string,
  tag: string,
  summary: string,
  extra: Partial<Operation> = {},
): Operation => ({ method, path, tag, summary, ...extra });
const staff = (method: Operation['method'], path: string, summary: string, extra: Partial<Operation> = {}) =>
  op(method, `/api/staff${path}`, 'Workspace (staff)', summary, { auth: 'staff', ...extra });

export const OPERATIONS: Operation[] = [
  op('get', '/api/health', 'Operations', 'Liveness and the database state'),
  op('get', '/api/ready', 'Operations', 'Readiness: the database answers and every migration is applied'),
  op('get', '/metrics', 'Operations', 'Prometheus metrics (bearer METRICS_TOKEN, or this machine only)', {
    auth: 'metrics',
    produces: 'text/plain',
  }),
  op('get', '/api/walk-in', 'Walk-in desk', "The walk-in desk's schedule with this and next year's holidays"),
  op('get', '/api/bookings/options', 'Bookings', 'Languages and meeting modes that can be booked'),
  op('get', '/api/bookings/slots', 'Bookings', 'Free times for a language and mode', { query: slotQuerySchema }),
  op('post', '/api/bookings', 'Bookings', 'Book an integration-plan assessment', {
    body: bookingRequestSchema,
    created: true,
  }),
  op('post', '/api/bookings/resend-link', 'Bookings', 'Send the manage link again to the contact on record', {
    body: resendLinkSchema,
  }),
  op('get', '/api/bookings/manage/{token}', 'Bookings', 'A booking by its manage token'),
  op('get', '/api/bookings/manage/{token}/calendar.ics', 'Bookings', 'The booking as a calendar file', {
    produces: 'text/calendar',
  }),
  op(
    'post',
    '/api/bookings/manage/{token}/cancel',
    'Bookings',
    'Cancel the booking (JSON, or a form post answered with a redirect)',
  ),
  op('post', '/api/bookings/manage/{token}/change', 'Bookings', 'Move the booking to another free time', {
    body: changeRequestSchema,
  }),
  op('post', '/api/bookings/manage/{token}/feedback', 'Feedback', 'The anonymous satisfaction answer after a booking', {
    body: feedbackSchema,
    created: true,
  }),
  op('get', '/api/courses/groups', 'Courses', 'Society-orientation groups with their free seats'),
  op('get', '/api/courses/groups/{id}/seats', 'Courses', 'Seats left in a group'),
  op('post', '/api/courses/groups/{id}/enrolments', 'Courses', 'Enrol (or join the waitlist)', {
    body: enrolmentRequestSchema,
    created: true,
  }),
  op('post', '/api/courses/enrolments/manage/{token}/cancel', 'Courses', 'Cancel an enrolment'),
  op(
    'get',
    '/api/queue/points/{point}/status',
    'Walk-in queue',
    'Whether the queue is open, how many wait, languages served now',
  ),
  op('get', '/api/queue/points/{point}/open', 'Walk-in queue', 'When the queue at a service point is open'),
  op(
    'post',
    '/api/queue/points/{point}/tickets',
    'Walk-in queue',
    'Take a queue number (JSON, or a form post answered with a redirect)',
    { body: takeTicketSchema, created: true },
  ),
  op(
    'post',
    '/api/queue/points/{point}/check-in',
    'Walk-in queue',
    'A booked client checks in with the booking reference',
    { body: checkInSchema, created: true },
  ),
  op('get', '/api/queue/points/{point}/display', 'Walk-in queue', 'The display screen: current and recent calls'),
  op(
    'get',
    '/api/queue/points/{point}/display/events',
    'Walk-in queue',
    'The display screen, live (Server-Sent Events)',
    { produces: 'text/event-stream' },
  ),
  op('get', '/api/queue/tickets/{token}', 'Walk-in queue', 'A ticket: place in the queue, estimated wait, call'),
  op('get', '/api/queue/tickets/{token}/events', 'Walk-in queue', 'A ticket, live (Server-Sent Events)', {
    produces: 'text/event-stream',
  }),
  op('post', '/api/queue/tickets/{token}/leave', 'Walk-in queue', 'Leave the queue'),
  op(
    'post',
    '/api/queue/tickets/{token}/feedback',
    'Feedback',
    'The anonymous satisfaction answer after a walk-in visit',
    { body: feedbackSchema, created: true },
  ),
  op('post', '/api/requests/employer', 'Requests', 'An employer asks IHL to contact them', {
    body: employerRequestSchema,
    created: true,
  }),
  op('post', '/api/requests/referral', 'Requests', "A partner's staff member refers a client (the public form)", {
    body: referralFormSchema,
    created: true,
  }),
  op('post', '/api/partner/v1/referrals', 'Partner API', "A partner's system refers a client", {
    auth: 'partner',
    body: partnerReferralSchema,
    created: true,
  }),
  op('post', '/api/staff/login', 'Workspace (staff)', 'Sign in (sets the session cookie; returns the CSRF token)', {
    body: loginSchema,
  }),
  op('post', '/api/staff/password-reset', 'Workspace (staff)', 'Set a password with a one-time link', {
    body: passwordResetSchema,
  }),
  staff('get', '/me', 'The signed-in person and the CSRF token'),
  staff('post', '/logout', 'Sign out'),
  staff('get', '/bookings', 'Bookings by day, week or list', { query: bookingFilterSchema }),
  staff('get', '/bookings/version', 'A version stamp that changes with any booking (for live lists)'),
  staff('get', '/bookings/{id}', "A booking's details (audited)"),
  staff('post', '/bookings/{id}/status', 'Attended, no-show or cancelled', { body: bookingStatusSchema }),
  staff('get', '/bookings/{id}/move-options', 'Free times to move a booking to'),
  staff('post', '/bookings/{id}/move', 'Move a booking', { body: changeRequestSchema }),
  staff('post', '/bookings/{id}/interpreter', 'Interpreter status', { body: interpreterStatusSchema }),
  staff('post', '/bookings/{id}/notes', 'Staff notes', { body: notesSchema }),
  staff('post', '/bookings/{id}/meeting-link', 'Video meeting link', { body: meetingLinkSchema }),
  staff('get', '/courses/groups', 'All course groups'),
  staff('get', '/courses/groups/{id}/roster', "A group's roster with attendance (audited)"),
  staff('get', '/courses/groups/{id}/roster.csv', "A group's roster as CSV", { produces: 'text/csv' }),
  staff('post', '/courses/groups/{id}/attendance', 'Mark attendance', { body: attendanceSchema }),
  staff('get', '/courses/enrolments/{id}/certificate', 'A certificate of participation'),
  staff('get', '/messages/failed', 'Messages that could not be sent'),
  staff('get', '/availability', 'Working hours'),
  staff('post', '/availability', 'Add working hours', { body: availabilitySchema, created: true }),
  staff('delete', '/availability/{id}', 'Remove working hours'),
  staff('get', '/availability/exceptions', 'Absences and extra hours'),
  staff('post', '/availability/exceptions', 'Add an absence or extra hours', { body: exceptionSchema, created: true }),
  staff('delete', '/availability/exceptions/{id}', 'Remove an absence or extra hours'),
  staff('get', '/availability/preview', 'The bookable times the hours make'),
  staff('get', '/queue', 'The queue console: desks, waiting numbers, counts'),
  staff('get', '/queue/events', 'The queue console, live (Server-Sent Events)', { produces: 'text/event-stream' }),
  staff('post', '/queue/desk', "Take a desk with today's languages", { body: openDeskSchema }),
  staff('post', '/queue/desk/pause', 'Pause or resume the desk', { body: pauseDeskSchema }),
  staff('post', '/queue/desk/close', 'Close the desk'),
  staff('post', '/queue/call-next', 'Call the next person to the desk'),
  staff('post', '/queue/tickets/{id}/recall', 'Call again'),
  staff('post', '/queue/tickets/{id}/served', 'Served'),
  staff('post', '/queue/tickets/{id}/no-show', 'No-show'),
  staff('post', '/queue/tickets/{id}/transfer', 'Transfer to another topic or desk', { body: transferSchema }),
  staff('post', '/queue/openings', 'An extra opening of the queue today', { body: openingSchema, created: true }),
  staff('get', '/inbox', 'Referrals and employer requests', { query: inboxFilterSchema }),
  staff('get', '/inbox/{id}', "A request's details (audited)"),
  staff('post', '/inbox/{id}/assign', 'Assign to me'),
  staff('post', '/inbox/{id}/contacted', 'Mark contacted (employers: a follow-up in 3 weeks)'),
  staff('post', '/inbox/{id}/close', 'Close with an outcome', { body: closeRequestSchema }),
  staff('post', '/inbox/tasks/{id}/done', 'A follow-up done'),
  staff('get', '/coordinator/walk-in', "The walk-in desk's schedule (coordinators)"),
  staff('put', '/coordinator/walk-in', "Replace the walk-in desk's schedule (coordinators)", {
    body: walkInScheduleSchema,
  }),
  staff('post', '/coordinator/courses/groups', 'Create a course group (coordinators)', {
    body: groupSchema,
    created: true,
  }),
  staff('post', '/coordinator/courses/groups/{id}/cancel', 'Cancel a course group (coordinators)'),
  staff('get', '/coordinator/reports', 'Reports for a period (coordinators)', { query: reportPeriodSchema }),
  staff('get', '/coordinator/reports/{table}.csv', 'One report table as CSV (coordinators)', {
    query: reportPeriodSchema,
    produces: 'text/csv',
  }),
  staff('get', '/coordinator/workload', 'Services per advisor and month (coordinators; never as CSV)', {
    query: reportPeriodSchema,
  }),
  staff('get', '/admin/audit', 'The audit log (admins)', { query: auditQuerySchema }),
  staff('get', '/admin/accounts', 'Staff accounts (admins)'),
  staff('post', '/admin/accounts', 'Create a staff account (admins)', { body: accountSchema, created: true }),
  staff('post', '/admin/accounts/{id}/deactivate', 'Deactivate an account (admins)'),
  staff('post', '/admin/accounts/{id}/reset-link', 'A new password link (admins)'),
  staff('get', '/admin/partners', 'Partners and their API keys (admins)'),
  staff('post', '/admin/partners', 'Add a partner (admins)', { body: partnerSchema, created: true }),
  staff('post', '/admin/partners/{id}/keys', 'Make an API key; shown once (admins)', { created: true }),
  staff('post', '/admin/partner-keys/{id}/revoke', 'Revoke an API key (admins)'),
  staff('get', '/admin/person', "Export one person's data (admins, audited)", { query: personLookupSchema }),
  staff('post', '/admin/person/erase', "Erase one person's data (admins, audited)", { body: personEraseSchema }),
];

const json = (schema: Schema) =>
  toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;

const ERROR = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'lang', 'requestId'],
      properties: {
        code: { type: 'string', description: 'Stable, for programs' },
        message: {
          type: 'string',
          description: "For people, in the requester's language (X-Locale, lang query, Accept-Language)",
        },
        lang: { type: 'string' },
        requestId: { type: 'string' },
        fields: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            properties: { code: { type: 'string' }, message: { type: 'string' } },
          },
        },
        details: { type: 'object' },
      },
    },
  },
};

function parameters(o: Operation) {
  const path = [...o.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1]!,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (!o.query) return path;
  const q = json(o.query) as { properties?: Record<string, unknown>; required?: string[] };
  return [
    ...path,
    ...Object.entries(q.properties ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: (q.required ?? []).includes(name),
      schema,
    })),
  ];
}

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const o of OPERATIONS) {
    const ok = o.produces
      ? { content: { [o.produces]: { schema: { type: 'string' } } } }
      : { content: { 'application/json': { schema: { type: 'object' } } } };
    paths[o.path] ??= {};
    paths[o.path]![o.method] = {
      operationId: `${o.method}_${o.path
        .replace(/^\/api\//, '')
        .replace(/[{}]/g, '')
        .replace(/[^A-Za-z0-9]+/g, '_')}`,
      tags: [o.tag],
      summary: o.summary,
      ...(o.auth === 'staff'
        ? { security: [{ session: [] }] }
        : o.auth === 'partner'
          ? { security: [{ partnerKey: [] }] }
          : o.auth === 'metrics'
            ? { security: [{ metricsToken: [] }] }
            : { security: [] }),
      parameters: parameters(o),
      ...(o.body ? { requestBody: { required: true, content: { 'application/json': { schema: json(o.body) } } } } : {}),
      responses: {
        [o.created ? '201' : '200']: { description: 'OK', ...ok },
        '4XX': {
          description: 'A problem with the request, in the one error format',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'International House Lahti portal API',
      version: '1',
      description:
        "Partners' systems use `POST /api/partner/v1/referrals` with `Authorization: Bearer ihlp_…` (a key an admin makes). Everything else serves the portal's own pages. Errors always come in one format, with field-level messages in the requester's language.",
    },
    servers: [{ url: serverUrl }],
    components: {
      schemas: { Error: ERROR },
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'ihl_session',
          description: 'Staff session (`__Host-ihl_session` in production); changes also need the X-CSRF-Token header',
        },
        partnerKey: { type: 'http', scheme: 'bearer', description: "A partner system's API key" },
        metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN' },
      },
    },
    paths,
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A plain reference page (no script, no inline style: the CSP holds) for integrators. */
export function openApiHtml(doc: ReturnType<typeof openApiDocument>): string {
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const o = raw as {
        tags: string[];
        summary: string;
        requestBody?: { content: { 'application/json': { schema: unknown } } };
        parameters: { name: string; in: string; required: boolean }[];
      };
      const params = o.parameters.length
        ? `<p>Parameters: ${o.parameters.map((p) => `<code>${esc(p.name)}</code> (${p.in}${p.required ? ', required' : ''})`).join(', ')}</p>`
        : '';
      const body = o.requestBody
        ? `<details><summary>Request body (JSON Schema)</summary><pre>${esc(JSON.stringify(o.requestBody.content['application/json'].schema, null, 2))}</pre></details>`
        : '';
      const list = byTag.get(o.tags[0]!) ?? [];
      list.push(
        `<article><h3><code>${method.toUpperCase()} ${esc(path)}</code></h3><p>${esc(o.summary)}</p>${params}${body}</article>`,
      );
      byTag.set(o.tags[0]!, list);
    }
  }
  const sections = [...byTag]
    .map(([tag, items]) => `<section><h2>${esc(tag)}</h2>${items.join('')}</section>`)
    .join('');
  return `<!doctype html><html lang="en" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(doc.info.title)}</title></head><body><main><h1>${esc(doc.info.title)}</h1><p>${esc(doc.info.description)}</p><p>The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>${sections}</main></body></html>`;
}
