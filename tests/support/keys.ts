/** What production requires (keys for server/sealed.ts, a real mail server), for tests of production's other rules. */
export const PRODUCTION_ENV = {
  TOTP_ENCRYPTION_KEY: `t1:${Buffer.alloc(32, 1).toString('base64')}`,
  DATA_ENCRYPTION_KEY: `d1:${Buffer.alloc(32, 2).toString('base64')}`,
  SMTP_URL: 'smtp://mail.invalid:25',
  PUBLIC_BASE_URL: 'https://ihl.example',
  // Production accepts only the standard budgets (the test app's default is the load-test one).
  LIMITS_PROFILE: 'standard',
};
