import { type TrustedProxies, clientAddress } from '../domain/client-address.ts';

/** The socket's peer, as Node reports it (undefined under `app.request` without an env). */
export function socketAddress(c: { env: unknown }): string | undefined {
  return (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
}

/**
 * The client's address, for rate limits only: the socket's peer, or behind a trusted proxy
 * (`TRUST_PROXY`, a list of addresses) the right-most `X-Forwarded-For` entry that is not one
 * of them (`server/domain/client-address.ts`).
 */
export function clientIp(
  c: { req: { header(n: string): string | undefined }; env: unknown },
  proxies: TrustedProxies,
): string {
  return clientAddress(socketAddress(c), c.req.header('x-forwarded-for'), proxies);
}
