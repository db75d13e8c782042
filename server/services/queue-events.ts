/**
 * Live queue updates across app instances. Every change to a service point's queue sends
 * `NOTIFY ihl_queue, '<service point>'` inside its transaction, so the message goes out only when
 * the change is committed. Each instance LISTENs once and wakes its own open live views (the
 * display, phone pages, consoles) for that service point; they then read the new state from the
 * database. On PGlite (one process only) the same NOTIFY reaches the same process. Live views also
 * refresh on a timer, so a message lost while the LISTEN connection reconnects heals by itself.
 */
import type { Db, Queryable } from '../db/client.ts';
import { onDemandListener } from '../db/listener.ts';

export const QUEUE_CHANNEL = 'ihl_queue';
const CHANNEL = QUEUE_CHANNEL;

export interface QueueEvents {
  /** Calls `fn` after every committed change to `servicePoint`'s queue; returns an unsubscribe. */
  subscribe(servicePoint: string, fn: () => void): () => void;
  close(): Promise<void>;
}

export async function announce(q: Queryable, servicePoint: string) {
  await q.query('select pg_notify($1, $2)', [CHANNEL, servicePoint]);
}

export function createQueueEvents(db: Db, onError: (err: Error) => void = () => {}): QueueEvents {
  const listeners = new Map<string, Set<() => void>>();
  const listener = onDemandListener(
    db,
    CHANNEL,
    (point) => {
      for (const fn of listeners.get(point) ?? []) fn();
    },
    onError,
  );
  return {
    subscribe(servicePoint, fn) {
      void listener.ready();
      const set = listeners.get(servicePoint) ?? new Set();
      set.add(fn);
      listeners.set(servicePoint, set);
      return () => {
        set.delete(fn);
      };
    },
    close: listener.stop,
  };
}
