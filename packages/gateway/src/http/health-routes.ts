import { Hono } from 'hono';
import type { GatewayEnv } from './gateway-app.js';

/**
 * `GET /healthz` (no key: for load balancers and container probes) and `GET /metrics`
 * (Prometheus text, with a client key as `Authorization: Bearer`). Neither shows the token, a
 * key, or anything a client sent.
 */
export const healthRoutes: Hono<GatewayEnv> = new Hono<GatewayEnv>()
  .get('/healthz', async (c) => {
    const { upstream, held, closing, probeStore } = c.env;
    const store = await probeStore().then(
      () => 'reachable' as const,
      () => 'unreachable' as const,
    );
    const status = upstream.status();
    const body = {
      status: store === 'reachable' ? 'ok' : 'degraded',
      store,
      upstream: {
        lastStatus: status.lastStatus ?? null,
        lastRequestAt: status.lastRequestAt?.toISOString() ?? null,
        nextWindowAt: status.nextWindowAt?.toISOString() ?? null,
        requestsSent: status.requestsSent,
      },
      queuedDays: upstream.queuedDays().length,
      clientsWaiting: held.count,
      shuttingDown: closing.aborted,
    };
    return c.json(body, store === 'reachable' && !closing.aborted ? 200 : 503, { 'cache-control': 'no-store' });
  })
  .get('/metrics', async (c) => {
    if (c.var.keyId === undefined) {
      return c.json(
        { error: 'The metrics need a client key: scrape with Authorization: Bearer <key> (Prometheus: authorization.credentials).', code: c.var.keyPresented ? 'key-invalid' : 'key-missing' },
        401,
        { 'www-authenticate': 'Bearer realm="zen-leads gateway"' },
      );
    }
    const { registry } = c.env.metrics;
    return c.body(await registry.metrics(), 200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
  });
