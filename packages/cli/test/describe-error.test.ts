import { describe, expect, it } from 'vitest';
import { RateLimitedError, ZenAuthError, ZenInputError, ZenNetworkError, ZenResponseError, ZenServerError } from '@zen-leads/core';
import { parseLeadTotalsBody } from '@zen-leads/core/internal';
import { describeError } from '../src/describe-error.js';
import { CliError, cacheFolderError, outputError } from '../src/cli-error.js';

const NOW = Date.parse('2026-11-25T12:00:00Z'); // 09:00:00 in São Paulo

describe('describeError', () => {
  it('prefixes usage errors with the command name only', () => {
    expect(describeError(new CliError('no token.'))).toBe('zen-leads: no token.');
  });

  it('says when a window refusal frees, in São Paulo time and as a duration, and that nothing was sent', () => {
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
    expect(text).toContain('the API at https://crm.example took longer than the 2.5s timeout.');
    expect(text).toContain('raise --timeout');
  });

  it('says how many windows a failure took when the core tried in several', () => {
    const text = describeError(new ZenNetworkError('t', '', 'timeout', { attempts: 3 }), { timeoutMs: 1_000, origin: 'https://crm.example' });
    expect(text).toContain('took longer than the 1s timeout, in 3 attempts (one per window: the API may count each)');
  });

  it('says a remembered 401 sent nothing, and when the API is asked again', () => {
    const error = new ZenAuthError('p', 'h', 'disabled', { apiMessage: 'Token desabilitado', remembered: true, retryAt: new Date(Date.now() + 42_000) });
    const text = describeError(error);
    expect(text).toMatch(/refused this token moments ago \(HTTP 401: "Token desabilitado"\), so nothing was sent; it is asked again after 4\d(\.\d)?s/);
    expect(text).toContain('Enable it, or generate a new one');
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

  it.each([
    ['insecure-http', 'url', /^zen-leads: url http:\/\/crm\.example uses plain http\. Use the https:\/\/ URL\. Pass --allow-insecure-http only for a test server you trust: anyone on the way can read the token/],
    ['scheme', 'url', /The API speaks only https: set ZEN_URL \(or --url\) to the https:\/\/ integration URL/],
    ['token-in-url', 'url', /Remove the token from ZEN_URL \(or --url\) and keep it in ZEN_TOKEN only/],
    ['userinfo', 'url', /Remove the user name and password from ZEN_URL \(or --url\)/],
    ['missing', 'token', /Set ZEN_TOKEN to the token from CRM Zen/],
    ['characters', 'token', /Copy the token again .* into ZEN_TOKEN, without spaces, quotes or line breaks/],
  ] as const)('words the hint for an input error by its reason (%s), naming flags and env vars', (reason, field, hint) => {
    const problem = field === 'url' ? 'url http://crm.example uses plain http.' : 'token is not usable.';
    const text = describeError(new ZenInputError(field, reason, problem, 'Set allowInsecureHttp: true.'));
    expect(text).toMatch(hint);
    expect(text).not.toContain('allowInsecureHttp');
    expect(text.endsWith('\nNothing was sent.')).toBe(true);
  });

  it('shows a body that is not JSON with its excerpt once, with one period per sentence', () => {
    const error = caught(() => parseLeadTotalsBody('{"data":', 200));
    expect(describeError(error)).toBe(
      'zen-leads: The API answered 200 with a body that is not JSON: "{\\"data\\":".\n' +
        'Check that ZEN_URL is the lead-totals integration URL; if it is, the API is misbehaving — try again later.',
    );
  });

  it('shows a truncated body\'s excerpt once, however long the body', () => {
    const error = caught(() => parseLeadTotalsBody(`{"data":"2026-11-24","usuarios":[${'{"nome":"Ana"},'.repeat(40)}`, 200));
    const text = describeError(error);
    expect(text.match(/usuarios/g)).toHaveLength(1);
    expect(text).toContain('…');
    expect(text).not.toMatch(/\.\.|The body starts/);
  });

  it('names the path at fault once, without doubling its period', () => {
    const error = caught(() => parseLeadTotalsBody('{"data":"2026-11-24","total":0,"usuarios":[{"nome":null}]}', 200));
    const text = describeError(error);
    expect(text.match(/usuarios\[0\]\.nome/g)).toHaveLength(1);
    expect(text).not.toMatch(/\.\.|\(at /);
  });

  it('names the configured window and the place in line of a refusal', () => {
    const error = new RateLimitedError('taken', '', { reason: 'max-wait', retryAt: new Date(NOW + 9_000), retryAfterMs: 9_000, windowMs: 3_000, position: 3 });
    const text = describeError(error, { onRateLimit: 'wait', maxWaitMs: 5_000 }, NOW);
    expect(text).toContain('(the API takes one request per token every 3s); nothing was sent.');
    expect(text).toContain('in 9s. This run was 3rd in line.');
    expect(text).toContain('That is longer than --max-wait 5s; run again then, or raise --max-wait.');
  });

  it('says the window is free again rather than "in 0ms" when the time has passed', () => {
    const error = new RateLimitedError('taken', '', { reason: 'fail-mode', retryAt: new Date(NOW - 10), retryAfterMs: 0, windowMs: 300_000 });
    const text = describeError(error, { onRateLimit: 'fail' }, NOW);
    expect(text).toContain('The window is free again now.');
    expect(text).not.toMatch(/0ms|in 0s/);
  });

  it('names a cache folder that cannot be used and the settings that fix it', () => {
    const text = describeError(cacheFolderError('/proc/nope', () => '/proc does not allow new folders (ENOENT)', 'ZEN_CACHE_DIR'));
    expect(text).toBe(
      'zen-leads: cannot use the cache folder /proc/nope: /proc does not allow new folders (ENOENT).\nSet --cache-dir or ZEN_CACHE_DIR to a writable folder, or pass --store memory: (nothing is kept between runs, so runs do not share the window).',
    );
  });

  it('names a failed write by what was written, never as a bug', () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(describeError(outputError({ kind: 'file', path: '/data/r.html', what: () => 'the report', option: '--out' }, enospc))).toBe(
      'zen-leads: cannot write the report to /data/r.html: no space left on the device (ENOSPC).\nFree some space on that disk (or check it), then run again.',
    );
    const midRun = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write', path: '/data/h.ndjson' });
    expect(describeError(midRun)).toBe('zen-leads: could not use /data/h.ndjson (write failed): no space left on the device (ENOSPC).\nCheck that disk and the folder\'s permissions, then run again.');
  });
});

/** The error `run` throws, so a test can describe what the core really produces. */
function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
