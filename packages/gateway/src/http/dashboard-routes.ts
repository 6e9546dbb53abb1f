import { addDays, todayInSaoPaulo, yesterdayInSaoPaulo } from '@zen-leads/core';
import { intradayOf, langOfAcceptLanguage, type Lang } from '@zen-leads/history';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import type { AlertsView } from '../dashboard/alerts-list.js';
import type { HistoryView } from '../dashboard/history-section.js';
import type { TodayChartView } from '../dashboard/today-chart.js';
import { DASHBOARD_CSS, DASHBOARD_ICON, ICON_PATH, STYLESHEET_PATH, dashboardPage, loginPage, type DashboardView } from '../dashboard/pages.js';
import type { GatewayEnv, GatewayParts } from './gateway-app.js';
import { lockedOutResponse } from './wrong-key-lockout.js';

const HISTORY_DAYS = 30;
// Pages differ by the browser's language (Accept-Language), so caches must key on it.
const NO_STORE = { 'cache-control': 'no-store', vary: 'Accept-Language' };
const ASSET_CACHING = { 'cache-control': 'public, max-age=3600' };

const securityHeaders = secureHeaders({
  contentSecurityPolicy: { defaultSrc: ["'self'"], baseUri: ["'none'"], formAction: ["'self'"], frameAncestors: ["'none'"], objectSrc: ["'none'"] },
  referrerPolicy: 'no-referrer',
  strictTransportSecurity: false,
  xFrameOptions: 'DENY',
});

/**
 * The dashboard: `GET /` (the login form, or the data once signed in), `POST /login`,
 * `POST /logout`, and its stylesheet and icon. Security headers on all of it: a CSP of
 * `default-src 'self'` (no inline script or style anywhere), no framing, no referrer, no sniffing;
 * logins are same-origin form posts of at most 4 kB.
 */
export const dashboardRoutes: Hono<GatewayEnv> = new Hono<GatewayEnv>();
for (const path of ['/', '/login', '/logout', '/assets/*']) dashboardRoutes.use(path, securityHeaders);
dashboardRoutes.use('/login', csrf(), bodyLimit({ maxSize: 4096, onError: (c) => c.html(loginPage(langOf(c), 'formTooLarge'), 413, NO_STORE) }));
dashboardRoutes.use('/logout', csrf());

dashboardRoutes.get(STYLESHEET_PATH, (c) => c.body(DASHBOARD_CSS, 200, { 'content-type': 'text/css; charset=utf-8', ...ASSET_CACHING }));
dashboardRoutes.get(ICON_PATH, (c) => c.body(DASHBOARD_ICON, 200, { 'content-type': 'image/svg+xml', ...ASSET_CACHING }));

dashboardRoutes.get('/', async (c) => {
  if ((await c.env.sessions.current(c)) === undefined) return c.html(loginPage(langOf(c)), 200, NO_STORE);
  const view = await gather(c.env);
  // The page reloads itself when the next answer is due (a `Refresh` header: no script needed),
  // unless the person turned that off.
  const autoRefresh = c.req.query('refresh') !== 'off';
  const headers: Record<string, string> = autoRefresh ? { ...NO_STORE, refresh: String(refreshSecondsOf(view, c.env.upstream)) } : NO_STORE;
  return c.html(dashboardPage(view, autoRefresh, langOf(c)), 200, headers);
});

/** A locked-out address is refused before its key is looked at: a right key then gets the same page as a wrong one. */
dashboardRoutes.post('/login', async (c) => {
  const { throttle, upstream } = c.env;
  const address = c.env.clientAddress(c.req.raw);
  const now = upstream.clock.now();
  const lockedUntil = throttle.lockedUntil(address, now);
  if (lockedUntil !== undefined) return lockedOutResponse(c, lockedUntil, now);
  const form = await c.req.parseBody();
  const key = typeof form.key === 'string' ? form.key.trim() : '';
  const keyId = key === '' ? undefined : await c.env.keyring.identify(key);
  if (keyId === undefined) {
    if (key !== '') throttle.failed(address, now);
    return c.html(loginPage(langOf(c), 'wrongKey'), 401, NO_STORE);
  }
  await c.env.sessions.open(c, keyId);
  return redirectHome(c);
});

dashboardRoutes.post('/logout', async (c) => {
  await c.env.sessions.close(c);
  return redirectHome(c);
});

/** The browser's language for the page (pt-BR when it names none we speak). */
export function langOf(c: Context): Lang {
  return langOfAcceptLanguage(c.req.header('accept-language'));
}

/** True for a browser's navigation (it asks for HTML), false for API clients and scripts. */
export function prefersHtml(accept: string | undefined): boolean {
  return (accept ?? '').includes('text/html');
}

function redirectHome(c: Context): Response {
  c.header('cache-control', 'no-store');
  return c.redirect('/', 303);
}

async function gather(context: GatewayParts): Promise<DashboardView> {
  const now = context.upstream.clock.now();
  const today = todayInSaoPaulo(now);
  // Looking at the dashboard is looking at today: the idle-window jobs keep it fresh.
  context.interest.touch(now);
  const known = await context.upstream.known(today).catch(() => undefined);
  const upstream = context.upstream.status();
  const dueAt = known ? known.result.fetchedAt.getTime() + context.upstream.windowMs : now;
  const nextUpdateAt = new Date(Math.max(dueAt, upstream.nextWindowAt?.getTime() ?? 0, now));
  return {
    today,
    totals: known?.result.totals,
    updatedAt: known?.result.fetchedAt,
    nextUpdateAt,
    history: await historyView(context, today),
    queuedDays: context.upstream.queuedDays().length,
    clientsWaiting: context.held.count,
    lastUpstreamStatus: upstream.lastStatus,
    intraday: await intradayView(context, today, now),
    alerts: alertsViewOf(context, today),
  };
}

async function intradayView(context: GatewayParts, today: string, now: number): Promise<TodayChartView> {
  try {
    return { intraday: await context.snapshots.intraday(today), typical: await context.snapshots.typical(today), now };
  } catch (error) {
    context.log(`dashboard: could not read today's snapshots: ${error instanceof Error ? error.message : String(error)}`);
    return { intraday: intradayOf([], today), typical: undefined, now };
  }
}

/** Today's alerts, and those firing now, when alert rules are set. */
function alertsViewOf(context: GatewayParts, today: string): AlertsView {
  if (!context.alerts) return { enabled: false };
  return { enabled: true, firing: context.alerts.firing(), recent: context.alerts.alerts().filter((alert) => alert.date === today) };
}

async function historyView(context: GatewayParts, today: string): Promise<HistoryView> {
  if (!context.history) return { enabled: false };
  const from = addDays(today, -HISTORY_DAYS);
  const to = yesterdayInSaoPaulo(context.upstream.clock.now());
  try {
    return { enabled: true, days: await context.history.read(from, to), from, to };
  } catch (error) {
    context.log(`dashboard: could not read the history: ${error instanceof Error ? error.message : String(error)}`);
    return { enabled: true, days: [], from, to };
  }
}

/** Reload a little after the next answer is due (its request takes a moment), at most a window apart. */
function refreshSecondsOf(view: DashboardView, upstream: GatewayParts['upstream']): number {
  const seconds = Math.ceil((view.nextUpdateAt.getTime() - upstream.clock.now()) / 1000) + 2;
  return Math.min(Math.max(seconds, 2), Math.ceil(upstream.windowMs / 1000) + 5);
}
