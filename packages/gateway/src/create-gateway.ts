import { MemoryStore, isCalendarDate, todayInSaoPaulo, type TotalsResult } from '@zen-leads/core';
import { systemClock } from '@zen-leads/core/internal';
import { ClientKeyring } from './auth/client-keys.js';
import { UNKNOWN_ADDRESS, clientAddressOf } from './auth/client-address.js';
import { DashboardSessions } from './auth/dashboard-sessions.js';
import { SessionSecrets } from './auth/session-secrets.js';
import { DEFAULT_WRONG_KEY_LIMIT, WrongKeyThrottle, type WrongKeyLimit } from './auth/wrong-key-throttle.js';
import { GatewayMetrics } from './gateway-metrics.js';
import { GatewayConfigError, type Gateway, type GatewayOptions } from './gateway-options.js';
import { HistoryRecorder } from './history/history-recorder.js';
import { ClientRateLimiter } from './http/client-rate-limiter.js';
import { createGatewayApp, type GatewayParts } from './http/gateway-app.js';
import { HeldClients } from './http/obtain-day.js';
import { IdleWindowJobs, TodayInterest } from './idle-window-jobs.js';
import { keepTodayFreshOf, openIntraday } from './intraday/gateway-intraday.js';
import { WatchedStore } from './store/watched-store.js';
import { API_WINDOW_MS, DEFAULT_QUEUE_LIMITS, Upstream, type QueueLimits, type UpstreamOptions } from './upstream/upstream.js';

const DAY_MS = 86_400_000;

/**
 * The gateway: one process (or several sharing a store) owns the CRM Zen token and serves every
 * tool of the company within the token's window. Returns a fetch handler that runs on Node, Bun
 * and Deno; background work (today's refresh, filling the history) starts at once and stops with
 * `close()`. Bad options throw `GatewayConfigError` (or the core's `ZenInputError` for the URL
 * and token) before anything is served or sent.
 */
export function createGateway(options: GatewayOptions): Gateway {
  if (typeof options !== 'object' || options === null) {
    throw new GatewayConfigError('options', 'type', 'createGateway needs an options object.', 'Pass { url, token, clientKeys }.');
  }
  const windowMs = checkedWindow(options.minIntervalMs);
  checkFillFrom(options);
  const log = options.log ?? (() => undefined);
  // Every use of the store goes through its watch: an outage is logged once and fails fast.
  const store = new WatchedStore(options.store ?? new MemoryStore(), {
    log,
    onOutage: () => metrics.storeOutages.inc(),
    onRecovery: () => jobs.poke(),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const keyring = new ClientKeyring(options.clientKeys);
  const limiter = new ClientRateLimiter(options.clientRateLimit);
  const doors = doorsOf(options, { keyring, store, log });
  const closing = new AbortController();
  const held = new HeldClients();
  const history = options.history ? new HistoryRecorder(options.history, log) : undefined;
  const metrics = new GatewayMetrics({
    clientsWaiting: () => held.count,
    queuedDays: () => upstream.queuedDays().length,
    windowUtilisation: () => upstream.windowUtilisation(),
  });
  const { snapshots, alerts, stopAlerts } = openIntraday(options, { metrics, log, store, clock: options.clock ?? systemClock });
  // Every answer that reaches the gateway: a final day for the history, today's as a snapshot.
  const onAnswer = (result: TotalsResult): void => void Promise.all([history?.record(result), snapshots.record(result)]);
  const upstream = openUpstream(options, coreSettingsOf(options, store, windowMs), { metrics, log, onAnswer });
  const interest = new TodayInterest(windowMs, () => jobs.poke());
  const keepFresh = keepTodayFreshOf(options);
  const jobs: IdleWindowJobs = new IdleWindowJobs({ upstream, windowMs, interest, keepFresh, history, fillFrom: options.fillFrom, metrics, log, storeDown: () => store.downSince !== undefined, clock: upstream.clock });
  const parts: GatewayParts = { upstream, keyring, limiter, ...doors, metrics, interest, history, snapshots, alerts, held, closing: closing.signal, log, probeStore: () => probeOf(store) };
  const app = createGatewayApp({ corsOrigins: options.corsOrigins ?? [] });
  jobs.start();

  let closed: Promise<void> | undefined;
  const handler = (request: Request, connection?: unknown): Promise<Response> => {
    doors.remember(request, connection);
    return Promise.resolve(app.fetch(request, parts));
  };
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      closing.abort();
      held.releaseAll();
      await jobs.stop();
      await upstream.drain();
      await history?.settled();
      await snapshots.settled();
      await stopAlerts();
      store.close();
    })());
  return Object.assign(handler, { fetch: handler, close });
}

async function probeOf(store: WatchedStore): Promise<void> {
  if (!(await store.probe())) throw new Error(`the store (${store.kind}) is unreachable`);
}

/** The gateway's doors: dashboard sessions, the wrong-key lock-out, and each request's client address. */
function doorsOf(options: GatewayOptions, parts: { keyring: ClientKeyring; store: WatchedStore; log: (line: string) => void }): Pick<GatewayParts, 'sessions' | 'throttle' | 'clientAddress'> & { remember(request: Request, connection: unknown): void } {
  const clock = options.clock ?? systemClock;
  const secrets = new SessionSecrets({ given: options.sessionSecret, upstreamToken: options.token, store: parts.store, clock });
  // Each request's client address, from the host's connection info, for as long as the request lives.
  const addresses = new WeakMap<Request, string>();
  const trustProxy = options.trustProxy === true;
  return {
    sessions: new DashboardSessions({ keyring: parts.keyring, secrets, store: parts.store, clock }),
    throttle: new WrongKeyThrottle(checkedWrongKeyLimit(options.wrongKeyLimit), parts.log),
    clientAddress: (request) => addresses.get(request) ?? UNKNOWN_ADDRESS,
    remember: (request, connection) => void addresses.set(request, clientAddressOf(request, connection, trustProxy)),
  };
}

function coreSettingsOf(options: GatewayOptions, store: NonNullable<GatewayOptions['store']>, windowMs: number): UpstreamOptions['core'] {
  return {
    url: options.url,
    token: options.token,
    store,
    minIntervalMs: windowMs,
    ...(options.windowMarginMs === undefined ? {} : { windowMarginMs: options.windowMarginMs }),
    maxWaitMs: options.maxQueueWaitMs ?? DAY_MS,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
}

function openUpstream(options: GatewayOptions, core: UpstreamOptions['core'], parts: Pick<UpstreamOptions, 'metrics' | 'log' | 'onAnswer'>): Upstream {
  return new Upstream({ core, ...parts, queueLimits: queueLimitsOf(options), ...(options.clock ? { clock: options.clock } : {}) });
}

function queueLimitsOf(options: GatewayOptions): QueueLimits {
  const limit = (field: 'maxQueuedDaysPerKey' | 'maxQueuedDays', fallback: number): number => {
    const value = options[field];
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || value < 1) {
      throw new GatewayConfigError(field, 'range', `${field} must be a whole number of days, 1 or more.`, `Leave it out for ${fallback}, or pass e.g. ${field}: ${fallback}.`);
    }
    return value;
  };
  return { perKey: limit('maxQueuedDaysPerKey', DEFAULT_QUEUE_LIMITS.perKey), total: limit('maxQueuedDays', DEFAULT_QUEUE_LIMITS.total) };
}

function checkedWrongKeyLimit(limit: GatewayOptions['wrongKeyLimit']): WrongKeyLimit {
  if (limit === undefined) return DEFAULT_WRONG_KEY_LIMIT;
  const positive = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && value > 0;
  if (!(Number.isInteger(limit?.attempts) && positive(limit.attempts) && positive(limit.perMs) && positive(limit.lockoutMs))) {
    throw new GatewayConfigError('wrongKeyLimit', 'range', 'wrongKeyLimit needs a whole number of attempts above 0 and a period and a lock-out above 0 ms.', 'Leave it out for 10 wrong keys in 15 minutes, or pass e.g. wrongKeyLimit: { attempts: 10, perMs: 900000, lockoutMs: 900000 }.');
  }
  return limit;
}

function checkedWindow(minIntervalMs: number | undefined): number {
  if (minIntervalMs === undefined) return API_WINDOW_MS;
  if (typeof minIntervalMs !== 'number' || !Number.isFinite(minIntervalMs) || minIntervalMs <= 0) {
    throw new GatewayConfigError('minIntervalMs', 'range', 'minIntervalMs must be a number of milliseconds above 0.', 'Leave it out for the API’s 5 minutes, or pass e.g. minIntervalMs: 300000.');
  }
  return minIntervalMs;
}

function checkFillFrom(options: GatewayOptions): void {
  const from = options.fillFrom;
  if (from === undefined) return;
  if (!options.history) {
    throw new GatewayConfigError('fillFrom', 'missing', 'fillFrom names days to fill, but no history was given to fill.', 'Pass history: await openHistory(path) along with fillFrom.');
  }
  if (!isCalendarDate(from)) {
    throw new GatewayConfigError('fillFrom', 'format', `fillFrom ${JSON.stringify(String(from).slice(0, 40))} is not a YYYY-MM-DD calendar day.`, 'Pass a day such as fillFrom: "2026-11-01".');
  }
  if (from >= todayInSaoPaulo()) {
    throw new GatewayConfigError('fillFrom', 'future', `fillFrom ${from} is not a closed day: only days before today (America/Sao_Paulo) can be filled.`, 'Pass a day before today.');
  }
}
