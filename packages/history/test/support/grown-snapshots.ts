import type { LeadTotals } from '@zen-leads/core';
import type { TodaySnapshot } from '../../src/index.js';

/**
 * A closed day as the snapshots a gateway would have kept of it: every `everyMinutes` from 08:00 to
 * 20:00 São Paulo (UTC−3), each user at the share of their final count that a day with a busy
 * morning and afternoon reaches by then (a smoothstep from 0 to 1). The last one is the day itself.
 */
export function grownSnapshots(totals: LeadTotals, everyMinutes = 30): TodaySnapshot[] {
  const start = Date.parse(`${totals.date}T08:00:00-03:00`);
  const steps = Math.round((12 * 60) / everyMinutes);
  return Array.from({ length: steps + 1 }, (_, step) => {
    const progress = step / steps;
    const share = progress * progress * (3 - 2 * progress);
    const grow = (count: number): number => Math.floor(count * share);
    return {
      fetchedAt: new Date(start + step * everyMinutes * 60_000),
      totals: {
        date: totals.date,
        users: totals.users.map((user) => ({ ...user, totalLeads: grow(user.totalLeads), origins: user.origins.map((entry) => ({ ...entry, count: grow(entry.count) })) })),
        errors: { withError: grow(totals.errors.withError), ungrouped: grow(totals.errors.ungrouped), contactLimitExceeded: grow(totals.errors.contactLimitExceeded), duplicates: grow(totals.errors.duplicates) },
      },
    };
  });
}
