import { GATEWAY_HEADER } from '@zen-leads/core/internal';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { API_MESSAGES, apiError } from './api-responses.js';
import { API_PATH, registerApiRoute } from './api-route.js';
import { registerDashboardRoutes } from './dashboard-routes.js';
import type { GatewayContext } from './gateway-context.js';
import { registerHealthRoutes, type StoreProbe } from './health-routes.js';
import { registerV1Routes } from './v1-routes.js';


/** Longer URLs are refused before routing: no route of ours needs more. */
const MAX_URL_LENGTH = 2048;

export interface GatewayAppOptions {
  corsOrigins: readonly string[];
  probeStore: StoreProbe;
}

/** The route label of a path for the metrics: a fixed word, never what the client sent. */
function routeOf(path: string): string {
  if (path === API_PATH) return 'api';
  if (path.startsWith('/v1/')) return path.endsWith('.csv') ? 'v1-csv' : 'v1-json';
  if (path === '/healthz' || path === '/metrics') return path.slice(1);
  if (path === '/' || path === '/login' || path === '/logout' || path.startsWith('/assets/')) return 'dashboard';
  return 'other';
}

function announced(route: string): boolean {
  return route === 'api' || route.startsWith('v1');
}

/**
 * The gateway's routes on Hono, middleware first: request limits and response counting for
 * everything, CORS only for the data routes and only when origins are configured.
 */
export function createGatewayApp(context: GatewayContext, options: GatewayAppOptions): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    const route = routeOf(c.req.path);
    if (c.req.url.length > MAX_URL_LENGTH) {
      const refused = c.json({ error: `The URL is longer than ${MAX_URL_LENGTH} characters; no route of this gateway takes one that long.`, code: 'uri-too-long' }, 414);
      if (announced(route)) refused.headers.set(GATEWAY_HEADER, '1');
      return refused;
    }
    await next();
    // Clients of the data routes (the core, the CLI, the n8n node) see they talk to a gateway and
    // leave the pacing to it: `Prefer: wait` and its Retry-After instead of a window of their own.
    if (announced(route)) c.res.headers.set(GATEWAY_HEADER, '1');
    context.metrics.countResponse(route, c.res.status);
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
  registerApiRoute(app, context);
  registerV1Routes(app, context);
  registerHealthRoutes(app, context, options.probeStore);
  registerDashboardRoutes(app, context);
  app.notFound((c) =>
    c.json({ error: 'Nothing here. This gateway serves /api/totais_lead, /v1/totals/{date}[/{users|breakdown|summary}.csv], /healthz, /metrics and the dashboard at /.', code: 'not-found' }, 404),
  );
  app.onError((error, c) => {
    // Middleware refusals (a cross-site form post, an oversized body) carry their own response.
    if (error instanceof HTTPException) return error.getResponse();
    context.log(`gateway: unexpected failure on ${c.req.method} ${c.req.path}: ${error instanceof Error ? error.message : String(error)}`);
    if (c.req.path === API_PATH) return apiError(500, API_MESSAGES.serverError);
    return c.json({ error: 'The gateway failed unexpectedly while answering; the failure is in its log. Try again.', code: 'internal' }, 500);
  });
  return app;
}
