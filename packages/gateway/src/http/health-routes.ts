import type { Hono } from 'hono';
import { clientKeyOf } from './client-key-of.js';
import type { GatewayContext } from './gateway-context.js';

/** Reads the store (a key nobody writes), to prove it answers. */
export type StoreProbe = () => Promise<unknown>;

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * `GET /healthz` (no key: for load balancers and container probes) and `GET /metrics`
 * (Prometheus text, with a client key as `Authorization: Bearer`). Neither shows the token, a
 * key, or anything a client sent.
 */
export function registerHealthRoutes(app: Hono, context: GatewayContext, probeStore: StoreProbe): void {
  app.get('/healthz', async () => {
    let store: 'reachable' | 'unreachable' = 'reachable';
    try {
      await probeStore();
    } catch {
      store = 'unreachable';
    }
    const upstream = context.upstream.status();
    const body = {
      status: store === 'reachable' ? 'ok' : 'degraded',
      store,
      upstream: {
        lastStatus: upstream.lastStatus ?? null,
        lastRequestAt: upstream.lastRequestAt?.toISOString() ?? null,
        nextWindowAt: upstream.nextWindowAt?.toISOString() ?? null,
        requestsSent: upstream.requestsSent,
      },
      queuedDays: context.upstream.queuedDays().length,
      clientsWaiting: context.held.count,
      shuttingDown: context.closing.aborted,
    };
    const status = store === 'reachable' && !context.closing.aborted ? 200 : 503;
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': JSON_TYPE, 'cache-control': 'no-store' } });
  });

  app.get('/metrics', async (c) => {
    const key = clientKeyOf(c.req.raw, false);
    const keyId = key === undefined ? undefined : await context.keyring.identify(key);
    if (keyId === undefined) {
      return new Response(JSON.stringify({ error: 'The metrics need a client key: scrape with Authorization: Bearer <key> (Prometheus: authorization.credentials).', code: key ? 'key-invalid' : 'key-missing' }), {
        status: 401,
        headers: { 'content-type': JSON_TYPE, 'www-authenticate': 'Bearer realm="zen-leads gateway"' },
      });
    }
    const text = await context.metrics.registry.metrics();
    return new Response(text, { status: 200, headers: { 'content-type': context.metrics.registry.contentType, 'cache-control': 'no-store' } });
  });
}
