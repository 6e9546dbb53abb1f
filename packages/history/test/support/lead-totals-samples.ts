import type { LeadTotals, UserLeadTotals } from '@zen-leads/core';

/** A user with an origin breakdown that adds up to `totalLeads`. */
export function user(name: string, totalLeads: number, origin = 'Indicação'): UserLeadTotals {
  return {
    name,
    totalLeads,
    origins: totalLeads > 0 ? [{ code: '7', name: origin, count: totalLeads }] : [],
    segments: [],
    automations: [],
    productsAndServices: [],
  };
}

/** A day with the given users and no errors. */
export function day(date: string, users: UserLeadTotals[] = [], errors: Partial<LeadTotals['errors']> = {}): LeadTotals {
  return { date, users, errors: { withError: 0, ungrouped: 0, contactLimitExceeded: 0, duplicates: 0, ...errors } };
}

/** A day whose names carry accents and characters that need escaping. */
export function accentedDay(date: string): LeadTotals {
  return day(date, [user('João Pedro Magalhães', 7, 'Indicação'), user('Ana <Conceição> & "Cia"', 3, 'Promoção São João')], {
    withError: 1,
    duplicates: 2,
  });
}
