import { ZenError, isZenError, type Clock, type ResponseCache, type WindowStore, type DailyHours } from '@zen-leads/core';
import type { HistoryStore } from '@zen-leads/history';
import type { AlertRules } from './alerts/alert-rules.js';
import type { WrongKeyLimit } from './auth/wrong-key-throttle.js';
import type { ClientRateLimit } from './http/client-rate-limiter.js';

/** Options of `createGateway`. */
export interface GatewayOptions {
  /** The integration URL from CRM Zen → Integração (the upstream). */
  url: string;
  /** The upstream token. Sent only to `url`, never in a response, header, log line or metric. */
  token: string;
  /**
   * The keys clients present instead of the token: plain keys (16+ printable characters) or
   * `sha256:<hex>` digests of them, so that a config file need not hold the keys themselves.
   */
  clientKeys: readonly string[];
  /**
   * Where the token's window and the cached answers live, shared by every replica: a `FileStore`
   * for replicas on one machine, a `RedisStore` across machines. Default: a `MemoryStore` (one
   * process). The gateway never closes it. When it stops answering, the gateway logs the
   * outage once (and its end once), answers clients 503 naming the store, and sends nothing
   * upstream until it is back; a `description` property on the store names it in those lines.
   */
  store?: WindowStore & ResponseCache;
  /** A history (`openHistory`) that receives every final day the gateway fetches, and today's snapshots. Not closed by the gateway. */
  history?: HistoryStore;
  /** With `history`: fill closed days from this one (`YYYY-MM-DD`) to yesterday, in idle windows. */
  fillFrom?: string;
  /**
   * São Paulo hours in which the gateway refreshes today in idle windows even when nobody looks,
   * so that the day's snapshots (and the alerts that read them) keep coming: `{ from: 'HH:MM',
   * to: 'HH:MM' }` (`to` may be `'24:00'`), or `false` to refresh today only while someone looks.
   * Default 08:00–20:00. It only takes windows no client queued for, so no client waits longer.
   */
  keepTodayFresh?: DailyHours | false;
  /**
   * Alert rules (`loadAlertRules('alerts.yaml')`): each of today's snapshots is judged by them,
   * and each alert is posted once to the rules' webhooks, listed at `/v1/alerts.json` and shown
   * on the dashboard. Replicas sharing a store post an alert once between them.
   */
  alerts?: AlertRules;
  /**
   * Days of today's snapshots kept in `history` (default 35, enough for the typical curve of the
   * last 4 like weekdays); older ones are pruned once a day. Needs `history`.
   */
  snapshotRetentionDays?: number;
  /** The API's window: one request per this many ms (default 300 000). The core adds its safety margin. */
  minIntervalMs?: number;
  /**
   * Added to every window against clock and network jitter (default: the core's, 1 s). Lower it
   * only with a scaled-down window (a test API, the bench), where a second is half a window.
   */
  windowMarginMs?: number;
  /** Per upstream request (default: the core's, 30 s). */
  timeoutMs?: number;
  /** The longest a queued day waits for its window before the gateway gives it up (default 24 h). */
  maxQueueWaitMs?: number;
  /**
   * Days one client key may have waiting for the token's window (default 8). One more is refused
   * with a 429 in the API's format and a Retry-After; days are fetched round-robin between keys.
   */
  maxQueuedDaysPerKey?: number;
  /** Days that may wait for the token's window in all (default 64); one more is refused with a 503. */
  maxQueuedDays?: number;
  /**
   * The gateway's time: its estimates, holds and the core's window (default the real clock). For
   * tests and deterministic simulation; a production host leaves it out.
   */
  clock?: Clock;
  /** Per client key (default 600 requests a minute). Above it, 429 in the API's format. */
  clientRateLimit?: ClientRateLimit;
  /**
   * What signs the dashboard's session cookies (HMAC-SHA-256): a random string of 32+
   * characters, or several: the first signs, all verify (to rotate, put the new one first and
   * drop the old one 12 h later, when every session it signed is over). Default: a random secret
   * per 12 h, generated at start and shared by every replica through the store, the previous
   * one still verifying. Never the token or anything derived from it.
   */
  sessionSecret?: string | readonly string[];
  /**
   * Take the client's address from the last entry of `X-Forwarded-For` (the one the proxy in
   * front adds) rather than the connection: only when every request comes through that proxy,
   * as anyone reaching the gateway directly could write any address there. Default false.
   */
  trustProxy?: boolean;
  /** Wrong client keys per client address before a lock-out (default 10 in 15 min, locked out 15 min). */
  wrongKeyLimit?: WrongKeyLimit;
  /** Origins allowed to call `/api` and `/v1` from a browser. Default none: no CORS headers at all. */
  corsOrigins?: readonly string[];
  /** Allow a plain `http:` upstream that is not loopback (a trusted test server). */
  allowInsecureHttp?: boolean;
  /** The `fetch` the core sends upstream requests with (a proxy-aware one, a test double). */
  fetch?: typeof fetch;
  /** One line per event worth an operator's eye (upstream answers, history writes, failures). */
  log?: (line: string) => void;
}

/**
 * The gateway: a web-standard fetch handler (`Deno.serve(gateway)`, `Bun.serve({ fetch: gateway })`,
 * `serveGateway(gateway)` on Node) plus `close()`.
 */
export interface Gateway {
  /**
   * `connection` tells the client's address, for the lock-out after wrong keys: Deno's and Bun's
   * second argument as they pass it (`GatewayConnection`), `{ remoteAddress }` from elsewhere (`serveGateway` passes it).
   * Without it, requests count as from one unknown address.
   */
  (request: Request, connection?: unknown): Promise<Response>;
  /** The same handler, for hosts that look for a `fetch` property. */
  fetch(request: Request, connection?: unknown): Promise<Response>;
  /**
   * Stops the background work, answers every held client at once (429 with the time its day is
   * expected, the API's way of saying "retry then"), gives back windows claimed but unused and
   * waits for upstream requests already sent. The store and history stay open: they are the host's.
   */
  close(): Promise<void>;
}

/** The `createGateway` option a configuration error is about. */
export type GatewayConfigField = 'options' | 'clientKeys' | 'fillFrom' | 'history' | 'minIntervalMs' | 'clientRateLimit' | 'corsOrigins' | 'maxQueuedDaysPerKey' | 'maxQueuedDays' | 'sessionSecret' | 'wrongKeyLimit' | 'keysFile' | 'keepTodayFresh' | 'snapshotRetentionDays' | 'alerts';

/** What is wrong with it. */
export type GatewayConfigReason = 'missing' | 'type' | 'format' | 'too-short' | 'too-long' | 'characters' | 'future' | 'range' | 'permissions';

/**
 * A `createGateway` option that cannot work, caught before anything is served or sent: a
 * `ZenError` with code `ZEN_GATEWAY_CONFIG`. `problem` says what is wrong (never a key's value),
 * `hint` how to fix it in the options; a host such as the CLI words its own hint from `field`,
 * `reason` and `index`.
 */
export class GatewayConfigError extends ZenError {
  override name: string = 'GatewayConfigError';
  override readonly code: 'ZEN_GATEWAY_CONFIG' = 'ZEN_GATEWAY_CONFIG';
  constructor(
    readonly field: GatewayConfigField,
    readonly reason: GatewayConfigReason,
    problem: string,
    hint: string,
    /** For `clientKeys`: the 0-based position of the entry at fault. */
    readonly index?: number,
  ) {
    super(problem, hint);
  }

  protected override details(): Record<string, unknown> {
    return { field: this.field, reason: this.reason, index: this.index };
  }
}

/** True for a `GatewayConfigError`, even from another copy of this package (the core's brand and code). */
export function isGatewayConfigError(value: unknown): value is GatewayConfigError {
  return isZenError(value) && value.code === 'ZEN_GATEWAY_CONFIG';
}
