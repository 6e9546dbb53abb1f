/**
 * The rules the other packages take from the core instead of writing their own: reading a day as
 * people write it, when an answer is final, which dates exist, narrowing an error by its code,
 * the API's 429 words written and read back, and which system codes prove nothing was sent.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { isFinalAnswer, isUnreachableCode, nonexistentDateReason, parseRateLimitMessage, rateLimitMessage, resolveDay } from '../src/internal.js';
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
  zenErrorOf,
  type KnownZenError,
  type ZenErrorCode,
} from '../src/index.js';

// 23:59:59.999 on 24 November in São Paulo (UTC−3) is already the 25th in UTC.
const LAST_MS_OF_THE_24TH = Date.parse('2026-11-25T02:59:59.999Z');
const MIDNIGHT_OF_THE_25TH = Date.parse('2026-11-25T03:00:00.000Z');

function inputErrorOf(run: () => unknown): ZenInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof ZenInputError) return error;
    throw error;
  }
  throw new Error('expected a ZenInputError, nothing was thrown');
}

describe('resolveDay', () => {
  it('reads today and yesterday in any case and with spaces around, on the São Paulo calendar', () => {
    for (const text of ['today', 'TODAY', ' Today ', '\ttoday\n']) expect(resolveDay(text, LAST_MS_OF_THE_24TH)).toBe('2026-11-24');
    for (const text of ['yesterday', 'YESTERDAY', '  yesterday']) expect(resolveDay(text, LAST_MS_OF_THE_24TH)).toBe('2026-11-23');
    expect(resolveDay(' 2026-11-20 ', LAST_MS_OF_THE_24TH)).toBe('2026-11-20');
  });

  it('turns the day at midnight in São Paulo, not at midnight UTC', () => {
    expect(resolveDay('today', LAST_MS_OF_THE_24TH)).toBe('2026-11-24');
    expect(resolveDay('today', MIDNIGHT_OF_THE_25TH)).toBe('2026-11-25');
    expect(resolveDay('yesterday', MIDNIGHT_OF_THE_25TH)).toBe('2026-11-24');
    // The 25th has not begun in São Paulo one millisecond before: it is a future day there.
    expect(inputErrorOf(() => resolveDay('2026-11-25', LAST_MS_OF_THE_24TH)).reason).toBe('future');
    expect(resolveDay('2026-11-25', MIDNIGHT_OF_THE_25TH)).toBe('2026-11-25');
  });

  it('refuses a future day, a day that does not exist and other words, as the date field, with a fix', () => {
    const future = inputErrorOf(() => resolveDay('2026-12-01', LAST_MS_OF_THE_24TH));
    expect([future.field, future.reason]).toEqual(['date', 'future']);
    expect(future.hint).toContain('2026-11-24');
    const nonexistent = inputErrorOf(() => resolveDay('2026-02-29', LAST_MS_OF_THE_24TH));
    expect([nonexistent.field, nonexistent.reason]).toEqual(['date', 'nonexistent']);
    expect(nonexistent.problem).toContain('February 2026 has days 01 to 28');
    for (const text of ['tomorrow', 'hoje', '24/11/2026', '']) expect(inputErrorOf(() => resolveDay(text, LAST_MS_OF_THE_24TH)).reason).toBe('format');
  });
});

describe('isFinalAnswer', () => {
  it('is final only when fetched after the day closed in São Paulo', () => {
    expect(isFinalAnswer('2026-11-24', MIDNIGHT_OF_THE_25TH)).toBe(true);
    expect(isFinalAnswer('2026-11-24', new Date(MIDNIGHT_OF_THE_25TH + 86_400_000))).toBe(true);
    // Same day, to its last millisecond there (already the 25th in UTC): the numbers can still grow.
    expect(isFinalAnswer('2026-11-24', LAST_MS_OF_THE_24TH)).toBe(false);
    expect(isFinalAnswer('2026-11-24', new Date('2026-11-24T12:00:00.000Z'))).toBe(false);
  });
});

describe('nonexistentDateReason', () => {
  it('knows leap years: every 4th, not every 100th, every 400th', () => {
    expect(nonexistentDateReason('2024-02-29')).toBeUndefined();
    expect(nonexistentDateReason('2000-02-29')).toBeUndefined();
    expect(nonexistentDateReason('1900-02-29')).toBe('February 1900 has days 01 to 28');
    expect(nonexistentDateReason('2026-02-29')).toBe('February 2026 has days 01 to 28');
    expect(nonexistentDateReason('2026-04-31')).toBe('April 2026 has days 01 to 30');
    expect(nonexistentDateReason('2026-12-31')).toBeUndefined();
  });

  it('starts years at 0001 and months at 01, ends months at 12, and days at 01', () => {
    expect(nonexistentDateReason('0001-01-01')).toBeUndefined();
    expect(nonexistentDateReason('0000-06-15')).toBe('years start at 0001');
    expect(nonexistentDateReason('2026-13-01')).toBe('months run from 01 to 12');
    expect(nonexistentDateReason('2026-00-10')).toBe('months run from 01 to 12');
    expect(nonexistentDateReason('2026-01-00')).toBe('January 2026 has days 01 to 31');
  });
});

/** A host's one table: every code to its words, exhaustive (a new code fails to compile here). */
function wordsFor(error: KnownZenError): string {
  switch (error.code) {
    case 'ZEN_INPUT':
      return `input:${error.field}`;
    case 'ZEN_AUTH':
      return `auth:${error.reason}`;
    case 'ZEN_RATE_LIMITED':
      return `limited:${error.retryAt.toISOString()}`;
    case 'ZEN_NETWORK':
      return `network:${error.reason}`;
    case 'ZEN_RESPONSE':
      return `response:${error.path ?? '-'}`;
    case 'ZEN_BAD_REQUEST':
      return `bad-request:${error.status}`;
    case 'ZEN_METHOD':
      return `method:${error.status}`;
    case 'ZEN_SERVER':
      return `server:${error.status}`;
    case 'ZEN_ERROR':
    case 'ZEN_GATEWAY_CONFIG':
    case 'ZEN_ALERT_RULES':
      return `other:${error.code}`;
    default: {
      const unknown: never = error;
      return String(unknown);
    }
  }
}

describe('zenErrorOf', () => {
  const retryAt = new Date('2026-11-24T13:05:00.000Z');
  const cases: [ZenErrorCode, Error, string][] = [
    ['ZEN_INPUT', new ZenInputError('date', 'format', 'Bad date.', 'Fix it.'), 'input:date'],
    ['ZEN_AUTH', new ZenAuthError('Refused.', 'New token.', 'disabled'), 'auth:disabled'],
    ['ZEN_RATE_LIMITED', new RateLimitedError('Busy.', 'Wait.', { reason: 'api', retryAt, retryAfterMs: 1_000, windowMs: 300_000 }), `limited:${retryAt.toISOString()}`],
    ['ZEN_NETWORK', new ZenNetworkError('Slow.', 'Raise it.', 'timeout'), 'network:timeout'],
    ['ZEN_RESPONSE', new ZenResponseError('Odd body.', 'Later.', { path: 'usuarios[0]' }), 'response:usuarios[0]'],
    ['ZEN_BAD_REQUEST', new ZenBadRequestError('Bad.', 'Fix.'), 'bad-request:400'],
    ['ZEN_METHOD', new ZenMethodError('Method.', 'GET.'), 'method:405'],
    ['ZEN_SERVER', new ZenServerError('Down.', 'Later.', { status: 502 }), 'server:502'],
    ['ZEN_ERROR', new ZenError('Plain.', 'Hint.'), 'other:ZEN_ERROR'],
  ];

  it.each(cases)('narrows %s to the class that carries its fields', (code, error, words) => {
    const known = zenErrorOf(error);
    expect(known?.code).toBe(code);
    expect(known && wordsFor(known)).toBe(words);
  });

  it('gives undefined for errors that are not ours, and for look-alikes without the brand', () => {
    expect(zenErrorOf(new Error('ECONNRESET'))).toBeUndefined();
    expect(zenErrorOf(Object.assign(new Error('x'), { code: 'ZEN_AUTH', name: 'ZenAuthError' }))).toBeUndefined();
    expect(zenErrorOf({ code: 'ZEN_INPUT', field: 'date' })).toBeUndefined();
    expect(zenErrorOf('ZEN_ERROR')).toBeUndefined();
    expect(zenErrorOf(undefined)).toBeUndefined();
  });

  it('reads an error made in a second realm (another copy of the package, a sandbox) by its brand', () => {
    const foreign: unknown = runInNewContext(`
      const error = new Error('Refused. New token.');
      Object.defineProperty(error, Symbol.for('zen-leads.error'), { value: true });
      Object.assign(error, { code: 'ZEN_AUTH', reason: 'invalid', problem: 'Refused.', hint: 'New token.' });
      error;
    `);
    expect(foreign instanceof Error).toBe(false);
    const known = zenErrorOf(foreign);
    expect(known?.code).toBe('ZEN_AUTH');
    expect(known && wordsFor(known)).toBe('auth:invalid');
  });
});

describe("the API's 429 words", () => {
  it('read back the two instants they were written from, whole seconds as the API prints them', () => {
    const last = new Date('2026-11-24T13:00:00.000Z');
    const next = new Date('2026-11-24T13:05:00.000Z');
    const message = rateLimitMessage(last, next);
    expect(message.startsWith('Você excedeu o número de requisições.')).toBe(true);
    expect(message).toContain('"2026-11-24 10:00:00"');
    expect(parseRateLimitMessage(message)).toEqual({ lastRequestAt: last, nextAvailableAt: next });
  });

  it('round the next instant up to the second, never down (a request at the printed time must not draw a 429)', () => {
    const last = new Date('2026-11-24T13:00:00.000Z');
    for (const ms of [1, 400, 999]) {
      const next = new Date(Date.parse('2026-11-24T13:05:00.000Z') + ms);
      expect(parseRateLimitMessage(rateLimitMessage(last, next)).nextAvailableAt).toEqual(new Date('2026-11-24T13:05:01.000Z'));
    }
  });
});

describe('isUnreachableCode', () => {
  it('is true only for codes that prove the request never left this machine', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ConnectionRefused']) expect(isUnreachableCode(code)).toBe(true);
    // These may have reached the API, which may have counted the request.
    for (const code of ['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET', 'ABORT_ERR', '', undefined]) expect(isUnreachableCode(code)).toBe(false);
  });
});
