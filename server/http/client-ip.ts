/** The client's address, for rate limits only; behind a proxy only when TRUST_PROXY says so. */
export function clientIp(
  c: { req: { header(n: string): string | undefined }; env: unknown },
  trustProxy: boolean,
): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}
