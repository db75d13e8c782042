/**
 * The workspace API. Every route but sign-in and the password reset sits behind requireStaff with
 * its minimum role (tests/api/staff-authz.test.ts checks each one, found from the router itself).
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../context.ts';
import {
  accountSchema,
  attendanceSchema,
  auditQuerySchema,
  availabilitySchema,
  exceptionSchema,
  groupSchema,
  bookingFilterSchema,
  bookingStatusSchema,
  interpreterStatusSchema,
  loginSchema,
  meetingLinkSchema,
  notesSchema,
  passwordResetSchema,
} from '../../src/contracts/staff.ts';
import { DomainError } from '../domain/errors.ts';
import { clientIp } from '../http/client-ip.ts';
import { staffQueueRoutes } from './staff-queue.ts';
import { staffInboxRoutes } from './staff-inbox.ts';
import { createApiKey, createPartner, listPartners, revokeApiKey } from '../services/partners.ts';
import { partnerSchema } from '../../src/contracts/requests.ts';
import { personEraseSchema, personLookupSchema } from '../../src/contracts/person.ts';
import { erasePerson, exportPerson } from '../services/person-data.ts';
import { reportPeriodSchema } from '../../src/contracts/reports.ts';
import { advisorWorkload, buildReports, latestComments, REPORT_IDS, toCsv } from '../services/reports.ts';
import { parseQuery, parseWith, readJson } from '../http/validate.ts';
import { clearSessionCookie, requireStaff, setSessionCookie, type StaffEnv } from '../http/staff-auth.ts';
import { audit, searchAudit } from '../services/audit.ts';
import { deactivate, login, logout, requireRole, resetPassword } from '../services/auth.ts';
import { createAccount, listAccounts, newPasswordLink } from '../services/accounts.ts';
import {
  addException,
  addTemplate,
  listExceptions,
  listTemplates,
  removeException,
  removeTemplate,
  targetAdvisor,
} from '../services/availability.ts';
import { previewSlots } from '../services/free-slots.ts';
import { currentSchedule, saveSchedule } from '../services/walk-in.ts';
import {
  cancelGroup,
  certificate,
  createGroup,
  listAllGroups,
  markAttendance,
  roster,
  rosterCsv,
} from '../services/course-admin.ts';
import { walkInScheduleSchema } from '../../src/domain/walk-in-schema.ts';
import { changeRequestSchema } from '../../src/contracts/booking.ts';
import {
  bookingDetail,
  bookingsVersion,
  failedMessages,
  moveBooking,
  moveOptions,
  listBookings,
  setBookingStatus,
  setInterpreterStatus,
  setMeetingLink,
  setNotes,
} from '../services/staff-bookings.ts';

const uuidParam = (id: string) => {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) throw new DomainError('not_found');
  return id;
};

/** The one-time link where a person sets their password, in their workspace language. */
const resetUrl = (c: Context<StaffEnv>, locale: string, token: string) =>
  `${c.var.deps.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/workspace/${locale}/reset/${token}/`;

const publicStaff = new Hono<AppEnv>()
  .post('/login', async (c) => {
    const input = parseWith(loginSchema, await readJson(c));
    const { db, config, now } = c.var.deps;
    const { sessionId, session } = await login(db, { ...input, ip: clientIp(c, config.TRUST_PROXY) }, now());
    await audit(db, now(), session.user, 'login', 'staff_user', session.user.id);
    setSessionCookie(c, sessionId);
    return c.json({ user: session.user, csrfToken: session.csrfToken });
  })
  .post('/password-reset', async (c) => {
    const input = parseWith(passwordResetSchema, await readJson(c));
    await resetPassword(c.var.deps.db, input.token, input.password, c.var.deps.now());
    return c.json({ status: 'ok' });
  });

const advisor = new Hono<StaffEnv>()
  .use(requireStaff('advisor'))
  .get('/me', (c) => c.json({ user: c.var.staff.user, csrfToken: c.var.staff.csrfToken }))
  .post('/logout', async (c) => {
    await logout(c.var.deps.db, c.var.staff.idHash);
    await audit(c.var.deps.db, c.var.deps.now(), c.var.staff.user, 'logout', 'staff_user', c.var.staff.user.id);
    clearSessionCookie(c);
    return c.json({ status: 'ok' });
  })
  .get('/bookings', async (c) =>
    c.json({
      bookings: await listBookings(
        c.var.deps.db,
        c.var.staff.user,
        parseQuery(c, bookingFilterSchema),
        c.var.deps.now(),
      ),
    }),
  )
  .get('/bookings/version', async (c) => c.json({ version: await bookingsVersion(c.var.deps.db, c.var.staff.user) }))
  .get('/bookings/:id', async (c) =>
    c.json({ booking: await bookingDetail(c.var.deps.db, c.var.staff.user, c.req.param('id'), c.var.deps.now()) }),
  )
  .post('/bookings/:id/status', async (c) => {
    const { status } = parseWith(bookingStatusSchema, await readJson(c));
    return c.json({
      booking: await setBookingStatus(c.var.deps.db, c.var.staff.user, c.req.param('id'), status, c.var.deps.now()),
    });
  })
  .get('/bookings/:id/move-options', async (c) =>
    c.json({
      times: await moveOptions(
        c.var.deps.db,
        c.var.staff.user,
        c.req.param('id'),
        c.var.deps.now(),
        c.var.deps.config.booking,
      ),
    }),
  )
  .post('/bookings/:id/move', async (c) => {
    const { slotId } = parseWith(changeRequestSchema, await readJson(c));
    return c.json({
      booking: await moveBooking(
        c.var.deps.db,
        c.var.staff.user,
        c.req.param('id'),
        slotId,
        c.var.deps.now(),
        c.var.deps.config.booking,
      ),
    });
  })
  .post('/bookings/:id/interpreter', async (c) => {
    const { status } = parseWith(interpreterStatusSchema, await readJson(c));
    return c.json({
      booking: await setInterpreterStatus(c.var.deps.db, c.var.staff.user, c.req.param('id'), status, c.var.deps.now()),
    });
  })
  .post('/bookings/:id/notes', async (c) => {
    const { notes } = parseWith(notesSchema, await readJson(c));
    return c.json({
      booking: await setNotes(c.var.deps.db, c.var.staff.user, c.req.param('id'), notes, c.var.deps.now()),
    });
  })
  .post('/bookings/:id/meeting-link', async (c) => {
    const { url } = parseWith(meetingLinkSchema, await readJson(c));
    return c.json({
      booking: await setMeetingLink(c.var.deps.db, c.var.staff.user, c.req.param('id'), url, c.var.deps.now()),
    });
  })
  .get('/courses/groups', async (c) => c.json({ groups: await listAllGroups(c.var.deps.db) }))
  .get('/courses/groups/:id/roster', async (c) =>
    c.json(await roster(c.var.deps.db, c.var.staff.user, uuidParam(c.req.param('id')), c.var.deps.now())),
  )
  .get('/courses/groups/:id/roster.csv', async (c) => {
    const csv = await rosterCsv(c.var.deps.db, c.var.staff.user, uuidParam(c.req.param('id')), c.var.deps.now());
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="roster.csv"',
      'Cache-Control': 'no-store',
    });
  })
  .post('/courses/groups/:id/attendance', async (c) => {
    const a = parseWith(attendanceSchema, await readJson(c));
    await markAttendance(
      c.var.deps.db,
      c.var.staff.user,
      uuidParam(c.req.param('id')),
      a.enrolmentId,
      a.sessionId,
      a.present,
      c.var.deps.now(),
    );
    return c.json({ status: 'ok' });
  })
  .get('/courses/enrolments/:id/certificate', async (c) =>
    c.json({
      certificate: await certificate(c.var.deps.db, c.var.staff.user, uuidParam(c.req.param('id')), c.var.deps.now()),
    }),
  )
  .get('/messages/failed', async (c) => c.json({ messages: await failedMessages(c.var.deps.db, c.var.staff.user) }))
  .get('/availability', async (c) =>
    c.json({ templates: await listTemplates(c.var.deps.db, c.var.staff.user, c.req.query('advisor')) }),
  )
  .post('/availability', async (c) => {
    const input = parseWith(availabilitySchema, await readJson(c));
    return c.json({ template: await addTemplate(c.var.deps.db, c.var.staff.user, input, c.var.deps.now()) }, 201);
  })
  .get('/availability/exceptions', async (c) =>
    c.json({ exceptions: await listExceptions(c.var.deps.db, c.var.staff.user, c.req.query('advisor')) }),
  )
  .post('/availability/exceptions', async (c) => {
    const input = parseWith(exceptionSchema, await readJson(c));
    return c.json({ exception: await addException(c.var.deps.db, c.var.staff.user, input, c.var.deps.now()) }, 201);
  })
  .delete('/availability/exceptions/:id', async (c) => {
    await removeException(c.var.deps.db, c.var.staff.user, c.req.param('id'), c.var.deps.now());
    return c.json({ status: 'deleted' });
  })
  .get('/availability/preview', async (c) => {
    const { db, now, config } = c.var.deps;
    const advisor = targetAdvisor(c.var.staff.user, c.req.query('advisor'));
    return c.json({ slots: await previewSlots(db, advisor, now(), config.booking) });
  })
  .delete('/availability/:id', async (c) => {
    await removeTemplate(c.var.deps.db, c.var.staff.user, c.req.param('id'), c.var.deps.now());
    return c.json({ status: 'deleted' });
  });

const coordinator = new Hono<StaffEnv>()
  .use(requireStaff('coordinator'))
  .get('/reports', async (c) => {
    const period = parseQuery(c, reportPeriodSchema);
    c.header('Cache-Control', 'no-store');
    return c.json({
      period,
      tables: await buildReports(c.var.deps.db, period),
      comments: await latestComments(c.var.deps.db, period),
    });
  })
  // Per-advisor workload: here only, never in a CSV (README, Reports); each view is audited.
  .get('/workload', async (c) => {
    const period = parseQuery(c, reportPeriodSchema);
    c.header('Cache-Control', 'no-store');
    await audit(c.var.deps.db, c.var.deps.now(), c.var.staff.user, 'view', 'report', 'workload', period);
    return c.json({ period, rows: await advisorWorkload(c.var.deps.db, period) });
  })
  .get('/reports/:id{[A-Za-z]+\\.csv}', async (c) => {
    const id = c.req.param('id').replace(/\.csv$/, '');
    const period = parseQuery(c, reportPeriodSchema);
    if (!(REPORT_IDS as readonly string[]).includes(id)) throw new DomainError('not_found');
    const [table] = await buildReports(c.var.deps.db, period, [id as (typeof REPORT_IDS)[number]]);
    if (!table) throw new DomainError('not_found');
    await audit(c.var.deps.db, c.var.deps.now(), c.var.staff.user, 'export', 'report', id, period);
    return c.body(toCsv(table), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${id}-${period.from}-${period.to}.csv"`,
      'Cache-Control': 'no-store',
    });
  })
  .get('/walk-in', async (c) => c.json({ schedule: await currentSchedule(c.var.deps.db) }))
  .post('/courses/groups', async (c) => {
    const input = parseWith(groupSchema, await readJson(c));
    return c.json({ group: await createGroup(c.var.deps.db, c.var.staff.user, input, c.var.deps.now()) }, 201);
  })
  .post('/courses/groups/:id/cancel', async (c) =>
    c.json(await cancelGroup(c.var.deps.db, c.var.staff.user, uuidParam(c.req.param('id')), c.var.deps.now())),
  )
  .put('/walk-in', async (c) => {
    const schedule = parseWith(walkInScheduleSchema, await readJson(c));
    await saveSchedule(c.var.deps.db, c.var.staff.user, schedule, c.var.deps.now());
    return c.json({ schedule: await currentSchedule(c.var.deps.db) });
  });

const admin = new Hono<StaffEnv>()
  .use(requireStaff('admin'))
  .get('/person', async (c) => {
    const lookup = parseQuery(c, personLookupSchema);
    c.header('Cache-Control', 'no-store');
    return c.json(await exportPerson(c.var.deps.db, c.var.staff.user, lookup, c.var.deps.now()));
  })
  .post('/person/erase', async (c) => {
    const input = parseWith(personEraseSchema, await readJson(c));
    const lookup = parseWith(personLookupSchema, { reference: input.reference, contact: input.contact });
    return c.json({ erased: await erasePerson(c.var.deps.db, c.var.staff.user, lookup, c.var.deps.now()) });
  })
  .get('/partners', async (c) => c.json({ partners: await listPartners(c.var.deps.db) }))
  .post('/partners', async (c) => {
    const input = parseWith(partnerSchema, await readJson(c));
    return c.json({ partner: await createPartner(c.var.deps.db, c.var.staff.user, input, c.var.deps.now()) }, 201);
  })
  .post('/partners/:id/keys', async (c) =>
    c.json(await createApiKey(c.var.deps.db, c.var.staff.user, c.req.param('id'), c.var.deps.now()), 201),
  )
  .post('/partner-keys/:id/revoke', async (c) => {
    await revokeApiKey(c.var.deps.db, c.var.staff.user, c.req.param('id'), c.var.deps.now());
    return c.json({ status: 'revoked' });
  })
  .get('/audit', async (c) => {
    const q = parseQuery(c, auditQuerySchema);
    const rows = await searchAudit(c.var.deps.db, {
      actorId: q.actor,
      recordType: q.recordType,
      recordId: q.recordId,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      limit: 500,
    });
    return c.json({ entries: rows });
  })
  .get('/accounts', async (c) => c.json({ accounts: await listAccounts(c.var.deps.db) }))
  .post('/accounts', async (c) => {
    const input = parseWith(accountSchema, await readJson(c));
    const { user, resetToken, totpUri } = await createAccount(c.var.deps.db, c.var.staff.user, input, c.var.deps.now());
    return c.json(
      { user, resetUrl: resetUrl(c, user.ui_locale, resetToken), totpUri, totpRequired: requireRole(user.role) },
      201,
    );
  })
  .post('/accounts/:id/deactivate', async (c) => {
    const id = c.req.param('id');
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new DomainError('not_found');
    await deactivate(c.var.deps.db, id, c.var.deps.now());
    await audit(c.var.deps.db, c.var.deps.now(), c.var.staff.user, 'deactivate', 'staff_user', id);
    return c.json({ status: 'deactivated' });
  })
  .post('/accounts/:id/reset-link', async (c) => {
    const id = c.req.param('id');
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new DomainError('not_found');
    const { token, locale } = await newPasswordLink(c.var.deps.db, c.var.staff.user, id, c.var.deps.now());
    return c.json({ resetUrl: resetUrl(c, locale, token) });
  });

export const staffRoutes = new Hono<AppEnv>()
  .route('/', publicStaff)
  .route('/admin', admin as unknown as Hono<AppEnv>)
  .route('/coordinator', coordinator as unknown as Hono<AppEnv>)
  .route('/queue', staffQueueRoutes as unknown as Hono<AppEnv>)
  .route('/inbox', staffInboxRoutes as unknown as Hono<AppEnv>)
  .route('/', advisor as unknown as Hono<AppEnv>);
