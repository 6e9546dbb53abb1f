import { isCalendarDate, type BreakdownEntry, type LeadErrorCounts, type LeadTotals, type UserLeadTotals } from '@zen-leads/core';

/**
 * How one day is written to a history (an NDJSON line, SQLite's `totals_json`): the normalised
 * `LeadTotals` as JSON, its properties in a fixed order so the same day always gives the same
 * bytes. JSON text keeps accents as they are (UTF-8), never `\u00e3`.
 */
export function serializeLeadTotals(totals: LeadTotals): string {
  return JSON.stringify(canonicalLeadTotals(totals));
}

/**
 * Reads one stored day back, checking its shape, or `undefined` when the text is not a whole,
 * valid `LeadTotals` (a torn write, a hand edit gone wrong). Never throws.
 */
export function parseLeadTotalsRecord(text: string): LeadTotals | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isLeadTotals(value) ? canonicalLeadTotals(value) : undefined;
}

/** The day with its properties in the stored order (and nothing else), as `serializeLeadTotals` writes it. */
export function canonicalLeadTotals(totals: LeadTotals): LeadTotals {
  const entries = (list: readonly BreakdownEntry[]): BreakdownEntry[] => list.map(({ code, name, count }) => ({ code, name, count }));
  return {
    date: totals.date,
    users: totals.users.map(
      (user): UserLeadTotals => ({
        name: user.name,
        totalLeads: user.totalLeads,
        origins: entries(user.origins),
        segments: entries(user.segments),
        automations: entries(user.automations),
        productsAndServices: entries(user.productsAndServices),
      }),
    ),
    errors: {
      withError: totals.errors.withError,
      ungrouped: totals.errors.ungrouped,
      contactLimitExceeded: totals.errors.contactLimitExceeded,
      duplicates: totals.errors.duplicates,
    },
  };
}

type Loose = Record<string, unknown>;

const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function isEntry(value: unknown): value is BreakdownEntry {
  return isObject(value) && typeof value.code === 'string' && typeof value.name === 'string' && isCount(value.count);
}

const isEntries = (value: unknown): value is BreakdownEntry[] => Array.isArray(value) && value.every(isEntry);

function isUser(value: unknown): value is UserLeadTotals {
  return (
    isObject(value) &&
    typeof value.name === 'string' &&
    isCount(value.totalLeads) &&
    isEntries(value.origins) &&
    isEntries(value.segments) &&
    isEntries(value.automations) &&
    isEntries(value.productsAndServices)
  );
}

function isErrors(value: unknown): value is LeadErrorCounts {
  return (
    isObject(value) && isCount(value.withError) && isCount(value.ungrouped) && isCount(value.contactLimitExceeded) && isCount(value.duplicates)
  );
}

/** True when `value` has the full `LeadTotals` shape (the normalised model, not the wire format). */
export function isLeadTotals(value: unknown): value is LeadTotals {
  return isObject(value) && isCalendarDate(value.date) && Array.isArray(value.users) && value.users.every(isUser) && isErrors(value.errors);
}
