import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { shouldLoadDemo } from '../../server/db/open.ts';
import { PRODUCTION_ENV } from '../support/keys.ts';

describe('configuration', () => {
  test('defaults run the portal on the embedded database', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(4321);
    expect(c.database).toEqual({ engine: 'pglite', dataDir: './data' });
    expect(c.production).toBe(false);
  });

  test('DATABASE_URL selects PostgreSQL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/ihl' }).database).toEqual({
      engine: 'postgres',
      url: 'postgres://u@db:5432/ihl',
    });
  });

  test.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['NODE_ENV', 'staging'],
    ['DEMO_CONTENT', 'maybe'],
    ['PUBLIC_BASE_URL', 'not a url'],
  ])('a bad %s stops start-up with a message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`\\b${name}\\b`));
  });

  test('the public address follows PORT and HOST unless set; a wildcard or loopback host reads as localhost', () => {
    expect(loadConfig({}).PUBLIC_BASE_URL).toBe('http://localhost:4321');
    expect(loadConfig({ PORT: '4400' }).PUBLIC_BASE_URL).toBe('http://localhost:4400');
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '4400' }).PUBLIC_BASE_URL).toBe('http://localhost:4400');
    expect(loadConfig({ HOST: '::', PORT: '8080' }).PUBLIC_BASE_URL).toBe('http://localhost:8080');
    expect(loadConfig({ HOST: '192.168.1.20', PORT: '8080' }).PUBLIC_BASE_URL).toBe('http://192.168.1.20:8080');
    expect(loadConfig({ HOST: 'fd00::5', PORT: '8080' }).PUBLIC_BASE_URL).toBe('http://[fd00::5]:8080');
    const set = loadConfig({ PORT: '4400', PUBLIC_BASE_URL: 'https://ihl.example/' });
    expect(set.PUBLIC_BASE_URL).toBe('https://ihl.example/');
    expect(set.booking.publicBaseUrl).toBe('https://ihl.example/');
  });

  test('production refuses to start without PUBLIC_BASE_URL', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/\bPUBLIC_BASE_URL\b.*required in production/);
    expect(loadConfig({ NODE_ENV: 'production', ...PRODUCTION_ENV }).production).toBe(true);
  });

  test('demo content: an empty embedded database outside production, or when asked for by name', () => {
    expect(shouldLoadDemo(loadConfig({}), { empty: true })).toBe(true);
    expect(shouldLoadDemo(loadConfig({}), { empty: false })).toBe(false);
    expect(
      shouldLoadDemo(loadConfig({ NODE_ENV: 'production', ...PRODUCTION_ENV }), {
        empty: true,
      }),
    ).toBe(false);
    expect(shouldLoadDemo(loadConfig({ DATABASE_URL: 'postgres://x/y' }), { empty: true })).toBe(false);
    expect(
      shouldLoadDemo(
        loadConfig({
          NODE_ENV: 'production',
          DEMO_CONTENT: 'yes',
          ...PRODUCTION_ENV,
        }),
        { empty: false },
      ),
    ).toBe(true);
    expect(shouldLoadDemo(loadConfig({ DEMO_CONTENT: 'no' }), { empty: true })).toBe(false);
  });

  test('production needs its encryption keys; a key must be 32 bytes with an id', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/TOTP_ENCRYPTION_KEY/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATA_ENCRYPTION_KEY/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ TOTP_ENCRYPTION_KEY: 'k1:c2hvcnQ=' })).toThrow(/TOTP_ENCRYPTION_KEY/);
    expect(() => loadConfig({ TOTP_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') })).toThrow(ConfigError);
    expect(loadConfig({ NODE_ENV: 'production', ...PRODUCTION_ENV }).production).toBe(true);
  });
});
