/** Days of snapshots for the alert tests: sellers, times in São Paulo, engines over parsed rules. */
import type { LeadErrorCounts, LeadTotals } from '@zen-leads/core';
import type { Alert, TodaySnapshot } from '../../../src/alerts/alert.js';
import { AlertEngine, type AlertClaimStore } from '../../../src/alerts/alert-engine.js';
import { parseAlertRules } from '../../../src/alerts/parse-alert-rules.js';

export const DATE = '2026-12-01';
const NO_ERRORS: LeadErrorCounts = { withError: 0, ungrouped: 0, contactLimitExceeded: 0, duplicates: 0 };

/** São Paulo wall time HH:MM on DATE (UTC−3: no daylight saving since 2019). */
export function at(time: string): Date {
  return new Date(`${DATE}T${time}:00-03:00`);
}

export function snapshot(time: string, leads: Record<string, number>, errors: Partial<LeadErrorCounts> = {}): TodaySnapshot {
  const totals: LeadTotals = {
    date: DATE,
    users: Object.entries(leads).map(([name, totalLeads]) => ({ name, totalLeads, origins: [], segments: [], automations: [], productsAndServices: [] })),
    errors: { ...NO_ERRORS, ...errors },
  };
  return { fetchedAt: at(time), totals };
}

export function engineOf(yaml: string, options: { store?: AlertClaimStore; delivered?: Alert[] } = {}): AlertEngine {
  const delivered = options.delivered ?? [];
  return new AlertEngine({ rules: parseAlertRules(yaml, 'alerts.yaml'), deliver: (alert) => delivered.push(alert), store: options.store, clock: { now: () => at('21:00').getTime() }, log: () => {} });
}

/** Every five minutes from `from` (HH:MM), for `count` snapshots. */
export function times(from: string, count: number): string[] {
  const start = at(from).getTime();
  return Array.from({ length: count }, (_, index) => {
    const when = new Date(start + index * 300_000);
    return new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Sao_Paulo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(when);
  });
}

/** A firstwriter-wins store in memory, as the Redis store's SET NX behaves. */
export function sharedStore(): AlertClaimStore & { keys: Map<string, string> } {
  const keys = new Map<string, string>();
  return {
    keys,
    async setIfAbsent(key, value) {
      if (!keys.has(key)) keys.set(key, value);
      return keys.get(key)!;
    },
  };
}

export const SILENT = 'rules:\n  - name: quiet\n    kind: seller-silent\n    minutes: 30\n    othersAtLeast: 3\n';

/** Ana and Bruno receive one lead each per snapshot; Ana gets none while `anaStops(time)`. */
export async function runSilentDay(engines: AlertEngine[], anaStops: (time: string) => boolean, from = '09:00', count = 36): Promise<Alert[]> {
  const fired: Alert[] = [];
  let ana = 0;
  let bruno = 0;
  for (const time of times(from, count)) {
    if (!anaStops(time)) ana += 1;
    bruno += 1;
    const snap = snapshot(time, { Ana: ana, Bruno: bruno });
    // Replicas see the same answer at once: their claims race.
    fired.push(...(await Promise.all(engines.map((engine) => engine.observe(snap)))).flat());
  }
  return fired;
}

