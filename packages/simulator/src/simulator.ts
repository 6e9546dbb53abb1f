import { API_MESSAGES, rateLimitMessage } from './api-messages.js';
import { isCalendarDate } from './calendar-date.js';
import { ConnectionDroppedError } from './connection-dropped-error.js';
import {
  BAD_GATEWAY_HTML,
  DEFAULT_SLOW_DELAY_MS,
  delay,
  FAULT_DELAY_HEADER,
  FAULT_HEADER,
  type Fault,
  type FaultKind,
  type FaultSpec,
  isFaultKind,
  toFaultSpec,
  truncateBody,
} from './fault-modes.js';
import { emptyLeadTotalsPayload, generateLeadTotalsPayload } from './lead-totals-payload.js';
import type { RequestLogEntry } from './request-log.js';
import { formatSaoPauloDateTime, saoPauloDateOf } from './sao-paulo-time.js';
import { tokenHash } from './token-hash.js';
import { TokenWindows } from './token-windows.js';

/** The token every simulator accepts unless `tokens` says otherwise. Public on purpose. */
export const DEMO_TOKEN = 'demo-token';

/** The API's "uma requisição a cada 5 minutos". */
export const DEFAULT_WINDOW_MS = 300_000;

export interface TokenStatus {
  /** Answers 401 "Token desabilitado". */
  disabled?: boolean;
  /** Answers 401 "Acesso não autorizado" (a known token without access to this resource). */
  unauthorized?: boolean;
}

export interface TokenSpec extends TokenStatus {
  token: string;
}

export interface SimulatorOptions {
  /** Accepted tokens; default `[DEMO_TOKEN]`. */
  tokens?: readonly (string | TokenSpec)[];
  /** One request per token per this many ms; default 300 000; 0 disables the limit. */
  windowMs?: number;
  /** Mixed into every token's data seed: the same seed and token give the same days. */
  seed?: string | number;
  /** The clock, ms since the epoch; default `Date.now`. */
  now?: () => number;
  /** A fault in force from the start. */
  fault?: Fault;
  /**
   * Overrides the payload of a day: return anything JSON-serialisable (it is served as is,
   * wrong shapes included), or undefined for the seeded payload. Throwing answers 500.
   */
  dataFor?: (token: string, date: string) => unknown;
  /**
   * Days after today in São Paulo: `'empty'` (default) answers 200 with no users and `erros: []`,
   * as a database with no rows yet would; `'reject'` answers 400 "Data inexistente ou em
   * formato inválido".
   */
  futureDates?: 'empty' | 'reject';
  /** Honour the `x-zen-simulator-fault` request header; default true. */
  faultHeader?: boolean;
  /**
   * How long a counted request takes to answer, as a big account's does: the window is stamped
   * when the request arrives, the 200 comes this much later. Default 0.
   */
  latencyMs?: number;
}

export interface Simulator {
  /** The fetch handler: `(Request) => Promise<Response>`, for any runtime's server or in-process. */
  handler: (request: Request) => Promise<Response>;
  /** `fetch`-shaped: `handler(new Request(input, init))`, for clients that take a custom fetch. */
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** Every request so far, oldest first (the same array across `clearLog`). */
  readonly log: readonly RequestLogEntry[];
  clearLog(): void;
  /** A fault for every request from now on (or the next `times`), or undefined to clear it. */
  setFault(fault: Fault | undefined): void;
  addToken(token: string, status?: TokenStatus): void;
  /** Frees every token's window. */
  resetWindows(): void;
  /** The payload a 200 for this token and day carries (`dataFor` first, then the seeded one). */
  payloadFor(token: string, date: string): Promise<unknown>;
  readonly windowMs: number;
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number | undefined;
}

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Creates a simulated CRM Zen "Totais de Distribuição de Leads por usuários" v1.0 endpoint. */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const now = options.now ?? Date.now;
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  if (!(Number.isFinite(windowMs) && windowMs >= 0)) throw new RangeError('windowMs must be a non-negative number');
  const windows = new TokenWindows(windowMs);
  const tokens = new Map<string, TokenStatus>();
  for (const entry of options.tokens ?? [DEMO_TOKEN]) {
    if (typeof entry === 'string') tokens.set(entry, {});
    else tokens.set(entry.token, { disabled: entry.disabled, unauthorized: entry.unauthorized });
  }
  const log: RequestLogEntry[] = [];
  let activeFault: ActiveFault | undefined;
  const setFault = (fault: Fault | undefined): void => {
    if (fault === undefined) {
      activeFault = undefined;
      return;
    }
    const spec = toFaultSpec(fault);
    activeFault = { spec, remaining: spec.times };
  };
  if (options.fault !== undefined) setFault(options.fault);

  const seedOf = (token: string): string => (options.seed === undefined ? token : `${String(options.seed)}/${token}`);
  const payloadFor = async (token: string, date: string): Promise<unknown> => {
    const custom = await options.dataFor?.(token, date);
    return custom !== undefined ? custom : generateLeadTotalsPayload(seedOf(token), date);
  };

  /** The fault for one request: its own header first, else the global one (spending a use). */
  const faultFor = (request: Request): FaultSpec | undefined => {
    const named = options.faultHeader === false ? null : request.headers.get(FAULT_HEADER);
    if (named) {
      // A typo in a test's fault header must not pass silently as "no fault".
      if (!isFaultKind(named)) throw new TypeError(`Unknown ${FAULT_HEADER}: ${named}`);
      const delayHeader = Number(request.headers.get(FAULT_DELAY_HEADER) ?? Number.NaN);
      return Number.isFinite(delayHeader) ? { kind: named, delayMs: delayHeader } : { kind: named };
    }
    if (!activeFault) return undefined;
    const { spec } = activeFault;
    if (activeFault.remaining !== undefined) {
      activeFault.remaining -= 1;
      if (activeFault.remaining <= 0) activeFault = undefined;
    }
    return spec;
  };

  const respond = (status: number, body: string, contentType = JSON_CONTENT_TYPE): Response =>
    new Response(body, { status, headers: { 'content-type': contentType, date: new Date(now()).toUTCString() } });
  const errorResponse = (status: number, message: string): Response => respond(status, JSON.stringify({ error: message }));

  /** The API itself: method, token, date, window, payload, in that order. */
  const answer = async (request: Request, url: URL, fault: FaultKind | undefined): Promise<Response> => {
    if (request.method !== 'GET') return errorResponse(405, API_MESSAGES.methodNotAllowed);

    const token = request.headers.get('token');
    if (!token) return errorResponse(401, API_MESSAGES.tokenMissing);
    const status = tokens.get(token);
    if (!status) return errorResponse(401, API_MESSAGES.tokenInvalid);
    if (status.disabled) return errorResponse(401, API_MESSAGES.tokenDisabled);
    if (status.unauthorized) return errorResponse(401, API_MESSAGES.accessUnauthorized);

    const date = url.searchParams.get('data');
    if (!date) return errorResponse(400, API_MESSAGES.dateMissing);
    if (!isCalendarDate(date)) return errorResponse(400, API_MESSAGES.dateInvalid);
    const at = now();
    const isFuture = date > saoPauloDateOf(at);
    if (isFuture && options.futureDates === 'reject') return errorResponse(400, API_MESSAGES.dateInvalid);

    // Only a request that gets this far spends the window; 405, 401 and 400 never do.
    if (fault === 'rate-limited') windows.spend(token, at);
    const blockingAt = fault === 'rate-limited' ? at : windows.blockingRequestAt(token, at);
    if (blockingAt !== undefined) {
      // Seconds as PHP prints them: the last request rounded down, the next slot rounded up, so a
      // client that waits until the printed time is always let through.
      const nextAt = Math.ceil((blockingAt + windowMs) / 1000) * 1000;
      return errorResponse(429, rateLimitMessage(formatSaoPauloDateTime(blockingAt), formatSaoPauloDateTime(nextAt)));
    }
    windows.spend(token, at);
    if (options.latencyMs) await delay(options.latencyMs, request.signal);

    let payload: unknown;
    try {
      payload = isFuture ? emptyLeadTotalsPayload(date) : await payloadFor(token, date);
    } catch {
      return errorResponse(500, API_MESSAGES.serverError);
    }
    return respond(200, JSON.stringify(payload));
  };

  const handler = async (request: Request): Promise<Response> => {
    const arrivedAt = now();
    const url = new URL(request.url);
    const token = request.headers.get('token');
    let fault: FaultSpec | undefined;
    try {
      fault = faultFor(request);
    } catch (error) {
      return errorResponse(400, (error as Error).message);
    }
    const entry: RequestLogEntry = {
      at: arrivedAt,
      method: request.method,
      path: url.pathname,
      date: url.searchParams.get('data') ?? undefined,
      tokenHash: token ? await tokenHash(token) : undefined,
      status: 0,
    };
    if (fault) entry.fault = fault.kind;
    const finish = (response: Response): Response => {
      entry.status = response.status;
      log.push(entry);
      return response;
    };

    switch (fault?.kind) {
      case 'drop-connection':
        log.push(entry);
        throw new ConnectionDroppedError();
      case 'server-error':
        return finish(errorResponse(500, API_MESSAGES.serverError));
      case 'html-502':
        return finish(respond(502, BAD_GATEWAY_HTML, 'text/html; charset=utf-8'));
      case 'slow':
        try {
          await delay(fault.delayMs ?? DEFAULT_SLOW_DELAY_MS, request.signal);
        } catch (reason) {
          entry.aborted = true;
          log.push(entry);
          throw reason;
        }
        break;
      default:
        break;
    }

    const response = await answer(request, url, fault?.kind);
    if (fault?.kind !== 'truncated-json') return finish(response);
    const cut = truncateBody(await response.text());
    return finish(new Response(cut, { status: response.status, headers: response.headers }));
  };

  return {
    handler,
    fetch: (input, init) => handler(new Request(input, init)),
    get log() {
      return log;
    },
    clearLog: () => {
      log.length = 0;
    },
    setFault,
    addToken: (token, status = {}) => {
      tokens.set(token, { ...status });
    },
    resetWindows: () => windows.reset(),
    payloadFor,
    windowMs,
  };
}
