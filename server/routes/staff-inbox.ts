/** The advisors' inbox of referrals and employer requests (see services/requests.ts for who sees what). */
import { Hono } from 'hono';
import { closeRequestSchema, inboxFilterSchema } from '../../src/contracts/requests.ts';
import { routeDocs } from '../http/route-doc.ts';
import { statusSchema } from '../../src/contracts/responses.ts';
import { inboxAnswerSchema, inboxSchema } from '../../src/contracts/staff-responses.ts';
import { requireStaff, type StaffEnv } from '../http/staff-auth.ts';
import { assignToMe, closeRequest, completeTask, inboxDetail, listInbox, markContacted } from '../services/requests.ts';

const route = routeDocs({ tag: 'Workspace (staff)', auth: 'staff' });

export const staffInboxRoutes = new Hono<StaffEnv>()
  .use(requireStaff('advisor'))
  .get(
    '/',
    route({ summary: 'Referrals and employer requests', query: inboxFilterSchema, response: inboxSchema }),
    async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ items: await listInbox(c.get('deps').db, c.get('input').query(), c.get('deps').now()) });
    },
  )
  .get('/:id', route({ summary: "A request's details (audited)", response: inboxAnswerSchema }), async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({
      item: await inboxDetail(c.get('deps').db, c.get('staff').user, c.req.param('id'), c.get('deps').now()),
    });
  })
  .post('/:id/assign', route({ summary: 'Assign to me', response: inboxAnswerSchema }), async (c) => {
    await assignToMe(c.get('deps').db, c.get('staff').user, c.req.param('id'), c.get('deps').now());
    return c.json({
      item: await inboxDetail(c.get('deps').db, c.get('staff').user, c.req.param('id'), c.get('deps').now()),
    });
  })
  .post(
    '/:id/contacted',
    route({ summary: 'Mark contacted (employers: a follow-up in 3 weeks)', response: inboxAnswerSchema }),
    async (c) => {
      await markContacted(c.get('deps').db, c.get('staff').user, c.req.param('id'), c.get('deps').now());
      return c.json({
        item: await inboxDetail(c.get('deps').db, c.get('staff').user, c.req.param('id'), c.get('deps').now()),
      });
    },
  )
  .post(
    '/:id/close',
    route({ summary: 'Close with an outcome', body: closeRequestSchema, response: inboxAnswerSchema }),
    async (c) => {
      const { outcome } = await c.get('input').body();
      await closeRequest(c.get('deps').db, c.get('staff').user, c.req.param('id'), outcome, c.get('deps').now());
      return c.json({
        item: await inboxDetail(c.get('deps').db, c.get('staff').user, c.req.param('id'), c.get('deps').now()),
      });
    },
  )
  .post('/tasks/:id/done', route({ summary: 'A follow-up done', response: statusSchema }), async (c) => {
    await completeTask(c.get('deps').db, c.get('staff').user, c.req.param('id'), c.get('deps').now());
    return c.json({ status: 'done' });
  });
