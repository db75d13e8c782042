/**
 * What per-request Astro pages may do, handed to them as `Astro.locals.portal`: a few read
 * functions over the services, nothing else of the server. The page types import only the
 * interface (src/site/portal-locals.ts).
 */
import type { Deps } from '../context.ts';
import type { PortalLocals } from '../../src/site/portal-locals.ts';
import { findByToken, toView } from '../services/bookings.ts';
import type { SlotsResponse } from '../../src/contracts/booking.ts';
import { enrolmentByToken } from '../services/enrolments.ts';
import { ticketView } from '../services/queue-tickets.ts';
import { DomainError } from '../domain/errors.ts';

export function portalLocals(deps: Deps): PortalLocals {
  return {
    now: () => deps.now(),
    cutoffHours: deps.config.booking.cutoffHours,
    async bookingByToken(token) {
      const row = await findByToken(deps.db, token);
      return row ? toView(row, deps.now(), deps.config.booking) : undefined;
    },
    enrolmentByToken: (token) => enrolmentByToken(deps.db, token, deps.now()),
    async queueTicket(token) {
      try {
        return await ticketView(deps.db, deps.queue, token, deps.now());
      } catch (err) {
        if (err instanceof DomainError && err.code === 'not_found') return undefined;
        throw err;
      }
    },
    async freeTimes(language, mode) {
      return JSON.parse((await deps.freeTimes.answer(language, mode, deps.now())).json) as SlotsResponse;
    },
  };
}
