import { dateRange, type LeadTotals } from '@zen-leads/core';
import { generateLeadTotalsPayload } from '@zen-leads/simulator';
import { mapWireByHand } from '@zen-leads/test-support/map-wire-by-hand';

/**
 * The simulator's seeded days (its demo account), mapped from the wire format to the model by
 * hand: report tests need realistic Brazilian data, not the core's decoder.
 */
export function seededDays(from: string, to: string, skip: readonly string[] = []): LeadTotals[] {
  return dateRange(from, to)
    .filter((date) => !skip.includes(date))
    .map((date) => mapWireByHand(generateLeadTotalsPayload('demo-token', date)));
}
