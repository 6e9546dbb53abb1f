import { describe, expect, it } from 'vitest';
import { parseRateLimitMessage, cooldownAfterRateLimit, retryAfterMs } from '../src/api-messages.js';

const MESSAGE =
  'Você excedeu o número de requisições. Sua última requisição foi em "2026-11-24 10:00:00". Sua próxima requisição estará disponível em "2026-11-24 10:05:00"';
const WINDOW = 301_000;

describe('429 evidence', () => {
  it('reads both São Paulo times of the message as instants', () => {
    const parsed = parseRateLimitMessage(MESSAGE);
    expect(parsed.lastRequestAt?.toISOString()).toBe('2026-11-24T13:00:00.000Z');
    expect(parsed.nextAvailableAt?.toISOString()).toBe('2026-11-24T13:05:00.000Z');
    expect(parseRateLimitMessage('Too many requests')).toEqual({});
  });

  it("measures the remaining time on the server's clock: a skewed local clock costs half a second at most", () => {
    const message = parseRateLimitMessage(MESSAGE);
    const dateHeader = new Date('2026-11-24T13:03:00Z').toUTCString(); // server says: 2 min left
    for (const skew of [-120_000, 120_000]) {
      const now = Date.parse('2026-11-24T13:03:00Z') + skew;
      // The header's second is read at its middle: 1 min 59.5 s left, plus the 1 s margin.
      expect(cooldownAfterRateLimit({ message, dateHeader, retryAfterHeader: null, now, windowMs: WINDOW })).toBe(120_500);
    }
  });

  it('uses our own clock to the millisecond when it reads inside the second the Date header names', () => {
    const message = parseRateLimitMessage(MESSAGE);
    const dateHeader = new Date('2026-11-24T13:03:00Z').toUTCString();
    const now = Date.parse('2026-11-24T13:03:00.700Z');
    expect(cooldownAfterRateLimit({ message, dateHeader, retryAfterHeader: null, now, windowMs: WINDOW })).toBe(120_300);
  });

  it('falls back to the local clock without a Date header, and to a full window when the times are implausible', () => {
    const message = parseRateLimitMessage(MESSAGE);
    const now = Date.parse('2026-11-24T13:04:00Z');
    expect(cooldownAfterRateLimit({ message, dateHeader: null, retryAfterHeader: null, now, windowMs: WINDOW })).toBe(61_000);
    // A server writing its times three hours off (another zone): next-available looks 3 h away.
    const offZone = Date.parse('2026-11-24T10:04:00Z');
    expect(cooldownAfterRateLimit({ message, dateHeader: new Date(offZone).toUTCString(), retryAfterHeader: null, now: offZone, windowMs: WINDOW })).toBe(WINDOW + 1000);
    expect(cooldownAfterRateLimit({ message: {}, dateHeader: null, retryAfterHeader: null, now, windowMs: WINDOW })).toBe(WINDOW + 1000);
  });

  it('honours Retry-After in seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-24T13:00:00Z');
    expect(retryAfterMs('30', null, now)).toBe(30_000);
    expect(retryAfterMs(new Date(now + 45_000).toUTCString(), new Date(now).toUTCString(), now + 999_999)).toBe(44_500);
    expect(retryAfterMs(new Date(now + 45_000).toUTCString(), new Date(now).toUTCString(), now + 300)).toBe(44_700);
    expect(retryAfterMs('soon', null, now)).toBeUndefined();
    expect(cooldownAfterRateLimit({ message: {}, dateHeader: null, retryAfterHeader: '30', now, windowMs: WINDOW })).toBe(31_000);
  });
});
