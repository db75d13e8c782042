/**
 * A NOTIFY channel listened to from the first time it is needed (a cache's first read, a live
 * view's first subscriber) until `stop()`. A failed LISTEN is reported once and tried again the
 * next time it is needed; meanwhile the caller's own safety net (a maximum age, a timer) holds.
 */
import type { Db } from './client.ts';

export interface OnDemandListener {
  /** Starts listening unless it is (or is starting); resolves once it is, whether or not it could. */
  ready(): Promise<void>;
  stop(): Promise<void>;
}

export function onDemandListener(
  db: Pick<Db, 'listen'>,
  channel: string,
  onMessage: (payload: string) => void,
  onError: (err: Error) => void = () => {},
): OnDemandListener {
  let listening: Promise<(() => Promise<void>) | undefined> | undefined;
  let listened: Promise<void> | undefined;
  return {
    ready() {
      // Called on every request of a hot path: after the first, this only returns a kept promise.
      if (!listened) {
        listening = db.listen(channel, onMessage).catch((err: Error) => {
          listening = undefined;
          listened = undefined;
          onError(err);
          return undefined;
        });
        listened = listening.then(() => undefined);
      }
      return listened;
    },
    async stop() {
      const stop = await listening;
      listening = undefined;
      listened = undefined;
      await stop?.();
    },
  };
}
