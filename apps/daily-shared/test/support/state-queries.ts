import type { DeliveryRow } from '../../src/delivery-log.ts';

/**
 * What the tests read back from history.sqlite, with each runtime's own SQLite (not through
 * @zen-leads/history, so the file is checked by a second reader): the history's days and the
 * job's deliveries.
 */
export const STATE_QUERIES = {
  days: 'SELECT date, users, total_leads, totals_json FROM lead_days ORDER BY date',
  deliveries: 'SELECT * FROM webhook_deliveries ORDER BY date',
} as const;

export interface StateRows {
  days: { date: string; users: number; total_leads: number; totals_json: string }[];
  deliveries: DeliveryRow[];
}
