import type { LeadTotalsWirePayload } from '../wire-payload.js';
import { clampToDay } from './clock-time.js';
import { planDay } from './day-plan.js';
import { daySoFar } from './day-so-far.js';
import { scriptFaults } from './fault-script.js';
import type { TodayOptions } from './today-options.js';

/**
 * What the simulator answers for `date` as today at `msOfDay` (ms since São Paulo's midnight)
 * with `options.faults` in force from 00:00 (`timeOfDay` plays no part): a test computes the
 * expected answer at any time. At 24:00 with no faults it is `generateLeadTotalsPayload(seed,
 * date)`. `seed` as there: the token, or `${options.seed}/${token}`.
 */
export function todayLeadsAt(
  seed: string | number,
  date: string,
  msOfDay: number,
  options: TodayOptions = {},
): LeadTotalsWirePayload {
  const eras = [{ from: 0, until: 86_400_000, faults: scriptFaults(options.faults) }];
  return daySoFar(planDay(String(seed), date), clampToDay(msOfDay), eras);
}
