import type { Intraday } from './intraday.js';
import { saoPauloHourIn } from './sao-paulo-clock.js';

/** The hours of a São Paulo day. */
export const HOURS_OF_DAY = 24;

/**
 * A day's new leads per São Paulo hour (24), in total and per seller. A snapshot's new leads count
 * in the hour it was fetched in (it saw them then; when exactly they arrived before it is unknown).
 */
export function hourlyArrivals(intraday: Intraday): { total: number[]; byUser: Map<string, number[]> } {
  const total = new Array<number>(HOURS_OF_DAY).fill(0);
  const byUser = new Map<string, number[]>();
  for (const point of intraday.points) {
    const hour = saoPauloHourIn(intraday.date, new Date(point.fetchedAt));
    for (const user of point.users) {
      let hours = byUser.get(user.name);
      if (!hours) byUser.set(user.name, (hours = new Array<number>(HOURS_OF_DAY).fill(0)));
      hours[hour] = (hours[hour] ?? 0) + user.newLeads;
      total[hour] = (total[hour] ?? 0) + user.newLeads;
    }
  }
  return { total, byUser };
}
