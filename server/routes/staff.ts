/**
 * The workspace API. Every route but sign-in and the password reset sits behind requireStaff with
 * its minimum role (tests/api/staff.test.ts checks each one, found from the router itself); a
 * course roster is further limited to the group's teachers in server/services/course-admin.ts.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import {
  accountSchema,
  advisorQuerySchema,
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
  authenticatorEnrolmentSchema,
  teacherAssignmentSchema,
} from '../../src/contracts/staff.ts';
import { DomainError } from '../domain/errors.ts';
import { clientIp } from '../http/client-ip.ts';
import { staffQueueRoutes } from './staff-queue.ts';
import { staffInboxRoutes } from './staff-inbox.ts';
import { createApiKey, createPartner, listPartners, revokeApiKey } from '../services/partners.ts';
import { partnerSchema } from '../../src/contracts/requests.ts';
import { kioskPairingSchema } from '../../src/contracts/queue.ts';
import { createKioskKey, listKioskKeys, revokeKioskKey } from '../services/kiosks.ts';
import {
  personContactSchema,
  personEraseSchema,
  personExportSchema,
  personLookupSchema,
} from '../../src/contracts/person.ts';
import { erasePerson, exportPerson, personCandidates } from '../services/person-data.ts';
import { erasureJournalDir } from '../erasure-journal.ts';
import { reportPeriodSchema } from '../../src/contracts/reports.ts';
import { advisorWorkload, buildReports, latestComments, REPORT_IDS, toCsv } from '../services/reports.ts';
import { routeDocs } from '../http/route-doc.ts';
import { clearSessionCookie, requireStaff, setSessionCookie, type StaffEnv } from '../http/staff-auth.ts';
import { audit, searchAudit } from '../services/audit.ts';
import { authenticatorEnrolment, deactivate, login, logout, requireRole, resetPassword } from '../services/auth.ts';
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
  assignTeacher,
  cancelGroup,
  certificate,
  createGroup,
  listAllGroups,
  listTeachers,
  markAttendance,
  roster,
  rosterCsv,
  unassignTeacher,
} from '../services/course-admin.ts';
import { walkInScheduleAnswerSchema, walkInScheduleSchema } from '../../src/domain/walk-in-schema.ts';
import { statusSchema } from '../../src/contracts/responses.ts';
import * as answer from '../../src/contracts/staff-responses.ts';
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
const resetUrl = <E extends StaffEnv>(c: Context<E>, locale: string, token: string) =>
  `${c.get('deps').config.PUBLIC_BASE_URL.replace(/\/$/, '')}/workspace/${locale}/reset/${token}/`;

const route = routeDocs({ tag: 'Workspace (staff)', auth: 'staff' });

/**
 * After a change to working hours, this process's free times are made again at once, so the
 * advisor who changed them sees the public page follow (other processes hear the NOTIFY).
 */
const freeTimesFollow: MiddlewareHandler<StaffEnv> = async (c, next) => {
  await next();
  if (c.req.method !== 'GET' && c.res.status < 400) c.get('deps').freeTimes.changed();
};

const publicStaff = new Hono<AppEnv>()
  .post(
    '/login',
    route({
      summary: 'Sign in (sets the session cookie; returns the CSRF token)',
      auth: 'public',
      body: loginSchema,
      response: answer.signedInSchema,
    }),
    async (c) => {
      const input = await c.get('input').body();
      const { db, config, now } = c.get('deps');
      const { sessionId, session } = await login(
        db,
        { ...input, ip: clientIp(c, config.TRUST_PROXY), production: config.production },
        now(),
      );
      await audit(db, now(), session.user, 'login', 'staff_user', session.user.id);
      setSessionCookie(c, sessionId);
      return c.json({ user: session.user, csrfToken: session.csrfToken });
    },
  )
  .post(
    '/password-reset',
    route({
      summary: 'Set a password with a one-time link',
      auth: 'public',
      body: passwordResetSchema,
      response: statusSchema,
    }),
    async (c) => {
      const input = await c.get('input').body();
      await resetPassword(c.get('deps').db, input.token, input.password, c.get('deps').now(), input.totp);
      return c.json({ status: 'ok' });
    },
  )
  .post(
    '/password-reset/authenticator',
    route({
      summary: "The authenticator setting of an account without one, for its one-time link's holder only",
      auth: 'public',
      body: authenticatorEnrolmentSchema,
      response: answer.enrolmentAnswerSchema,
    }),
    async (c) => {
      const input = await c.get('input').body();
      return c.json({
        enrolment: (await authenticatorEnrolment(c.get('deps').db, input.token, c.get('deps').now())) ?? null,
      });
    },
  );

const advisor = new Hono<StaffEnv>()
  .use(requireStaff('advisor'))
  .use('/availability', freeTimesFollow)
  .use('/availability/*', freeTimesFollow)
  .get('/me', route({ summary: 'The signed-in person and the CSRF token', response: answer.signedInSchema }), (c) =>
    c.json({ user: c.get('staff').user, csrfToken: c.get('staff').csrfToken }),
  )
  .post('/logout', route({ summary: 'Sign out', response: statusSchema }), async (c) => {
    await logout(c.get('deps').db, c.get('staff').idHash);
    await audit(
      c.get('deps').db,
      c.get('deps').now(),
      c.get('staff').user,
      'logout',
      'staff_user',
      c.get('staff').user.id,
    );
    clearSessionCookie(c);
    return c.json({ status: 'ok' });
  })
  .get(
    '/bookings',
    route({
      summary: 'Bookings by day, week or list',
      query: bookingFilterSchema,
      response: answer.staffBookingsSchema,
    }),
    async (c) =>
      c.json({
        bookings: await listBookings(
          c.get('deps').db,
          c.get('staff').user,
          c.get('input').query(),
          c.get('deps').now(),
        ),
      }),
  )
  .get(
    '/bookings/version',
    route({
      summary: 'A version stamp that changes with any booking (for live lists)',
      response: answer.bookingsVersionSchema,
    }),
    async (c) => c.json({ version: await bookingsVersion(c.get('deps').db, c.get('staff').user) }),
  )
  .get(
    '/bookings/:id',
    route({ summary: "A booking's details (audited)", response: answer.staffBookingAnswerSchema }),
    async (c) =>
      c.json({
        booking: await bookingDetail(c.get('deps').db, c.get('staff').user, c.req.param('id'), c.get('deps').now()),
      }),
  )
  .post(
    '/bookings/:id/status',
    route({
      summary: 'Attended, no-show or cancelled',
      body: bookingStatusSchema,
      response: answer.staffBookingAnswerSchema,
    }),
    async (c) => {
      const { status } = await c.get('input').body();
      const { db, now, freeTimes } = c.get('deps');
      return c.json({
        booking: await setBookingStatus(db, c.get('staff').user, c.req.param('id'), status, now(), freeTimes),
      });
    },
  )
  .get(
    '/bookings/:id/move-options',
    route({ summary: 'Free times to move a booking to', response: answer.moveOptionsSchema }),
    async (c) => {
      const { db, now, freeTimes } = c.get('deps');
      return c.json({ times: await moveOptions(db, c.get('staff').user, c.req.param('id'), now(), freeTimes) });
    },
  )
  .post(
    '/bookings/:id/move',
    route({ summary: 'Move a booking', body: changeRequestSchema, response: answer.staffBookingAnswerSchema }),
    async (c) => {
      const { slotId } = await c.get('input').body();
      const { db, now, config, freeTimes } = c.get('deps');
      const user = c.get('staff').user;
      return c.json({
        booking: await moveBooking(db, user, c.req.param('id'), slotId, now(), config.booking, freeTimes),
      });
    },
  )
  .post(
    '/bookings/:id/interpreter',
    route({ summary: 'Interpreter status', body: interpreterStatusSchema, response: answer.staffBookingAnswerSchema }),
    async (c) => {
      const { status } = await c.get('input').body();
      const { db, now } = c.get('deps');
      return c.json({ booking: await setInterpreterStatus(db, c.get('staff').user, c.req.param('id'), status, now()) });
    },
  )
  .post(
    '/bookings/:id/notes',
    route({ summary: 'Staff notes', body: notesSchema, response: answer.staffBookingAnswerSchema }),
    async (c) => {
      const { notes } = await c.get('input').body();
      const { db, now } = c.get('deps');
      return c.json({ booking: await setNotes(db, c.get('staff').user, c.req.param('id'), notes, now()) });
    },
  )
  .post(
    '/bookings/:id/meeting-link',
    route({ summary: 'Video meeting link', body: meetingLinkSchema, response: answer.staffBookingAnswerSchema }),
    async (c) => {
      const { url } = await c.get('input').body();
      const { db, now } = c.get('deps');
      return c.json({ booking: await setMeetingLink(db, c.get('staff').user, c.req.param('id'), url, now()) });
    },
  )
  .get(
    '/courses/groups',
    route({
      summary: "All course groups, their teachers and which are the caller's",
      response: answer.staffGroupsSchema,
    }),
    async (c) => c.json({ groups: await listAllGroups(c.get('deps').db, c.get('staff').user) }),
  )
  .get(
    '/courses/groups/:id/roster',
    route({
      summary: "A group's roster with attendance (its teachers, coordinators; audited)",
      response: answer.rosterSchema,
    }),
    async (c) =>
      c.json(await roster(c.get('deps').db, c.get('staff').user, uuidParam(c.req.param('id')), c.get('deps').now())),
  )
  .get(
    '/courses/groups/:id/roster.csv',
    route({ summary: "A group's roster as CSV", produces: 'text/csv' }),
    async (c) => {
      const csv = await rosterCsv(
        c.get('deps').db,
        c.get('staff').user,
        uuidParam(c.req.param('id')),
        c.get('deps').now(),
      );
      return c.body(csv, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="roster.csv"',
        'Cache-Control': 'no-store',
      });
    },
  )
  .post(
    '/courses/groups/:id/attendance',
    route({ summary: 'Mark attendance', body: attendanceSchema, response: statusSchema }),
    async (c) => {
      const a = await c.get('input').body();
      await markAttendance(
        c.get('deps').db,
        c.get('staff').user,
        uuidParam(c.req.param('id')),
        a.enrolmentId,
        a.sessionId,
        a.present,
        c.get('deps').now(),
      );
      return c.json({ status: 'ok' });
    },
  )
  .get(
    '/courses/enrolments/:id/certificate',
    route({ summary: 'A certificate of participation', response: answer.certificateAnswerSchema }),
    async (c) =>
      c.json({
        certificate: await certificate(
          c.get('deps').db,
          c.get('staff').user,
          uuidParam(c.req.param('id')),
          c.get('deps').now(),
        ),
      }),
  )
  .get(
    '/messages/failed',
    route({ summary: 'Messages that could not be sent', response: answer.failedMessagesSchema }),
    async (c) => c.json({ messages: await failedMessages(c.get('deps').db, c.get('staff').user) }),
  )
  .get(
    '/availability',
    route({ summary: 'Working hours', query: advisorQuerySchema, response: answer.templatesSchema }),
    async (c) =>
      c.json({ templates: await listTemplates(c.get('deps').db, c.get('staff').user, c.get('input').query().advisor) }),
  )
  .post(
    '/availability',
    route({
      summary: 'Add working hours',
      body: availabilitySchema,
      response: answer.templateAddedSchema,
      status: 201,
    }),
    async (c) => {
      const input = await c.get('input').body();
      return c.json(
        { template: await addTemplate(c.get('deps').db, c.get('staff').user, input, c.get('deps').now()) },
        201,
      );
    },
  )
  .get(
    '/availability/exceptions',
    route({ summary: 'Absences and extra hours', query: advisorQuerySchema, response: answer.exceptionsSchema }),
    async (c) =>
      c.json({
        exceptions: await listExceptions(c.get('deps').db, c.get('staff').user, c.get('input').query().advisor),
      }),
  )
  .post(
    '/availability/exceptions',
    route({
      summary: 'Add an absence or extra hours',
      body: exceptionSchema,
      response: answer.exceptionAddedSchema,
      status: 201,
    }),
    async (c) => {
      const input = await c.get('input').body();
      return c.json(
        { exception: await addException(c.get('deps').db, c.get('staff').user, input, c.get('deps').now()) },
        201,
      );
    },
  )
  .delete(
    '/availability/exceptions/:id',
    route({ summary: 'Remove an absence or extra hours', response: statusSchema }),
    async (c) => {
      await removeException(c.get('deps').db, c.get('staff').user, c.req.param('id'), c.get('deps').now());
      return c.json({ status: 'deleted' });
    },
  )
  .get(
    '/availability/preview',
    route({ summary: 'The bookable times the hours make', query: advisorQuerySchema, response: answer.previewSchema }),
    async (c) => {
      const { db, now, config } = c.get('deps');
      const advisor = targetAdvisor(c.get('staff').user, c.get('input').query().advisor);
      return c.json({ slots: await previewSlots(db, advisor, now(), config.booking) });
    },
  )
  .delete('/availability/:id', route({ summary: 'Remove working hours', response: statusSchema }), async (c) => {
    await removeTemplate(c.get('deps').db, c.get('staff').user, c.req.param('id'), c.get('deps').now());
    return c.json({ status: 'deleted' });
  });

const coordinator = new Hono<StaffEnv>()
  .use(requireStaff('coordinator'))
  .get(
    '/reports',
    route({
      summary: 'Reports for a period (coordinators)',
      query: reportPeriodSchema,
      response: answer.reportsSchema,
    }),
    async (c) => {
      const period = c.get('input').query();
      c.header('Cache-Control', 'no-store');
      return c.json({
        period,
        tables: await buildReports(c.get('deps').db, period),
        comments: await latestComments(c.get('deps').db, period),
      });
    },
  )
  // Per-advisor workload: here only, never in a CSV (README, Reports); each view is audited.
  .get(
    '/workload',
    route({
      summary: 'Services per advisor and month (coordinators; never as CSV)',
      query: reportPeriodSchema,
      response: answer.workloadSchema,
    }),
    async (c) => {
      const period = c.get('input').query();
      c.header('Cache-Control', 'no-store');
      await audit(c.get('deps').db, c.get('deps').now(), c.get('staff').user, 'view', 'report', 'workload', period);
      return c.json({ period, rows: await advisorWorkload(c.get('deps').db, period) });
    },
  )
  .get(
    '/reports/:table{[A-Za-z]+\\.csv}',
    route({ summary: 'One report table as CSV (coordinators)', query: reportPeriodSchema, produces: 'text/csv' }),
    async (c) => {
      const id = c.req.param('table').replace(/\.csv$/, '');
      const period = c.get('input').query();
      if (!(REPORT_IDS as readonly string[]).includes(id)) throw new DomainError('not_found');
      const [table] = await buildReports(c.get('deps').db, period, [id as (typeof REPORT_IDS)[number]]);
      if (!table) throw new DomainError('not_found');
      await audit(c.get('deps').db, c.get('deps').now(), c.get('staff').user, 'export', 'report', id, period);
      return c.body(toCsv(table), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${id}-${period.from}-${period.to}.csv"`,
        'Cache-Control': 'no-store',
      });
    },
  )
  .get(
    '/walk-in',
    route({ summary: "The walk-in desk's schedule (coordinators)", response: walkInScheduleAnswerSchema }),
    async (c) => c.json({ schedule: await currentSchedule(c.get('deps').db) }),
  )
  .post(
    '/courses/groups',
    route({
      summary: 'Create a course group (coordinators)',
      body: groupSchema,
      response: answer.groupCreatedSchema,
      status: 201,
    }),
    async (c) => {
      const input = await c.get('input').body();
      return c.json(
        { group: await createGroup(c.get('deps').db, c.get('staff').user, input, c.get('deps').now()) },
        201,
      );
    },
  )
  .post(
    '/courses/groups/:id/cancel',
    route({ summary: 'Cancel a course group (coordinators)', response: answer.groupCancelledSchema }),
    async (c) =>
      c.json(
        await cancelGroup(c.get('deps').db, c.get('staff').user, uuidParam(c.req.param('id')), c.get('deps').now()),
      ),
  )
  .get(
    '/courses/teachers',
    route({ summary: 'Advisors who can be assigned as teachers (coordinators)', response: answer.teachersSchema }),
    async (c) => c.json({ teachers: await listTeachers(c.get('deps').db) }),
  )
  .post(
    '/courses/groups/:id/teachers',
    route({
      summary: 'Assign a teacher to a course group (coordinators; audited)',
      body: teacherAssignmentSchema,
      response: statusSchema,
      status: 201,
    }),
    async (c) => {
      const { staffId } = await c.get('input').body();
      const { db, now } = c.get('deps');
      await assignTeacher(db, c.get('staff').user, uuidParam(c.req.param('id')), staffId, now());
      return c.json({ status: 'assigned' }, 201);
    },
  )
  .delete(
    '/courses/groups/:id/teachers/:staffId',
    route({ summary: "Unassign a course group's teacher (coordinators; audited)", response: statusSchema }),
    async (c) => {
      const { db, now } = c.get('deps');
      const groupId = uuidParam(c.req.param('id'));
      await unassignTeacher(db, c.get('staff').user, groupId, uuidParam(c.req.param('staffId')), now());
      return c.json({ status: 'unassigned' });
    },
  )
  .put(
    '/walk-in',
    route({
      summary: "Replace the walk-in desk's schedule (coordinators)",
      body: walkInScheduleSchema,
      response: walkInScheduleAnswerSchema,
    }),
    async (c) => {
      const schedule = await c.get('input').body();
      await saveSchedule(
        c.get('deps').db,
        c.get('staff').user,
        schedule,
        c.get('deps').now(),
        c.get('deps').queueHours,
      );
      return c.json({ schedule: await currentSchedule(c.get('deps').db) });
    },
  )
  .get(
    '/kiosks',
    route({ summary: 'Paired walk-in kiosks (coordinators)', response: answer.kiosksSchema }),
    async (c) => c.json({ kiosks: await listKioskKeys(c.get('deps').db) }),
  )
  .post(
    '/kiosks',
    route({
      summary: 'Pair a walk-in kiosk: its key, shown once, opened on the tablet as /kiosk/<point>/#pair=<key>',
      body: kioskPairingSchema,
      response: answer.kioskPairedSchema,
      status: 201,
    }),
    async (c) => {
      const { label } = await c.get('input').body();
      const kiosk = await createKioskKey(c.get('deps').db, c.get('staff').user, label, c.get('deps').now());
      c.header('Cache-Control', 'no-store');
      return c.json(
        { kiosk: { id: kiosk.id, label: kiosk.label }, key: kiosk.key, pairing: `#pair=${kiosk.key}` },
        201,
      );
    },
  )
  .post(
    '/kiosks/:id/revoke',
    route({ summary: 'Revoke a kiosk key (coordinators)', response: statusSchema }),
    async (c) => {
      await revokeKioskKey(c.get('deps').db, c.get('staff').user, c.req.param('id'), c.get('deps').now());
      return c.json({ status: 'revoked' });
    },
  );

const admin = new Hono<StaffEnv>()
  .use(requireStaff('admin'))
  .get(
    '/person',
    route({
      summary: 'Export the data under one reference (admins, audited)',
      query: personLookupSchema,
      response: answer.personExportSchema,
    }),
    async (c) => {
      const { reference } = c.get('input').query();
      c.header('Cache-Control', 'no-store');
      return c.json(
        await exportPerson(c.get('deps').db, c.get('staff').user, { reference: reference! }, c.get('deps').now()),
      );
    },
  )
  .get(
    '/person/candidates',
    route({
      summary: 'The records an email or phone number matches: kind, day, initials (admins, audited)',
      query: personContactSchema,
      response: answer.personCandidatesSchema,
    }),
    async (c) => {
      const { contact } = c.get('input').query();
      c.header('Cache-Control', 'no-store');
      return c.json({
        candidates: await personCandidates(c.get('deps').db, c.get('staff').user, contact!, c.get('deps').now()),
      });
    },
  )
  .post(
    '/person/export',
    route({
      summary: 'Export the records an admin picked (admins, audited)',
      body: personExportSchema,
      response: answer.personExportSchema,
    }),
    async (c) => {
      const { records } = await c.get('input').body();
      c.header('Cache-Control', 'no-store');
      return c.json(await exportPerson(c.get('deps').db, c.get('staff').user, { records }, c.get('deps').now()));
    },
  )
  .post(
    '/person/erase',
    route({
      summary: "Erase one reference's records or the picked ones (admins, audited)",
      body: personEraseSchema,
      response: answer.personErasedSchema,
    }),
    async (c) => {
      const input = await c.get('input').body();
      const lookup = input.records ? { records: input.records } : { reference: input.reference! };
      const deps = c.get('deps');
      return c.json({
        erased: await erasePerson(deps.db, c.get('staff').user, lookup, deps.now(), erasureJournalDir(deps.config)),
      });
    },
  )
  .get(
    '/partners',
    route({ summary: 'Partners and their API keys (admins)', response: answer.partnersSchema }),
    async (c) => c.json({ partners: await listPartners(c.get('deps').db) }),
  )
  .post(
    '/partners',
    route({
      summary: 'Add a partner (admins)',
      body: partnerSchema,
      response: answer.partnerCreatedSchema,
      status: 201,
    }),
    async (c) => {
      const input = await c.get('input').body();
      return c.json(
        { partner: await createPartner(c.get('deps').db, c.get('staff').user, input, c.get('deps').now()) },
        201,
      );
    },
  )
  .post(
    '/partners/:id/keys',
    route({ summary: 'Make an API key; shown once (admins)', response: answer.apiKeySchema, status: 201 }),
    async (c) =>
      c.json(await createApiKey(c.get('deps').db, c.get('staff').user, c.req.param('id'), c.get('deps').now()), 201),
  )
  .post(
    '/partner-keys/:id/revoke',
    route({ summary: 'Revoke an API key (admins)', response: statusSchema }),
    async (c) => {
      await revokeApiKey(c.get('deps').db, c.get('staff').user, c.req.param('id'), c.get('deps').now());
      return c.json({ status: 'revoked' });
    },
  )
  .get(
    '/audit',
    route({ summary: 'The audit log (admins)', query: auditQuerySchema, response: answer.auditSchema }),
    async (c) => {
      const q = c.get('input').query();
      const rows = await searchAudit(c.get('deps').db, {
        actorId: q.actor,
        recordType: q.recordType,
        recordId: q.recordId,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        limit: 500,
      });
      return c.json({ entries: rows });
    },
  )
  .get('/accounts', route({ summary: 'Staff accounts (admins)', response: answer.accountsSchema }), async (c) =>
    c.json({ accounts: await listAccounts(c.get('deps').db) }),
  )
  .post(
    '/accounts',
    route({
      summary: 'Create a staff account (admins)',
      body: accountSchema,
      response: answer.accountCreatedSchema,
      status: 201,
    }),
    async (c) => {
      const input = await c.get('input').body();
      const { user, resetToken } = await createAccount(
        c.get('deps').db,
        c.get('staff').user,
        input,
        c.get('deps').now(),
      );
      return c.json(
        { user, resetUrl: resetUrl(c, user.ui_locale, resetToken), totpRequired: requireRole(user.role) },
        201,
      );
    },
  )
  .post(
    '/accounts/:id/deactivate',
    route({ summary: 'Deactivate an account (admins)', response: statusSchema }),
    async (c) => {
      const id = c.req.param('id');
      if (!/^[0-9a-f-]{36}$/.test(id)) throw new DomainError('not_found');
      await deactivate(c.get('deps').db, id, c.get('deps').now());
      await audit(c.get('deps').db, c.get('deps').now(), c.get('staff').user, 'deactivate', 'staff_user', id);
      return c.json({ status: 'deactivated' });
    },
  )
  .post(
    '/accounts/:id/reset-link',
    route({ summary: 'A new password link (admins)', response: answer.resetLinkSchema }),
    async (c) => {
      const id = c.req.param('id');
      if (!/^[0-9a-f-]{36}$/.test(id)) throw new DomainError('not_found');
      const { token, locale } = await newPasswordLink(c.get('deps').db, c.get('staff').user, id, c.get('deps').now());
      return c.json({ resetUrl: resetUrl(c, locale, token) });
    },
  );

export const staffRoutes = new Hono<AppEnv>()
  .route('/', publicStaff)
  .route('/admin', admin)
  .route('/coordinator', coordinator)
  .route('/queue', staffQueueRoutes)
  .route('/inbox', staffInboxRoutes)
  .route('/', advisor);
