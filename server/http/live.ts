/**
 * A live view over Server-Sent Events: sends the view's state at once, again after every
 * committed change to its service point (queue-events.ts), and on a timer as a safety net; only
 * when it changed. `retry` tells the browser to reconnect two seconds after the server goes away
 * (a restart), and the page then receives the current state again.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv, Deps } from '../context.ts';
import { createLiveQueue, type LiveQueue, type LiveWatcher } from '../services/queue-live.ts';
import { DomainError } from '../domain/errors.ts';
import { clientIp } from './client-ip.ts';

/**
 * Open streams of this instance, per client address and in total (README "Security"): a phone
 * keeps one open while its owner waits, and Palvelutori's Wi-Fi puts many phones behind one
 * address, so the per-address cap is generous; the total protects the process's memory and file
 * descriptors. Kept per app (its deps), so tests with several apps do not share them.
 */
const open = new WeakMap<Deps, { total: number; byAddress: Map<string, number> }>();

function admit(deps: Deps, address: string): () => void {
  const { LIVE_MAX_PER_ADDRESS, LIVE_MAX_TOTAL } = deps.config;
  const counts = open.get(deps) ?? { total: 0, byAddress: new Map<string, number>() };
  open.set(deps, counts);
  const mine = counts.byAddress.get(address) ?? 0;
  if (counts.total >= LIVE_MAX_TOTAL || mine >= LIVE_MAX_PER_ADDRESS) throw new DomainError('rate_limited');
  counts.total++;
  counts.byAddress.set(address, mine + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    counts.total--;
    const left = (counts.byAddress.get(address) ?? 1) - 1;
    if (left > 0) counts.byAddress.set(address, left);
    else counts.byAddress.delete(address);
  };
}

export function liveView<E extends AppEnv>(
  c: Context<E>,
  servicePoint: string,
  snapshot: () => Promise<unknown>,
  refreshMs = 15_000,
  /** Checked with every heartbeat: a staff stream ends when its session has ended or expired. */
  stillAllowed?: () => Promise<boolean>,
) {
  const { queueEvents, log, config } = c.get('deps');
  const release = admit(c.get('deps'), clientIp(c, config.TRUST_PROXY));
  c.header('X-Accel-Buffering', 'no'); // nginx: do not buffer the stream
  return streamSSE(c, async (stream) => {
    let last = '';
    let running: Promise<void> | undefined;
    let again = false;
    const push = async () => {
      const data = JSON.stringify(await snapshot());
      if (data !== last) {
        last = data;
        await stream.writeSSE({ event: 'state', data, retry: 2000 });
      }
    };
    // Coalesce bursts of notifications into one read at a time.
    const wake = () => {
      if (running) {
        again = true;
        return;
      }
      running = push()
        .catch(async (err: unknown) => {
          if (err instanceof DomainError) await stream.writeSSE({ event: 'gone', data: err.code }).catch(() => {});
          else log.warn('live view failed', { error: (err as Error).message });
          stream.abort();
        })
        .finally(() => {
          running = undefined;
          if (again && !stream.aborted) {
            again = false;
            wake();
          }
        });
    };
    const unsubscribe = queueEvents.subscribe(servicePoint, wake);
    const timer = setInterval(wake, refreshMs);
    const heartbeat = async () => {
      if (stillAllowed && !(await stillAllowed().catch(() => false))) {
        await stream.writeSSE({ event: 'gone', data: 'unauthorized' }).catch(() => {});
        stream.abort();
        return;
      }
      await stream.write(': ping\n\n').catch(() => {});
    };
    const ping = setInterval(() => void heartbeat(), config.LIVE_HEARTBEAT_MS);
    // A stream lives at most this long; the browser reconnects (retry) and starts a fresh one.
    const lifetime = setTimeout(() => stream.abort(), config.LIVE_MAX_MINUTES * 60_000);
    const closed = new Promise<void>((resolve) => stream.onAbort(resolve));
    try {
      wake();
      await closed;
    } finally {
      release();
      unsubscribe();
      clearInterval(timer);
      clearInterval(ping);
      clearTimeout(lifetime);
    }
  });
}

// One live queue per app (per its queue events), made on the first watcher.
const liveQueues = new WeakMap<Deps['queueEvents'], LiveQueue>();
export function liveQueueOf(deps: Deps): LiveQueue {
  let live = liveQueues.get(deps.queueEvents);
  if (!live) {
    live = createLiveQueue(deps);
    liveQueues.set(deps.queueEvents, live);
  }
  return live;
}

/**
 * A live view fed by the point's shared hub (services/queue-live.ts): the stream only writes the
 * JSON it is handed, so a thousand phones on one point cost one read per change, not a thousand.
 * The same guards as `liveView`: the per-address and total caps, the heartbeat and the maximum
 * lifetime (public streams: no session to recheck).
 */
export function liveFeed<E extends AppEnv>(c: Context<E>, watch: (watcher: LiveWatcher) => () => void) {
  const { config } = c.get('deps');
  const release = admit(c.get('deps'), clientIp(c, config.TRUST_PROXY));
  c.header('X-Accel-Buffering', 'no'); // nginx: do not buffer the stream
  return streamSSE(c, async (stream) => {
    const closed = new Promise<void>((resolve) => stream.onAbort(resolve));
    let stop: (() => void) | undefined;
    const ping = setInterval(() => void stream.write(': ping\n\n').catch(() => {}), config.LIVE_HEARTBEAT_MS);
    // A stream lives at most this long; the browser reconnects (retry) and starts a fresh one.
    const lifetime = setTimeout(() => stream.abort(), config.LIVE_MAX_MINUTES * 60_000);
    try {
      stop = watch({
        send: (data) => void stream.writeSSE({ event: 'state', data, retry: 2000 }).catch(() => {}),
        gone: (code) =>
          void stream
            .writeSSE({ event: 'gone', data: code })
            .catch(() => {})
            .finally(() => stream.abort()),
      });
      await closed;
    } finally {
      release();
      stop?.();
      clearInterval(ping);
      clearTimeout(lifetime);
    }
  });
}
