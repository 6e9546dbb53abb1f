import { describe, expect, it } from 'vitest';
import { ZenInputError } from '../src/errors.js';
import { validateDuration, validateToken, validateUrl } from '../src/client-settings.js';
import { validateDate } from '../src/sao-paulo-calendar.js';

const NOW = Date.parse('2026-11-29T12:00:00Z'); // 09:00 on 2026-11-29 in São Paulo

function inputError(run: () => unknown): ZenInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ZenInputError);
    return error as ZenInputError;
  }
  throw new Error('expected a ZenInputError');
}

describe('input validation', () => {
  it('accepts real past days and today in São Paulo', () => {
    expect(validateDate('2028-02-29', Date.parse('2028-03-01T12:00:00Z'))).toBe('2028-02-29');
    expect(validateDate('2026-11-29', NOW)).toBe('2026-11-29');
  });

  it.each([
    ['2026-02-29', 'February 2026 has days 01 to 28'],
    ['2026-13-01', 'months run from 01 to 12'],
    ['0000-01-01', 'years start at 0001'],
    ['2026-11-30', 'in the future'],
    ['29/11/2026', 'YYYY-MM-DD'],
    ['2026-11-2', 'YYYY-MM-DD'],
    ['', 'YYYY-MM-DD'],
  ])('rejects the date %j, saying it %s', (date, says) => {
    const error = inputError(() => validateDate(date, NOW));
    expect(error.field).toBe('date');
    expect(error.message).toContain(says);
    if (!says.includes('February')) expect(error.message).not.toContain('February');
  });

  it('rejects dates that are not strings, naming the type', () => {
    expect(inputError(() => validateDate(20261124, NOW)).message).toContain('got 20261124');
    expect(inputError(() => validateDate(null, NOW)).message).toContain('got null');
  });

  it('uses the São Paulo day: at 01:00 UTC, the UTC date is still tomorrow there', () => {
    const error = inputError(() => validateDate('2026-11-29', Date.parse('2026-11-29T01:00:00Z')));
    expect(error.message).toContain('today in America/Sao_Paulo is 2026-11-28');
  });

  it('accepts https URLs and plain http only to loopback', () => {
    expect(validateUrl('https://crm.example.invalid/api/totais?x=1').search).toBe('?x=1');
    expect(validateUrl('http://127.0.0.1:8080/api').hostname).toBe('127.0.0.1');
    expect(validateUrl('http://localhost/api').hostname).toBe('localhost');
    expect(validateUrl('http://[::1]:9/api').hostname).toBe('[::1]');
    expect(validateUrl('http://127.0.0.2:8080/api').hostname).toBe('127.0.0.2');
    expect(validateUrl('http://127.255.1.9/api').hostname).toBe('127.255.1.9');
    expect(validateUrl('http://crm.example.invalid/api', { allowInsecureHttp: true }).protocol).toBe('http:');
  });

  it.each([
    ['', 'missing'],
    ['/api/totais', 'not an absolute URL'],
    ['ftp://crm.example.invalid/x', 'https://'],
    ['http://128.0.0.1/api', 'unencrypted'],
    ['http://crm.example.invalid/api', 'unencrypted'],
    ['https://user:pass@crm.example.invalid/api', 'user name or password'],
    ['https://crm.example.invalid/api?token=SECRET-TOKEN-1', 'contains the token'],
  ])('rejects the URL %j, saying %s', (url, says) => {
    const error = inputError(() => validateUrl(url, { token: 'SECRET-TOKEN-1' }));
    expect(error.field).toBe('url');
    expect(error.message).toContain(says);
    expect(error.message).not.toContain('SECRET-TOKEN-1');
  });

  it.each([
    ['', 'missing'],
    [' abc', 'whitespace'],
    ['abc\r\nX-Injected: 1', 'line breaks'],
    ['a\u0000b', 'control characters'],
    ['tok€n', 'outside ASCII'],
    ['x'.repeat(5000), 'characters long'],
  ])('rejects the token %#, saying %s, without echoing it', (token, says) => {
    const error = inputError(() => validateToken(token));
    expect(error.field).toBe('token');
    expect(error.message.toLowerCase()).toContain(says.split(' ')[0]);
    if (token.length > 3) expect(error.message).not.toContain(token.trim());
  });

  it('rejects negative or non-finite durations, naming the option', () => {
    expect(validateDuration('maxWaitMs', 0)).toBe(0);
    expect(inputError(() => validateDuration('maxWaitMs', -1)).message).toContain('maxWaitMs');
    expect(inputError(() => validateDuration('timeoutMs', Number.NaN))).toMatchObject({ field: 'timeoutMs', reason: 'range' });
  });

  it('looks for a short token only where it would stand whole: "lead" is not found in totais_lead', () => {
    expect(validateUrl('https://crm.example.invalid/api/totais_lead?lead_x=1', { token: 'lead' }).pathname).toBe('/api/totais_lead');
    expect(inputError(() => validateUrl('https://crm.example.invalid/api/totais_lead?token=lead', { token: 'lead' }))).toMatchObject({ reason: 'token-in-url' });
    expect(inputError(() => validateUrl('https://crm.example.invalid/lead/totais', { token: 'lead' }))).toMatchObject({ reason: 'token-in-url' });
    // A long one is found anywhere, encoded or not.
    expect(inputError(() => validateUrl('https://crm.example.invalid/api?x=abc%2DTOKEN%2D123', { token: 'abc-TOKEN-123' }))).toMatchObject({ reason: 'token-in-url' });
  });
});
