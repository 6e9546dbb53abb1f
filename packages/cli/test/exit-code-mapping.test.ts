import { describe, expect, it } from 'vitest';
import {
  RateLimitedError,
  ZenAuthError,
  ZenBadRequestError,
  ZenError,
  ZenInputError,
  ZenMethodError,
  ZenNetworkError,
  ZenResponseError,
  ZenServerError,
} from '@zen-leads/core';
import { CliError, ExitCode, cacheFolderError, outputError } from '../src/cli-error.js';
import { exitCodeOf } from '../src/describe-error.js';

describe('exitCodeOf', () => {
  const retryAt = new Date();
  it.each([
    ['a usage error', new CliError('bad flag'), 2],
    ['ZenInputError', new ZenInputError('date', 'format', 'bad', 'fix'), 2],
    ['ZenBadRequestError (400)', new ZenBadRequestError('400', ''), 2],
    ['ZenMethodError (405, a wrong URL)', new ZenMethodError('405', ''), 2],
    ['ZenAuthError (401)', new ZenAuthError('401', '', 'invalid'), 3],
    ['RateLimitedError from the window', new RateLimitedError('taken', '', { reason: 'fail-mode', retryAt, retryAfterMs: 1, windowMs: 300_000 }), 4],
    ['RateLimitedError from a 429', new RateLimitedError('429', '', { reason: 'api', status: 429, retryAt, retryAfterMs: 1, windowMs: 300_000 }), 4],
    ['ZenServerError (5xx)', new ZenServerError('500', '', { status: 500 }), 5],
    ['ZenNetworkError timeout', new ZenNetworkError('slow', '', 'timeout'), 5],
    ['ZenNetworkError connection', new ZenNetworkError('reset', '', 'connection'), 5],
    ['ZenResponseError (bad body)', new ZenResponseError('bad', ''), 6],
    ['a bare ZenError', new ZenError('?', ''), 1],
    ["Deno's NotCapable (a missing --allow-* flag)", Object.assign(new Error('Requires read access'), { name: 'NotCapable' }), 2],
    ['a cache folder that cannot be used', cacheFolderError('/proc/nope', () => '/proc does not allow new folders (ENOENT)', 'ZEN_CACHE_DIR'), 2],
    ['an --out file whose folder is missing', outputError({ kind: 'file', path: '/x/r.html', what: () => 'the report', option: '--out' }, Object.assign(new Error('x'), { code: 'ENOENT' })), 2],
    ['an --out file on a full disk', outputError({ kind: 'file', path: '/x/r.html', what: () => 'the report', option: '--out' }, Object.assign(new Error('x'), { code: 'ENOSPC' })), 7],
    ['stdout failing (not a closed pipe)', outputError({ kind: 'stdout' }, Object.assign(new Error('x'), { code: 'EIO' })), 7],
    ['a file-system error mid-run', Object.assign(new Error('x'), { code: 'ENOSPC', syscall: 'write', path: '/var/lib/zen/h.ndjson' }), 7],
    ['a TypeError', new TypeError('bug'), 1],
    ['a thrown string', 'oops', 1],
  ])('%s → %d', (_, error, code) => {
    expect(exitCodeOf(error)).toBe(code);
  });

  it('reads errors by their stable code, so a second copy of the core maps the same', () => {
    const foreign = Object.assign(new ZenError('from another copy', ''), {});
    Object.defineProperty(foreign, 'code', { value: 'ZEN_AUTH' });
    expect(exitCodeOf(foreign)).toBe(ExitCode.authentication);
  });

  it('keeps the documented numbers', () => {
    const documented = { ok: 0, unexpected: 1, invalidInput: 2, authentication: 3, rateLimited: 4, serverOrNetwork: 5, invalidResponse: 6, outputFailed: 7, interrupted: 130 };
    expect(ExitCode).toEqual(documented);
  });
});
