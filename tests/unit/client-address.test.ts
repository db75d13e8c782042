import { describe, expect, test } from 'vitest';
import { NO_PROXY, ProxyListError, clientAddress, parseTrustedProxies } from '../../server/domain/client-address.ts';
import { ConfigError, loadConfig } from '../../server/config.ts';

const proxies = parseTrustedProxies('10.0.0.0/8, 203.0.113.7, fd00::/8');

describe('client address behind proxies', () => {
  test('without a trusted proxy the header is ignored: the socket peer is the client', () => {
    expect(clientAddress('198.51.100.4', '1.2.3.4', NO_PROXY)).toBe('198.51.100.4');
    expect(clientAddress('198.51.100.4', '1.2.3.4', proxies)).toBe('198.51.100.4');
    expect(clientAddress('::ffff:198.51.100.4', '1.2.3.4', NO_PROXY)).toBe('198.51.100.4');
    expect(clientAddress(undefined, '1.2.3.4', proxies)).toBe('unknown');
  });

  test('behind a trusted proxy: the right-most entry that is not a trusted proxy', () => {
    expect(clientAddress('10.1.2.3', '198.51.100.4', proxies)).toBe('198.51.100.4');
    // The client wrote "1.2.3.4" itself; the proxy appended the address it saw.
    expect(clientAddress('10.1.2.3', '1.2.3.4, 198.51.100.4', proxies)).toBe('198.51.100.4');
    // Two proxies in a row (a CDN at 203.0.113.7, then the load balancer in 10/8).
    expect(clientAddress('10.1.2.3', '6.6.6.6, 198.51.100.4, 203.0.113.7', proxies)).toBe('198.51.100.4');
    expect(clientAddress('::ffff:10.1.2.3', '2001:db8::1', proxies)).toBe('2001:db8::1');
    expect(clientAddress('fd00::5', '2001:db8::1', proxies)).toBe('2001:db8::1');
  });

  test('garbage in the header does not become an address; an empty header leaves the peer', () => {
    expect(clientAddress('10.1.2.3', 'evil, not-an-ip', proxies)).toBe('10.1.2.3');
    expect(clientAddress('10.1.2.3', '', proxies)).toBe('10.1.2.3');
    expect(clientAddress('10.1.2.3', '198.51.100.4, ', proxies)).toBe('10.1.2.3');
  });

  test('every hop trusted: the left-most of them', () => {
    expect(clientAddress('10.1.2.3', '10.9.9.9, 203.0.113.7', proxies)).toBe('10.9.9.9');
  });

  test('the list: addresses, ranges, names and the old boolean', () => {
    expect(parseTrustedProxies('false').ranges).toEqual([]);
    expect(parseTrustedProxies(undefined).ranges).toEqual([]);
    expect(parseTrustedProxies('true').ranges).toEqual(['127.0.0.0/8', '::1/128']);
    expect(parseTrustedProxies('loopback,private').ranges).toHaveLength(6);
    expect(parseTrustedProxies('192.0.2.1').ranges).toEqual(['192.0.2.1/32']);
    for (const bad of ['10.0.0.0/33', 'example.com', '10.0.0.0/8/1', '::1/129', '10.0.0.0/x', '*'])
      expect(() => parseTrustedProxies(bad), bad).toThrow(ProxyListError);
  });

  test('a bad TRUST_PROXY stops start-up with a message naming it', () => {
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8' }).TRUST_PROXY.ranges).toEqual(['10.0.0.0/8']);
  });
});
