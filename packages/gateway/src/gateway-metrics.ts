import { Counter, Gauge, Registry } from 'prom-client';

/** Reads for the gauges that are computed at scrape time. */
export interface MetricSources {
  clientsWaiting(): number;
  queuedDays(): number;
  /** Upstream requests this process sent ÷ windows elapsed since it started. */
  windowUtilisation(): number;
}

/**
 * The gateway's Prometheus metrics, in a registry of its own (two gateways in one process, or a
 * host's own prom-client, never collide). Labels are fixed words and statuses: never a key, a
 * day or anything a client sent.
 */
export class GatewayMetrics {
  readonly registry: Registry = new Registry();
  readonly upstreamRequests: Counter<'status'>;
  readonly cacheHits: Counter<'route'>;
  readonly clientResponses: Counter<'route' | 'status'>;
  readonly idleFetches: Counter<'kind'>;
  readonly idleWakeups: Counter;
  readonly storeOutages: Counter;
  readonly snapshots: Counter;
  readonly alerts: Counter<'kind'>;
  readonly alertDeliveries: Counter<'outcome'>;
  /** Bound children of `clientResponses`, so counting a response does not hash its labels each time. */
  readonly #responseCounters = new Map<string, { inc(): void }>();

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    // Every counter is one line: its name, its help text for the scrape page, its labels.
    const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> =>
      new Counter({ name, help, labelNames, registers });
    this.upstreamRequests = counter(
      'zen_gateway_upstream_requests_total',
      'Requests sent to the CRM Zen API by this gateway, by HTTP status ("network" when no answer came).',
      ['status'],
    );
    this.cacheHits = counter('zen_gateway_cache_hits_total', 'Client requests answered without sending anything upstream, by route.', ['route']);
    this.clientResponses = counter('zen_gateway_client_responses_total', 'Responses to clients, by route and HTTP status.', ['route', 'status']);
    this.idleFetches = counter(
      'zen_gateway_idle_fetches_total',
      'Upstream requests made in otherwise idle windows: "today" refreshes and "history" fills.',
      ['kind'],
    );
    this.idleWakeups = counter('zen_gateway_idle_wakeups_total', 'Times the idle-window jobs woke to look for work (a few per window at most).');
    this.storeOutages = counter('zen_gateway_store_outages_total', 'Outages of the shared store (window and cache) this gateway saw begin.');
    this.snapshots = counter('zen_gateway_snapshots_total', "Today's answers this gateway stored as snapshots (each from a request it made anyway: none costs a window).");
    this.alerts = counter('zen_gateway_alerts_total', 'Alerts this gateway fired, by rule kind.', ['kind']);
    this.alertDeliveries = counter('zen_gateway_alert_deliveries_total', 'Alert posts to webhooks, by how they ended: "delivered", "failed" after the retries, "dropped" (queue full or shutdown).', ['outcome']);
    const gauge = (name: string, help: string, read: () => number): void => {
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    };
    gauge('zen_gateway_clients_waiting', 'Client requests held open (Prefer: wait) until their day arrives.', sources.clientsWaiting);
    gauge('zen_gateway_queued_days', 'Days this gateway is waiting for a window to fetch.', sources.queuedDays);
    gauge(
      'zen_gateway_window_utilisation',
      'Upstream requests sent by this gateway divided by the windows elapsed since it started (1.0 = every window used).',
      sources.windowUtilisation,
    );
  }

  countResponse(route: string, status: number): void {
    const key = `${route} ${status}`;
    let counter = this.#responseCounters.get(key);
    if (!counter) {
      counter = this.clientResponses.labels(route, String(status));
      this.#responseCounters.set(key, counter);
    }
    counter.inc();
  }
}
