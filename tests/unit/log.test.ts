import { describe, expect, test } from 'vitest';
import { redactPath } from '../../server/http/log.ts';
import { createLogger } from '../../server/log.ts';

describe('log redaction', () => {
  test.each([
    ['/api/bookings/manage/abc123', '/api/bookings/manage/:redacted'],
    ['/fi/booking/manage/Zx8kq2LrT0aB9cD4eF6gH1jK/', '/fi/booking/manage/:redacted/'],
    ['/api/queue/ticket/t0k3nT0k3nT0k3nT0k3nT0k3n', '/api/queue/ticket/:redacted'],
    ['/api/health', '/api/health'],
    ['/fi/walk-in/', '/fi/walk-in/'],
    ['/api/slots?email=a@b.fi', '/api/slots'],
  ])('%s → %s', (input, expected) => {
    expect(redactPath(input)).toBe(expected);
  });

  test('levels below the configured one are not written', () => {
    const lines: string[] = [];
    const log = createLogger('warn', (l) => lines.push(l));
    log.info('x');
    log.warn('y', { n: 1 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', msg: 'y', n: 1 });
    // What a caller asks before building a line's fields.
    expect([log.enabled('info'), log.enabled('warn'), log.enabled('error')]).toEqual([false, true, true]);
  });
});
