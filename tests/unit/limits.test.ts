/** The limits' pure rules: the key an address is counted under, contacts, the profiles. */
import { describe, expect, test } from 'vitest';
import {
  ADDRESS_LIMITS,
  KIOSK_LIMITS,
  LOAD_TEST_FACTOR,
  callingCode,
  contactKeys,
  limitKey,
  limitsFor,
  normalizePhone,
} from '../../server/domain/limits.ts';
import { loadConfig } from '../../server/config.ts';

describe('limitKey', () => {
  test.each([
    ['203.0.113.9', '203.0.113.9'],
    [' 203.0.113.9 ', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['::FFFF:cb00:7109', '203.0.113.9'],
    ['0:0:0:0:0:ffff:203.0.113.9', '203.0.113.9'],
    ['2001:db8:aa:1::1', '2001:db8:aa:1::/64'],
    ['2001:0db8:00aa:0001:ffff:ffff:ffff:ffff', '2001:db8:aa:1::/64'],
    ['[2001:db8:aa:1::2]', '2001:db8:aa:1::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['2001:db8::', '2001:db8:0:0::/64'],
    ['unknown', 'unknown'],
    ['1::2::3', '1::2::3'],
  ])('%s → %s', (address, key) => expect(limitKey(address)).toBe(key));

  test('every address of one /64 has one key; the next /64 another', () => {
    const keys = new Set(
      ['2001:db8:aa:1::1', '2001:db8:aa:1:1234:5678:9abc:def0', '2001:db8:aa:1:ffff::'].map(limitKey),
    );
    expect(keys.size).toBe(1);
    expect(limitKey('2001:db8:aa:2::1')).not.toBe(limitKey('2001:db8:aa:1::1'));
  });
});

describe('contacts', () => {
  test('a phone number in any formatting is one E.164 number; an email lower-case and trimmed', () => {
    for (const phone of ['040 765 4321', '+358407654321', '(040) 765-4321', '+358 40 765 4321'])
      expect(normalizePhone(phone)).toBe('+358407654321');
    expect(contactKeys({ phone: '040 765 4321', email: ' Same.Person@Example.COM ' })).toEqual({
      phone: '+358407654321',
      email: 'same.person@example.com',
    });
    expect(contactKeys({})).toEqual({ phone: null, email: null });
  });

  test('calling codes', () => {
    expect(callingCode('+358407654321')).toBe('358');
    expect(callingCode('040 765 4321')).toBe('358');
    expect(callingCode('+46 70 123 45 67')).toBe('46');
  });
});

describe('profiles', () => {
  test('the load-test profile multiplies every budget and removes none', () => {
    const standard = limitsFor('standard');
    const load = limitsFor('load-test');
    for (const [name, budget] of Object.entries(ADDRESS_LIMITS)) {
      expect(standard.address[name as keyof typeof ADDRESS_LIMITS].max).toBe(budget.max);
      expect(load.address[name as keyof typeof ADDRESS_LIMITS].max).toBe(budget.max * LOAD_TEST_FACTOR);
    }
    expect(Object.keys(load.kiosk)).toEqual(Object.keys(KIOSK_LIMITS));
    expect(load.activePerContact).toBe(standard.activePerContact * LOAD_TEST_FACTOR);
  });

  test('every limit says why', () => {
    for (const budget of [...Object.values(ADDRESS_LIMITS), ...Object.values(KIOSK_LIMITS)])
      expect(budget.reason.length).toBeGreaterThan(20);
  });

  test('production refuses the load-test profile; SMS country codes are validated', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', LIMITS_PROFILE: 'load-test' })).toThrow(/LIMITS_PROFILE/);
    expect(loadConfig({}).limits.address.booking.max).toBe(ADDRESS_LIMITS.booking.max);
    expect(loadConfig({}).sms.countryCodes).toEqual(['358']);
    expect(loadConfig({ SMS_COUNTRY_CODES: '358,46' }).sms.countryCodes).toEqual(['358', '46']);
    expect(() => loadConfig({ SMS_COUNTRY_CODES: '+358' })).toThrow(/SMS_COUNTRY_CODES/);
    expect(() => loadConfig({ SMS_DAILY_CAP: '0' })).toThrow(/SMS_DAILY_CAP/);
  });
});
