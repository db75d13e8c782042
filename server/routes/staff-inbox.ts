/** The advisors' inbox of referrals and employer requests (see services/requests.ts for who sees what). */
import { Hono } from 'hono';
import { closeRequestSchema, inboxFilterSchema } from '../../src/contracts/requests.ts';
import { parseQuery, parseWith, readJson } from '../http/validate.ts';
import { requireStaff, type StaffEnv } from '../http/staff-auth.ts';
import { assignToMe, closeRequest, completeTask, inboxDetail, listInbox, markContacted } from '../services/requests.ts';

export const staffInboxRoutes = new Hono<StaffEnv>()
  .use(requireStaff('advisor'))
  .get('/', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ items: await listInbox(c.var.deps.db, parseQuery(c, inboxFilterSchema), c.var.deps.now()) });
  })
  .get('/:id', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ item: await inboxDetail(c.var.deps.db, c.var.staff.user, c.req.param('id'), c.var.deps.now()) });
  })
  .post('/:id/assign', async (c) => {
    await assignToMe(c.var.deps.db, c.var.staff.user, c.req.param('id'), c.var.deps.now());
    return c.json({ item: await inboxDetail(c.var.deps.db, c.var.staff.user, c.req.param('id'), c.var.deps.now()) });
  })
  .post('/:id/contacted', async (c) => {
    await markContacted(c.var.deps.db, c.var.staff.user, c.req.param('id'), c.var.deps.now());
    return c.json({ item: await inboxDetail(c.var.deps.db, c.var.staff.user, c.req.param('id'), c.var.deps.now()) });
  })
  .post('/:id/close', async (c) => {
    const { outcome } = parseWith(closeRequestSchema, await readJson(c));
    await closeRequest(c.var.deps.db, c.var.staff.user, c.req.param('id'), outcome, c.var.deps.now());
    return c.json({ item: await inboxDetail(c.var.deps.db, c.var.staff.user, c.req.param('id'), c.var.deps.now()) });
  })
  .post('/tasks/:id/done', async (c) => {
    await completeTask(c.var.deps.db, c.var.staff.user, c.req.param('id'), c.var.deps.now());
    return c.json({ status: 'done' });
  });
