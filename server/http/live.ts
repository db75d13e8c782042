/**
 * A live view over Server-Sent Events: sends the view's state at once, again after every
 * committed change to its service point (queue-events.ts), and on a timer as a safety net; only
 * when it changed. `retry` tells the browser to reconnect two seconds after the server goes away
 * (a restart), and the page then receives the current state again.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../context.ts';
import { DomainError } from '../domain/errors.ts';

export function liveView<E extends AppEnv>(
  c: Context<E>,
  servicePoint: string,
  snapshot: () => Promise<unknown>,
  refreshMs = 15_000,
) {
  const { queueEvents, log } = c.var.deps;
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
    const ping = setInterval(() => void stream.write(': ping\n\n').catch(() => {}), 25_000);
    const closed = new Promise<void>((resolve) => stream.onAbort(resolve));
    wake();
    await closed;
    unsubscribe();
    clearInterval(timer);
    clearInterval(ping);
  });
}
