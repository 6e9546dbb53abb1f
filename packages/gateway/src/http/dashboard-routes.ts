import { addDays, todayInSaoPaulo, yesterdayInSaoPaulo } from '@zen-leads/core';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { DASHBOARD_CSS, DASHBOARD_ICON } from '../dashboard/dashboard-assets.js';
import { dashboardPage, type DashboardView } from '../dashboard/dashboard-page.js';
import type { HistoryView } from '../dashboard/history-section.js';
import { loginPage } from '../dashboard/login-page.js';
import { ICON_PATH, STYLESHEET_PATH } from '../dashboard/page-shell.js';
import { ClientRateLimiter } from './client-rate-limiter.js';
import type { GatewayContext } from './gateway-context.js';

const HISTORY_DAYS = 30;
const NO_STORE = { 'cache-control': 'no-store' };

/**
 * The dashboard: `GET /` (the login form, or the data once signed in), `POST /login`,
 * `POST /logout`, and its stylesheet and icon. Security headers on all of it: a CSP of
 * `default-src 'self'` (no inline script or style anywhere), no framing, no referrer, no sniffing;
 * logins are same-origin form posts of at most 4 kB.
 */
export function registerDashboardRoutes(app: Hono, context: GatewayContext): void {
  const headers = secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'self'"], baseUri: ["'none'"], formAction: ["'self'"], frameAncestors: ["'none'"], objectSrc: ["'none'"] },
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: false,
    xFrameOptions: 'DENY',
  });
  // Wrong keys are throttled for everyone together: 20 a minute is plenty for typos, nothing for guessing.
  const failedLogins = new ClientRateLimiter({ requests: 20, perMs: 60_000 });
  for (const path of ['/', '/login', '/logout', '/assets/*']) app.use(path, headers);
  app.use('/login', csrf(), bodyLimit({ maxSize: 4096, onError: (c) => c.text('The sign-in form is limited to 4 kB.', 413) }));
  app.use('/logout', csrf());

  app.get(STYLESHEET_PATH, () => asset(DASHBOARD_CSS, 'text/css; charset=utf-8'));
  app.get(ICON_PATH, () => asset(DASHBOARD_ICON, 'image/svg+xml'));

  app.get('/', async (c) => {
    if ((await context.sessions.current(c)) === undefined) return c.html(loginPage(), 200, NO_STORE);
    const view = await gather(context);
    return c.html(dashboardPage(view, refreshSecondsOf(view, context.windowMs)), 200, NO_STORE);
  });

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const key = typeof form.key === 'string' ? form.key.trim() : '';
    const keyId = key === '' ? undefined : await context.keyring.identify(key);
    if (keyId === undefined) {
      if (failedLogins.take('all')) return c.html(loginPage('Too many wrong keys in the last minute. Wait a minute, then try again.'), 429, { ...NO_STORE, 'retry-after': '60' });
      return c.html(loginPage('That key is not one of this gateway’s client keys. Check it for a stray space, or ask whoever runs the gateway.'), 401, NO_STORE);
    }
    await context.sessions.open(c, keyId);
    return redirectHome(c);
  });

  app.post('/logout', (c) => {
    context.sessions.close(c);
    return redirectHome(c);
  });
}

function asset(body: string, contentType: string): Response {
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'public, max-age=3600' } });
}

function redirectHome(c: Context): Response {
  c.header('cache-control', 'no-store');
  return c.redirect('/', 303);
}

async function gather(context: GatewayContext): Promise<DashboardView> {
  const now = Date.now();
  const today = todayInSaoPaulo(now);
  // Looking at the dashboard is looking at today: the idle windows keep it fresh.
  context.interest.touch(now);
  const known = await context.upstream.known(today).catch(() => undefined);
  const upstream = context.upstream.status();
  const dueAt = known ? known.result.fetchedAt.getTime() + context.windowMs : now;
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
  };
}

async function historyView(context: GatewayContext, today: string): Promise<HistoryView> {
  if (!context.history) return { enabled: false };
  const from = addDays(today, -HISTORY_DAYS);
  const to = yesterdayInSaoPaulo();
  try {
    return { enabled: true, days: await context.history.read(from, to), from, to };
  } catch (error) {
    context.log(`dashboard: could not read the history: ${error instanceof Error ? error.message : String(error)}`);
    return { enabled: true, days: [], from, to };
  }
}

/** Reload a little after the next answer is due (its request takes a moment), at most a window apart. */
function refreshSecondsOf(view: DashboardView, windowMs: number): number {
  const seconds = Math.ceil((view.nextUpdateAt.getTime() - Date.now()) / 1000) + 2;
  return Math.min(Math.max(seconds, 2), Math.ceil(windowMs / 1000) + 5);
}
