import { ZenInputError, type ZenInputField } from './errors/zen-input-error.js';
import { SHORT_TOKEN } from './redact.js';
import { nonexistentDateReason, todayInSaoPaulo, yesterdayInSaoPaulo } from './sao-paulo-calendar.js';

// Tokens are printable ASCII; anything else cannot travel in an HTTP header (or forges one).
const BAD_TOKEN_CHARACTER = /[^\x21-\x7e]/;
const MAX_TOKEN_LENGTH = 4096;
const INTEGRATION = 'Copy it from CRM Zen (gear icon → Integração).';

/**
 * Checks a day before anything is sent: `YYYY-MM-DD`, a day that exists, and not after today in
 * São Paulo (the API only knows days that have begun there).
 */
export function validateDate(date: unknown, now: number): string {
  if (typeof date !== 'string') {
    throw new ZenInputError('date', 'type', `The date must be a string like "2026-11-24", got ${describe(date)}.`, 'Pass the day as YYYY-MM-DD.');
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new ZenInputError('date', 'format', `The date ${JSON.stringify(clip(date))} is not in the YYYY-MM-DD format.`, 'Write it like "2026-11-24".');
  }
  const why = nonexistentDateReason(date);
  if (why !== undefined) {
    throw new ZenInputError('date', 'nonexistent', `The date ${date} does not exist: ${why}.`, 'Pass a real calendar day as YYYY-MM-DD.');
  }
  const today = todayInSaoPaulo(now);
  if (date > today) {
    throw new ZenInputError('date', 'future', `The date ${date} is in the future: today in America/Sao_Paulo is ${today}.`, `Ask for ${today} or an earlier day.`);
  }
  return date;
}

/**
 * A day as people write it: `YYYY-MM-DD`, `today` or `yesterday` (any case), the words read in
 * São Paulo (the CRM's calendar), never the machine's time zone; then checked as `validateDate`
 * checks it. Every host (CLI arguments and options, the gateway's URLs) reads days through this.
 */
export function resolveDay(text: string, now: number): string {
  const value = text.trim();
  const word = value.toLowerCase();
  if (word === 'today') return todayInSaoPaulo(now);
  if (word === 'yesterday') return yesterdayInSaoPaulo(now);
  return validateDate(value, now);
}

/** Every loopback address: `localhost`, 127.0.0.0/8 and `::1`. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Checks the integration URL: absolute http(s), no credentials in it, not carrying the token,
 * and plain `http:` only to loopback hosts (the token would cross the network in clear text).
 */
export function validateUrl(url: unknown, options: { allowInsecureHttp?: boolean; token?: string } = {}): URL {
  if (url !== undefined && url !== null && typeof url !== 'string') {
    throw new ZenInputError('url', 'type', `The integration URL must be a string, got ${describe(url)}.`, `Pass it as the url option. ${INTEGRATION}`);
  }
  if (typeof url !== 'string' || url.trim() === '') {
    throw new ZenInputError('url', 'missing', 'The integration URL is missing.', `Pass it as the url option. ${INTEGRATION}`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    const shown = options.token ? url.split(options.token).join('[token]') : url;
    throw new ZenInputError('url', 'not-absolute', `The URL ${JSON.stringify(clip(shown))} is not an absolute URL.`, 'Use the full integration URL, starting with https://.');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ZenInputError('url', 'scheme', `The URL uses ${parsed.protocol}, which the API does not speak.`, 'Use the https:// integration URL.');
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new ZenInputError('url', 'userinfo', 'The URL contains a user name or password.', 'Remove it: the token goes in the token option, which is sent as a header.');
  }
  if (options.token && urlCarriesToken(parsed, options.token)) {
    throw new ZenInputError('url', 'token-in-url', 'The URL contains the token.', 'Remove it from the URL and pass it as the token option: it is sent as a header, never in the URL.');
  }
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname) && !options.allowInsecureHttp) {
    throw new ZenInputError(
      'url',
      'insecure-http',
      `The URL ${parsed.origin} uses plain http: the token would travel unencrypted.`,
      'Use https://, or set allowInsecureHttp: true for a trusted test server.',
    );
  }
  return parsed;
}

/** A long token anywhere in the URL; a short one only as a whole query value or path segment. */
function urlCarriesToken(url: URL, token: string): boolean {
  const decoded = (text: string): string => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  if (token.length >= SHORT_TOKEN) return decoded(url.href).includes(token);
  const values = [...url.searchParams.values(), ...url.searchParams.keys(), ...url.pathname.split('/').map(decoded)];
  return values.includes(token);
}

/** Checks the token: present, and nothing that could split or forge an HTTP header. */
export function validateToken(token: unknown): string {
  if (token !== undefined && token !== null && typeof token !== 'string') {
    // The value is never shown: a token of the wrong type is still a secret.
    throw new ZenInputError('token', 'type', `The token must be a string, got ${typeof token}.`, `Pass it as the token option. ${INTEGRATION}`);
  }
  if (typeof token !== 'string' || token === '') {
    throw new ZenInputError('token', 'missing', 'The token is missing.', `Pass it as the token option. ${INTEGRATION}`);
  }
  if (token.length > MAX_TOKEN_LENGTH) {
    throw new ZenInputError('token', 'too-long', `The token is ${token.length} characters long, more than ${MAX_TOKEN_LENGTH}.`, 'Check that the whole value is the token and nothing else.');
  }
  if (BAD_TOKEN_CHARACTER.test(token)) {
    throw new ZenInputError(
      'token',
      'characters',
      'The token contains spaces, line breaks, control characters or characters outside ASCII.',
      'Copy it again from CRM Zen → Integração, without surrounding whitespace.',
    );
  }
  return token;
}

/** Checks a duration option: a finite number of milliseconds, zero or more. */
export function validateDuration(field: ZenInputField, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ZenInputError(field, 'range', `${field} must be a number of milliseconds ≥ 0, got ${describe(value)}.`, `Pass ${field} as a number such as 60000.`);
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(clip(value));
  if (typeof value === 'number') return String(value);
  return typeof value;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
