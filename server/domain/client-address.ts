/**
 * Which address a request comes from, when a proxy may stand in between (README "Security").
 *
 * `X-Forwarded-For` is written by whoever sent the request: a client can put any address in it.
 * Only the entries that trusted proxies appended can be believed, and they are at its right
 * end. So: the header counts only when the socket's peer is itself a trusted proxy, and then the
 * client is the right-most entry that is not a trusted proxy (every entry to its left was
 * written by that client, or by a proxy nobody vouches for). Without a trusted peer the header
 * is ignored and the socket's address is the client.
 */
import { BlockList, isIP } from 'node:net';

/** The proxies believed, as address ranges; empty: no proxy, the header is never read. */
export interface TrustedProxies {
  readonly ranges: readonly string[];
  readonly list: BlockList;
}

const NAMED: Record<string, readonly string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** `true` of the old boolean form: a proxy on this machine (the only harmless reading of it). */
const LEGACY_TRUE = new Set(['true', '1', 'yes']);
const LEGACY_FALSE = new Set(['', 'false', '0', 'no', 'none']);

export class ProxyListError extends Error {}

/**
 * `TRUST_PROXY`: a comma-separated list of addresses and CIDR ranges (`10.0.3.7`, `10.0.0.0/8`,
 * `fd00::/8`) and the names `loopback` and `private`. `false`/unset: none. `true` (the old
 * boolean): `loopback`.
 */
export function parseTrustedProxies(text: string | undefined): TrustedProxies {
  const value = (text ?? '').trim().toLowerCase();
  if (LEGACY_FALSE.has(value)) return trusted([]);
  if (LEGACY_TRUE.has(value)) return trusted([...(NAMED.loopback ?? [])]);
  const ranges: string[] = [];
  for (const part of value.split(',').map((p) => p.trim())) {
    if (!part) continue;
    const named = NAMED[part];
    if (named) {
      ranges.push(...named);
      continue;
    }
    const [address = '', prefix, extra] = part.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const length = prefix === undefined ? bits : Number(prefix);
    if (!family || extra !== undefined || !/^\d*$/.test(prefix ?? '') || !(length >= 0 && length <= bits))
      throw new ProxyListError(`"${part}" is not an address, a CIDR range, "loopback" or "private"`);
    ranges.push(`${address}/${length}`);
  }
  return trusted(ranges);
}

function trusted(ranges: string[]): TrustedProxies {
  const list = new BlockList();
  for (const range of ranges) {
    const [address = '', prefix] = range.split('/');
    list.addSubnet(address, Number(prefix), isIP(address) === 4 ? 'ipv4' : 'ipv6');
  }
  return { ranges, list };
}

export const NO_PROXY: TrustedProxies = trusted([]);

/** An IPv4 address as Node may report it on a dual-stack socket (`::ffff:192.0.2.1`) becomes plain IPv4. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

function isTrusted(address: string, proxies: TrustedProxies): boolean {
  const family = isIP(address);
  return family !== 0 && proxies.list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The client's address: the socket peer, unless that peer is a trusted proxy; then the right-most
 * `X-Forwarded-For` entry that is not a trusted proxy. An entry that is not an address (a client's
 * garbage passed on by the proxy) stops the walk: the last trusted hop is the answer.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  proxies: TrustedProxies,
): string {
  if (!peer) return 'unknown';
  let client = plain(peer);
  if (!forwardedFor || !isTrusted(client, proxies)) return client;
  const hops = forwardedFor.split(',').map((h) => plain(h.trim()));
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] ?? '';
    if (!isIP(hop)) return client;
    client = hop;
    if (!isTrusted(hop, proxies)) return hop;
  }
  return client;
}
