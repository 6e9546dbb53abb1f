/**
 * The API's own words (the wire contract), written and read: its messages, the 429 text, and how
 * long a 429 says to stay away.
 */
import { formatSaoPauloDateTime, parseSaoPauloDateTime } from './sao-paulo-calendar.js';

/**
 * The messages of the CRM Zen "Totais de Distribuição de Leads por usuários" v1.0 spec, word for
 * word: the wire contract. Clients match on them, so a changed accent or quote is a changed API.
 * (The simulator keeps its own copy on purpose: a stand-in for the API shares nothing of ours.)
 */
export const API_MESSAGES: {
  readonly methodNotAllowed: string;
  readonly tokenMissing: string;
  readonly tokenInvalid: string;
  readonly tokenDisabled: string;
  readonly accessUnauthorized: string;
  readonly dateMissing: string;
  readonly dateInvalid: string;
  readonly serverError: string;
} = {
  methodNotAllowed: 'O método utilizado não é permitido para este recurso',
  tokenMissing: 'Token não informado',
  tokenInvalid: 'Token inválido',
  tokenDisabled: 'Token desabilitado',
  accessUnauthorized: 'Acesso não autorizado',
  dateMissing: 'O parâmetro "data" é necessário',
  dateInvalid: 'Data inexistente ou em formato inválido',
  serverError: 'Ocorreu um erro interno do servidor. Por favor, tente novamente.',
};

/**
 * The API's 429 text. Both times are São Paulo wall-clock times as PHP's `Y-m-d H:i:s` prints
 * them; the next one is rounded up to the second, so a client that waits until it is let through.
 */
export function rateLimitMessage(lastRequestAt: Date, nextAvailableAt: Date): string {
  const next = new Date(Math.ceil(nextAvailableAt.getTime() / 1000) * 1000);
  return (
    'Você excedeu o número de requisições. ' +
    `Sua última requisição foi em "${formatSaoPauloDateTime(lastRequestAt)}". ` +
    `Sua próxima requisição estará disponível em "${formatSaoPauloDateTime(next)}"`
  );
}

/** The two instants a 429 message names, read from its São Paulo wall-clock times. */
export interface RateLimitMessage {
  lastRequestAt?: Date;
  nextAvailableAt?: Date;
}

const QUOTED_DATE_TIME = /"(\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}:\d{2})"/g;

/**
 * Reads `… Sua última requisição foi em "2026-11-24 10:00:00". Sua próxima requisição estará
 * disponível em "2026-11-24 10:05:00"`: the first quoted time is the last request, the second the
 * next available one.
 */
export function parseRateLimitMessage(message: string | undefined): RateLimitMessage {
  const times = [...(message ?? '').matchAll(QUOTED_DATE_TIME)].map((match) => parseSaoPauloDateTime(match[1] ?? ''));
  const result: RateLimitMessage = {};
  if (times.length >= 2) {
    if (times[0]) result.lastRequestAt = times[0];
    if (times[1]) result.nextAvailableAt = times[1];
  } else if (times.length === 1 && times[0]) {
    result.nextAvailableAt = times[0];
  }
  return result;
}

/** What a 429 response tells about how long to stay away. */
export interface RateLimitEvidence {
  message: RateLimitMessage;
  /** The response's `Date` header: the server's clock when it answered. */
  dateHeader: string | null;
  /** The response's `Retry-After` header, seconds or an HTTP date. */
  retryAfterHeader: string | null;
  /** The local clock when the response arrived. */
  now: number;
  /** The configured window, the fallback when the evidence is implausible. */
  windowMs: number;
}

/** The margin added to the server's next-available time: its message has one-second resolution. */
export const RATE_LIMIT_MARGIN_MS = 1_000;

/**
 * How long from now until the server accepts the token again. Server times are compared with the
 * server's own `Date` header, so the local clock's error does not enter. Implausible answers (a
 * server on another time zone, say) fall back to a full window.
 */
export function cooldownAfterRateLimit(evidence: RateLimitEvidence): number {
  const fallback = evidence.windowMs + RATE_LIMIT_MARGIN_MS;
  const plausible = (ms: number): boolean => Number.isFinite(ms) && ms >= -RATE_LIMIT_MARGIN_MS && ms <= evidence.windowMs + 60_000;

  const retryAfter = retryAfterMs(evidence.retryAfterHeader, evidence.dateHeader, evidence.now);
  if (retryAfter !== undefined && plausible(retryAfter)) return Math.max(0, retryAfter) + RATE_LIMIT_MARGIN_MS;

  const next = evidence.message.nextAvailableAt?.getTime();
  if (next !== undefined) {
    const remaining = next - serverNow(evidence.dateHeader, evidence.now);
    if (plausible(remaining)) return Math.max(0, remaining) + RATE_LIMIT_MARGIN_MS;
  }
  return fallback;
}

/**
 * The server's clock when it answered. `Date` has one-second resolution: when our clock reads
 * within that second, the clocks agree and ours is the precise one; otherwise (a skewed machine)
 * the middle of the header's second is the best guess, off by half a second at most.
 */
function serverNow(dateHeader: string | null, now: number): number {
  const date = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  if (!Number.isFinite(date)) return now;
  return now >= date && now < date + 1_000 ? now : date + 500;
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date (measured against the server's `Date`). */
export function retryAfterMs(header: string | null, dateHeader: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (!Number.isFinite(at)) return undefined;
  return at - serverNow(dateHeader, now);
}
