import { GATEWAY_HEADER } from '@zen-leads/core/internal';
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import type { ClientKeyring } from '../auth/client-keys.js';
import type { DashboardSessions } from '../auth/dashboard-sessions.js';
import type { WrongKeyThrottle } from '../auth/wrong-key-throttle.js';
import type { GatewayMetrics } from '../gateway-metrics.js';
import type { HistoryRecorder } from '../history/history-recorder.js';
import type { TodayInterest } from '../idle-window-jobs.js';
import type { AlertBoard } from '../intraday/alert-board.js';
import type { TodaySnapshots } from '../intraday/today-snapshots.js';
import { isStoreOutage } from '../store/watched-store.js';
import type { Upstream } from '../upstream/upstream.js';
import { API_MESSAGES, API_PATH, apiError, apiRoute } from './api-route.js';
import type { ClientRateLimiter } from './client-rate-limiter.js';
import { notFoundPage } from '../dashboard/pages.js';
import { dashboardRoutes, langOf, prefersHtml } from './dashboard-routes.js';
import { healthRoutes } from './health-routes.js';
import { STORE_RETRY_AFTER_SECONDS, preferredWaitSeconds, type HeldClients } from './obtain-day.js';
import { v1Routes } from './v1-routes.js';
import { lockedOutResponse } from './wrong-key-lockout.js';

/**
 * The gateway's parts, one set per gateway: Hono's bindings (`c.env`), handed to `app.fetch` by
 * the gateway's handler as a platform hands its resources to a worker.
 */
export interface GatewayParts {
  upstream: Upstream;
  keyring: ClientKeyring;
  limiter: ClientRateLimiter;
  sessions: DashboardSessions;
  /** Wrong keys per client address, and the lock-outs they earn. */
  throttle: WrongKeyThrottle;
  /** The address of the client that sent `request` (its peer, or X-Forwarded-For's last with `trustProxy`). */
  clientAddress: (request: Request) => string;
  metrics: GatewayMetrics;
  interest: TodayInterest;
  history: HistoryRecorder | undefined;
  /** Today's snapshots (in the history, or in memory without one): the intraday views. */
  snapshots: TodaySnapshots;
  /** Alerts fired today and yesterday, when alert rules were given. */
  alerts: AlertBoard | undefined;
  /** Client requests held open for their day right now; all let go on shutdown. */
  held: HeldClients;
  /** Aborted when the gateway starts shutting down. */
  closing: AbortSignal;
  log: (line: string) => void;
  /** Reads the store (a key nobody writes), to prove it answers. */
  probeStore: () => Promise<unknown>;
}

/** What one request says about its client, read once by `readClient` for every route that needs it. */
export interface ClientVariables {
  /** The client key's id; undefined when no key was presented (`keyPresented` false) or it is not one of ours. */
  keyId: string | undefined;
  keyPresented: boolean;
  /** `Prefer: wait=N`, in whole seconds (0 when absent): how long the client lets itself be held. */
  waitSeconds: number;
  /** Set once the request was held under its `Prefer: wait`: its response then says `Preference-Applied`. */
  preferenceApplied: boolean;
}

export type GatewayEnv = { Bindings: GatewayParts; Variables: ClientVariables };
/** Hono's context of one request to the gateway: its parts in `c.env`, the client in `c.var`. */
export type GatewayRequest = Context<GatewayEnv>;

/** Longer URLs are refused before routing: no route of ours needs more. */
const MAX_URL_LENGTH = 2048;

/** Metric labels by registered route: fixed words, never what the client sent. */
const ROUTE_LABELS: Readonly<Record<string, string>> = {
  [API_PATH]: 'api',
  '/v1/totals/:date': 'v1-json',
  '/v1/totals/:date/:file': 'v1-csv',
  '/v1/alerts.json': 'v1-alerts',
  '/healthz': 'healthz',
  '/metrics': 'metrics',
  '/': 'dashboard',
  '/login': 'dashboard',
  '/logout': 'dashboard',
  '/assets/*': 'dashboard',
  '/assets/dashboard.css': 'dashboard',
  '/assets/icon.svg': 'dashboard',
};

/** The route a request was routed to (its most specific match), as a metric label. */
function routeLabel(c: Context): string {
  const label = ROUTE_LABELS[routePath(c, -1)] ?? 'other';
  return label === 'v1-csv' && /\/intraday\.(json|csv)$/.test(c.req.path) ? 'v1-intraday' : label;
}

/**
 * The client key a request presents: the API's own `token` header, or `Authorization: Bearer`;
 * on CSV links, also `?key=` (for tools that cannot send headers — a key in a URL lands in
 * browser histories and proxy logs, so it is the lower-trust way, kept to CSV).
 */
function clientKeyOf(c: Context): string | undefined {
  const token = c.req.header('token')?.trim();
  if (token) return token;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
  if (bearer) return bearer;
  if (!(c.req.path.startsWith('/v1/') && c.req.path.endsWith('.csv'))) return undefined;
  return c.req.query('key')?.trim() || undefined;
}

/**
 * Reads the request's client key (resolved to its id once) and `Prefer: wait`; answers
 * `Preference-Applied` when the hold was applied. An address locked out for wrong keys is
 * answered 429 before its key is looked at; a wrong key counts against its address.
 */
const readClient = createMiddleware<GatewayEnv>(async (c, next) => {
  const { throttle, upstream } = c.env;
  const address = c.env.clientAddress(c.req.raw);
  const now = upstream.clock.now();
  const lockedUntil = throttle.lockedUntil(address, now);
  if (lockedUntil !== undefined) return lockedOutResponse(c, lockedUntil, now);
  const key = clientKeyOf(c);
  c.set('keyPresented', key !== undefined);
  const keyId = key === undefined ? undefined : await c.env.keyring.identify(key);
  if (key !== undefined && keyId === undefined) throttle.failed(address, now);
  c.set('keyId', keyId);
  const waitSeconds = preferredWaitSeconds(c.req.header('prefer'));
  c.set('waitSeconds', waitSeconds);
  c.set('preferenceApplied', false);
  await next();
  if (c.var.preferenceApplied) c.res.headers.set('preference-applied', `wait=${waitSeconds}`);
});

/**
 * The gateway's routes on Hono, middleware first: request limits and response counting for
 * everything, CORS only for the data routes and only when origins are configured, the client's
 * key and `Prefer` read once for the routes that take a key.
 */
export function createGatewayApp(options: { corsOrigins: readonly string[] }): Hono<GatewayEnv> {
  const app = new Hono<GatewayEnv>();
  app.use('*', async (c, next) => {
    const route = routeLabel(c);
    // Clients of the data routes (the core, the CLI, the n8n node) see they talk to a gateway and
    // leave the pacing to it: `Prefer: wait` and its Retry-After instead of a window of their own.
    // `/healthz` too: it takes no key, so a client can tell a gateway before it sends one.
    const announced = route === 'api' || route.startsWith('v1') || route === 'healthz';
    if (c.req.url.length > MAX_URL_LENGTH) {
      if (announced) c.header(GATEWAY_HEADER, '1');
      return c.json({ error: `The URL is longer than ${MAX_URL_LENGTH} characters; no route of this gateway takes one that long.`, code: 'uri-too-long' }, 414);
    }
    await next();
    if (announced) c.res.headers.set(GATEWAY_HEADER, '1');
    c.env.metrics.countResponse(route, c.res.status);
  });
  if (options.corsOrigins.length > 0) {
    const policy = cors({
      origin: [...options.corsOrigins],
      allowMethods: ['GET', 'HEAD'],
      allowHeaders: ['authorization', 'token', 'prefer', 'if-none-match'],
      exposeHeaders: ['retry-after', 'etag', 'age', 'cache-status', 'preference-applied', GATEWAY_HEADER],
      maxAge: 600,
    });
    app.use(API_PATH, policy);
    app.use('/v1/*', policy);
  }
  for (const path of [API_PATH, '/v1/*', '/metrics']) app.use(path, readClient);
  app.route('/', apiRoute);
  app.route('/v1', v1Routes);
  app.route('/', healthRoutes);
  app.route('/', dashboardRoutes);
  app.notFound((c) =>
    // A browser gets a page in its language; API clients, the JSON they parse.
    prefersHtml(c.req.header('accept')) ? c.html(notFoundPage(langOf(c)), 404) : c.json({ error: 'Nothing here. This gateway serves /api/totais_lead, /v1/totals/{date}[/{users|breakdown|summary}.csv|/intraday.{json|csv}], /v1/alerts.json, /healthz, /metrics and the dashboard at /.', code: 'not-found' }, 404),
  );
  app.onError((error, c) => {
    // Middleware refusals (a cross-site form post, an oversized body) carry their own response.
    if (error instanceof HTTPException) return error.getResponse();
    // The dashboard's sessions live in the store: without it nobody can sign in or be recognised.
    if (isStoreOutage(error)) {
      return c.json({ error: `The gateway's store (${error.store}) is unreachable, and the dashboard's sessions live there. Try again in a few seconds.`, code: 'store-unavailable' }, 503, { 'retry-after': String(STORE_RETRY_AFTER_SECONDS) });
    }
    c.env.log(`gateway: unexpected failure on ${c.req.method} ${c.req.path}: ${error instanceof Error ? error.message : String(error)}`);
    if (c.req.path === API_PATH) return apiError(500, API_MESSAGES.serverError);
    return c.json({ error: 'The gateway failed unexpectedly while answering; the failure is in its log. Try again.', code: 'internal' }, 500);
  });
  return app;
}
