import type { Fault } from './fault-modes.js';
import type { RequestLogEntry } from './request-log.js';
import type { TodayOptions } from './today/today-options.js';

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
  /**
   * How today grows: its leads arrive through the São Paulo day on an hourly curve, so today's
   * answer counts the leads arrived by the time of day (24:00: the seeded day). Default: by `now`.
   * `false`: today answers the whole day at once (the old behaviour). Applies to seeded days
   * only; `dataFor`'s payloads are served as they are.
   */
  today?: false | TodayOptions;
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
  /**
   * Changes how today grows from this moment on: new faults rewrite only what comes after now
   * (today's counts never go down); an omitted `timeOfDay` keeps the clock in force; `false`
   * answers today whole. Throws a RangeError on a malformed fault.
   */
  setToday(options: TodayOptions | false): void;
  /** Frees every token's window. */
  resetWindows(): void;
  /** The payload a 200 for this token and day carries now (`dataFor` first, then today so far or the seeded day). */
  payloadFor(token: string, date: string): Promise<unknown>;
  readonly windowMs: number;
}
