import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../src/errors/rate-limited-error.js';
import { ZenAuthError, authReasonOf } from '../src/errors/zen-auth-error.js';
import { ZenError, isZenError } from '../src/errors/zen-error.js';
import { ZenInputError } from '../src/errors/zen-input-error.js';
import { errorForStatus } from '../src/response-errors.js';

const TOKEN = 'tok-ERRORS-7f3a9c';
const redact = (text: string): string => text.split(TOKEN).join('[redacted]');

describe('typed errors', () => {
  it('serialise to plain data with name, code, status and the API message', () => {
    const error = errorForStatus(401, JSON.stringify({ error: 'Token inválido' }), redact);
    expect(error).toBeInstanceOf(ZenAuthError);
    expect(error.toJSON()).toEqual({
      name: 'ZenAuthError',
      code: 'ZEN_AUTH',
      message: expect.stringContaining('Token inválido'),
      status: 401,
      apiMessage: 'Token inválido',
      reason: 'invalid',
    });
  });

  it('read the reason of each documented 401 message', () => {
    expect(authReasonOf('Token inválido')).toBe('invalid');
    expect(authReasonOf('Token desabilitado')).toBe('disabled');
    expect(authReasonOf('Token não informado')).toBe('missing');
    expect(authReasonOf('Acesso não autorizado')).toBe('unauthorized');
    expect(authReasonOf('???')).toBe('unknown');
  });

  it('carry retry times as ISO strings in JSON', () => {
    const error = new RateLimitedError('later', { retryAt: new Date('2026-11-24T13:05:01Z'), retryAfterMs: 1000, status: 429 });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ retryAt: '2026-11-24T13:05:01.000Z', retryAfterMs: 1000, status: 429 });
  });

  it('are recognised across realms by a brand, not by instanceof', () => {
    expect(isZenError(new ZenInputError('date', 'x'))).toBe(true);
    expect(isZenError(new Error('x'))).toBe(false);
    expect(isZenError({ name: 'ZenError' })).toBe(false);
    expect(new ZenInputError('date', 'x')).toBeInstanceOf(ZenError);
  });

  it('scrub a token the server echoes back, from message, JSON and inspect', () => {
    const echoing = errorForStatus(500, `<html>debug: token=${TOKEN}</html>`, redact);
    const echoingJson = errorForStatus(400, JSON.stringify({ error: `bad token ${TOKEN}` }), redact);
    for (const error of [echoing, echoingJson]) {
      expect(error.message).not.toContain(TOKEN);
      expect(JSON.stringify(error)).not.toContain(TOKEN);
      expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(TOKEN);
    }
  });
});
