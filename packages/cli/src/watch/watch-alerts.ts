import type { DailyHours } from '@zen-leads/core';
import { typicalCurveOf, type HistoryStore } from '@zen-leads/history';
import type { CliContext } from '../cli-context.js';
import type { SnapshotObserver } from './watch-loop.js';

/** The alert rules of `--alerts`, watching `watch`'s snapshots: the gateway's engine, on the CLI's side. */
export interface WatchAlerts extends SnapshotObserver {
  /** The file's business hours: when `watch` asks, unless `--every-window`. */
  readonly businessHours: DailyHours;
  /** Reads the typical curve from the history's snapshots of like days (for below-typical rules). */
  start(history: Pick<HistoryStore, 'readSnapshots'> | undefined): Promise<void>;
  /** Waits, a bounded time, for webhook posts still under way. */
  stop(): Promise<void>;
}

/**
 * Loads and checks the rules file before anything else starts (a mistake exits 2 naming the file,
 * line and field), then wires the gateway's alert engine with the file's webhooks. The gateway's
 * code is loaded only when `--alerts` is given.
 */
export async function loadWatchAlerts(path: string, context: CliContext): Promise<WatchAlerts> {
  const { AlertEngine, WebhookDelivery, loadAlertRules } = await import('@zen-leads/gateway');
  // A bad file throws AlertRulesError: exit 2, naming the file, line and field (describe-error).
  const rules = await loadAlertRules(path);
  const log = (line: string): void => void context.stderr.write(`${new Date(context.now()).toISOString()} zen-leads watch: ${line}\n`);
  const delivery = rules.webhooks.length > 0 ? new WebhookDelivery({ webhooks: rules.webhooks, log }) : undefined;
  const engine = new AlertEngine({ rules, ...(delivery ? { deliver: delivery.deliver } : {}), log });
  let history: Pick<HistoryStore, 'readSnapshots'> | undefined;
  let typical: { date: string; curve: readonly number[] | undefined } | undefined;
  return {
    businessHours: rules.businessHours,
    start: async (given) => {
      history = given;
    },
    observe: async (snapshot, previous) => {
      const date = snapshot.totals.date;
      if (typical?.date !== date) {
        // Without the past days the below-typical rules stay quiet; the watch goes on.
        const curve = await (history ? typicalCurveOf(history, date) : Promise.resolve(undefined)).catch((error: unknown) => void log(`could not read past days for the typical curve: ${error instanceof Error ? error.message : String(error)}`));
        typical = { date, curve: curve ?? undefined };
      }
      return engine.observe(snapshot, { ...(previous ? { previous } : {}), ...(typical.curve ? { typical: typical.curve } : {}) });
    },
    stop: async () => {
      await delivery?.stop();
    },
  };
}
