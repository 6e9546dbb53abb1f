import { describe, expect, it } from 'vitest';
import { RateLimitedError, ZenAuthError, ZenNetworkError, ZenServerError } from '@zen-leads/core';
import { describeError } from '../src/describe-error.js';
import { UsageError } from '../src/usage-error.js';

const NOW = Date.parse('2026-11-25T12:00:00Z'); // 09:00:00 in São Paulo

describe('describeError', () => {
  it('prefixes usage errors with the command name only', () => {
    expect(describeError(new UsageError('no token.'))).toBe('zen-leads: no token.');
  });

  it('says when a guard refusal frees, in São Paulo time and as a duration, and that nothing was sent', () => {
    const error = new RateLimitedError('taken', '', { reason: 'fail-mode', retryAt: new Date(NOW + 252_000), retryAfterMs: 252_000, windowMs: 300_000 });
    const text = describeError(error, { onRateLimit: 'fail' }, NOW);
    expect(text).toContain('nothing was sent');
    expect(text).toContain('The window frees at 2026-11-25 09:04:12 São Paulo time, in 4m 12s.');
    expect(text).toContain('--on-rate-limit wait');
  });

  it('blames --max-wait when waiting was on but too long', () => {
    const error = new RateLimitedError('taken', '', { reason: 'max-wait', retryAt: new Date(NOW + 300_000), retryAfterMs: 300_000, windowMs: 300_000 });
    expect(describeError(error, { onRateLimit: 'wait', maxWaitMs: 60_000 }, NOW)).toContain(
      'That is longer than --max-wait 1m; run again then, or raise --max-wait.',
    );
  });

  it('quotes the API message of a 429', () => {
    const error = new RateLimitedError('429', '', {
      reason: 'api',
      windowMs: 300_000,
      status: 429,
      apiMessage: 'Você excedeu o número de requisições.',
      retryAt: new Date(NOW + 1_000),
      retryAfterMs: 1_000,
    });
    expect(describeError(error, { onRateLimit: 'fail' }, NOW)).toContain('(HTTP 429: "Você excedeu o número de requisições.")');
  });

  it.each([
    ['missing', 'Set ZEN_TOKEN'],
    ['invalid', 'Copy the token again'],
    ['disabled', 'The token is disabled'],
    ['unauthorized', 'same account'],
  ] as const)('gives a fix for a 401 with reason %s', (reason, fix) => {
    expect(describeError(new ZenAuthError('401', '', reason, { apiMessage: 'x' }))).toContain(fix);
  });

  it('names the timeout and the origin, never a path or query', () => {
    const text = describeError(new ZenNetworkError('t', '', 'timeout'), { timeoutMs: 2_500, origin: 'https://crm.example' });
    expect(text).toContain('at https://crm.example within 2.5s');
  });

  it('shows a non-JSON 5xx page as what the core saw', () => {
    const error = new ZenServerError('The API failed (502) with "<html>".', 'Try again later.', { status: 502 });
    const text = describeError(error);
    expect(text).toContain('(502)');
    expect(text).toContain('<html>');
    expect(text).toContain('proxy or gateway');
  });

  it('calls anything else a bug, with its message', () => {
    expect(describeError(new TypeError('x is undefined'))).toBe(
      'zen-leads: unexpected error: x is undefined\nThis is a bug in zen-leads; please report it with the command you ran (without the token).',
    );
  });
});
