/** The keys production requires (server/sealed.ts), for tests of production's other rules. */
export const PRODUCTION_KEYS = {
  TOTP_ENCRYPTION_KEY: `t1:${Buffer.alloc(32, 1).toString('base64')}`,
};
