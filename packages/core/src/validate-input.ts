import { ZenInputError } from './errors/zen-input-error.js';
import { isCalendarDate, todayInSaoPaulo } from './sao-paulo-calendar.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
// Tokens are printable ASCII; anything else cannot travel in an HTTP header (or forges one).
const BAD_TOKEN_CHARACTER = /[^\x21-\x7e]/;
const MAX_TOKEN_LENGTH = 4096;

/**
 * Checks a day before anything is sent: `YYYY-MM-DD`, a day that exists, and not after today in
 * São Paulo (the API only knows days that have begun there).
 */
export function validateDate(date: unknown, now: number): string {
  if (typeof date !== 'string') {
    throw new ZenInputError('date', `date must be a string like "2026-11-24", got ${describe(date)}.`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new ZenInputError('date', `date ${JSON.stringify(clip(date))} is not in the YYYY-MM-DD format. Write it like "2026-11-24".`);
  }
  if (!isCalendarDate(date)) {
    throw new ZenInputError('date', `date ${date} does not exist on the calendar. Check the month's last day (February has 29 days only in leap years).`);
  }
  const today = todayInSaoPaulo(now);
  if (date > today) {
    throw new ZenInputError('date', `date ${date} is in the future: today in America/Sao_Paulo is ${today}. Ask for ${today} or an earlier day.`);
  }
  return date;
}

/**
 * Checks the integration URL: absolute http(s), no credentials in it, not carrying the token,
 * and plain `http:` only to loopback hosts (the token would cross the network in clear text).
 */
export function validateUrl(url: unknown, options: { allowInsecureHttp?: boolean; token?: string } = {}): URL {
  if (typeof url !== 'string' || url.trim() === '') {
    throw new ZenInputError('url', 'url is missing. Copy the integration URL from CRM Zen (gear icon → Integração).');
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ZenInputError('url', `url ${JSON.stringify(clip(redactIn(url, options.token)))} is not an absolute URL. Use the full integration URL, starting with https://.`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ZenInputError('url', `url uses ${parsed.protocol} — only https: (or http: to a loopback test server) is supported.`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new ZenInputError('url', 'url must not contain a user name or password. The token goes in the token option, which is sent as a header.');
  }
  if (options.token && url.includes(options.token)) {
    throw new ZenInputError('url', 'url contains the token. Remove it from the URL and pass it as the token option: it is sent as a header, never in the URL.');
  }
  if (parsed.protocol === 'http:' && !LOOPBACK_HOSTS.has(parsed.hostname) && !options.allowInsecureHttp) {
    throw new ZenInputError('url', `url ${parsed.origin} uses plain http: the token would travel unencrypted. Use https://, or set allowInsecureHttp for a trusted test server.`);
  }
  return parsed;
}

/** Checks the token: present, and nothing that could split or forge an HTTP header. */
export function validateToken(token: unknown): string {
  if (typeof token !== 'string' || token === '') {
    throw new ZenInputError('token', 'token is missing. Copy it from CRM Zen (gear icon → Integração) and pass it as the token option or ZEN_TOKEN.');
  }
  if (token.length > MAX_TOKEN_LENGTH) {
    throw new ZenInputError('token', `token is ${token.length} characters long, more than ${MAX_TOKEN_LENGTH}. Check that the whole value is the token and nothing else.`);
  }
  if (BAD_TOKEN_CHARACTER.test(token)) {
    throw new ZenInputError('token', 'token contains spaces, line breaks or control characters, or characters outside ASCII. Copy it again without surrounding whitespace.');
  }
  return token;
}

/** Checks a duration option: a finite number of milliseconds, zero or more. */
export function validateDuration(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ZenInputError('options', `${name} must be a finite number of milliseconds ≥ 0, got ${describe(value)}.`);
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

function redactIn(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('[token]') : text;
}
