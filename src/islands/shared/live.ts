/**
 * Follows a live view (Server-Sent Events from server/http/live.ts). EventSource reconnects by
 * itself after a network break or a server restart (the server asks for a 2-second retry); the
 * caller hears `connected(false)` while it is away and gets the full state again when it is back.
 */
export function followLive<T>(url: string, onState: (state: T) => void, connected: (up: boolean) => void): () => void {
  const source = new EventSource(url);
  source.addEventListener('state', (e) => onState(JSON.parse((e as MessageEvent<string>).data) as T));
  source.addEventListener('open', () => connected(true));
  source.addEventListener('error', () => connected(false));
  // The server says the thing watched is gone (an unknown ticket): stop trying.
  source.addEventListener('gone', () => source.close());
  return () => source.close();
}

/** A short two-tone chime made in the browser (no audio file to fetch); needs a user gesture first. */
export function chime(ctx: AudioContext) {
  const now = ctx.currentTime;
  for (const [i, freq] of [660, 880].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, now + i * 0.35);
    gain.gain.exponentialRampToValueAtTime(0.4, now + i * 0.35 + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.35 + 0.3);
    osc.connect(gain).connect(ctx.destination);
    osc.start(now + i * 0.35);
    osc.stop(now + i * 0.35 + 0.32);
  }
}
