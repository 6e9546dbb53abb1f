import { DEFAULT_SNAPSHOT_RETENTION_DAYS, MemorySnapshots } from '@zen-leads/history';
import { BUSINESS_HOURS, type Clock, type DailyHours } from '@zen-leads/core';
import { isDailyHours } from '@zen-leads/core/internal';
import { AlertEngine, type AlertClaimStore } from '../alerts/alert-engine.js';
import type { AlertRules } from '../alerts/alert-rules.js';
import { WebhookDelivery } from '../alerts/webhook-delivery.js';
import type { GatewayMetrics } from '../gateway-metrics.js';
import { GatewayConfigError, type GatewayOptions } from '../gateway-options.js';
import type { AlertBoard } from './alert-board.js';
import { TodaySnapshots } from './today-snapshots.js';

/** The gateway's intraday parts: today's snapshots, the alerts they fire, and how to stop delivering them. */
export interface GatewayIntraday {
  snapshots: TodaySnapshots;
  alerts: AlertBoard | undefined;
  /** Waits (a bounded time) for alert posts in flight. */
  stopAlerts(): Promise<void>;
}

/** What the intraday parts need of the gateway: its metrics, log, clock and shared store (alerts claimed once across replicas). */
export interface IntradayParts {
  metrics: GatewayMetrics;
  log: (line: string) => void;
  clock: Clock;
  store: AlertClaimStore;
}

/**
 * Wires today's snapshots (in the history, or in memory without one) to the alert engine when
 * rules are given: each snapshot stored is judged, and each alert fired is posted to the webhooks
 * in the background and counted.
 */
export function openIntraday(options: GatewayOptions, parts: IntradayParts): GatewayIntraday {
  const retentionDays = retentionOf(options);
  const { metrics, log } = parts;
  const rules = checkedRules(options.alerts);
  const delivery = rules && new WebhookDelivery({ webhooks: rules.webhooks, log, onOutcome: (outcome) => metrics.alertDeliveries.inc({ outcome }) });
  const engine = rules && new AlertEngine({ rules, ...(delivery ? { deliver: delivery.deliver } : {}), store: parts.store, clock: parts.clock, log });
  const snapshots = new TodaySnapshots({
    store: options.history ?? new MemorySnapshots(),
    // Without a history, memory keeps today's (and, until today's first, yesterday's) only.
    retentionDays: options.history ? retentionDays : 1,
    log,
    onSnapshot: async (snapshot, context) => {
      metrics.snapshots.inc();
      for (const alert of (await engine?.observe(snapshot, context)) ?? []) metrics.alerts.inc({ kind: alert.kind });
    },
  });
  return { snapshots, alerts: engine, stopAlerts: async () => delivery?.stop() };
}

function checkedRules(rules: GatewayOptions['alerts']): AlertRules | undefined {
  if (rules === undefined) return undefined;
  if (typeof rules !== 'object' || rules === null || !Array.isArray(rules.rules) || !Array.isArray(rules.webhooks)) {
    throw new GatewayConfigError('alerts', 'type', 'alerts must be alert rules as loadAlertRules or parseAlertRules gives them.', 'Pass alerts: await loadAlertRules("alerts.yaml"), or leave it out.');
  }
  return rules;
}

/** The keep-today-fresh hours (default 08:00–20:00 São Paulo), or undefined when turned off. */
export function keepTodayFreshOf(options: GatewayOptions): DailyHours | undefined {
  const hours = options.keepTodayFresh ?? BUSINESS_HOURS;
  if (hours === false) return undefined;
  if (typeof hours !== 'object' || hours === null || !isDailyHours(hours)) {
    throw new GatewayConfigError('keepTodayFresh', 'format', 'keepTodayFresh needs São Paulo hours { from: "HH:MM", to: "HH:MM" } with from before to (to may be "24:00").', 'Leave it out for 08:00–20:00, pass e.g. keepTodayFresh: { from: "07:00", to: "22:00" }, or false to refresh today only while someone looks.');
  }
  return { from: hours.from, to: hours.to };
}

function retentionOf(options: GatewayOptions): number {
  const days = options.snapshotRetentionDays;
  if (days === undefined) return DEFAULT_SNAPSHOT_RETENTION_DAYS;
  if (!options.history) {
    throw new GatewayConfigError('snapshotRetentionDays', 'missing', 'snapshotRetentionDays says how long the history keeps snapshots, but no history was given.', 'Pass history: await openHistory(path) along with snapshotRetentionDays, or leave it out.');
  }
  if (!Number.isInteger(days) || days < 1) {
    throw new GatewayConfigError('snapshotRetentionDays', 'range', 'snapshotRetentionDays must be a whole number of days, 1 or more.', `Leave it out for ${DEFAULT_SNAPSHOT_RETENTION_DAYS}, or pass e.g. snapshotRetentionDays: 35.`);
  }
  return days;
}
