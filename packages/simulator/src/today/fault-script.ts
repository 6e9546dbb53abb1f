import { clockTimeMs, DAY_MS } from './clock-time.js';
import { TODAY_PROBLEMS, type TodayFault, type TodayProblem } from './today-options.js';

/** A fault with its times read: ms since São Paulo's midnight, `until` excluded. */
export type ScriptedFault =
  | { kind: 'seller-stops'; seller: string | undefined; from: number; until: number }
  | { kind: 'problems-pile-up'; problem: TodayProblem; from: number; until: number; perHour: number };

/** A stretch of a day and the faults in force during it. */
export interface FaultEra {
  from: number;
  until: number;
  faults: readonly ScriptedFault[];
}

/** Checks and reads the faults, so a typo fails at `createSimulator`/`setToday`, not mid-test. */
export function scriptFaults(faults: readonly TodayFault[] = []): ScriptedFault[] {
  return faults.map((fault, index) => {
    const at = `today.faults[${index}]`;
    const from = clockTimeMs(fault.from, `${at}.from`);
    const until = fault.until === undefined ? DAY_MS : clockTimeMs(fault.until, `${at}.until`);
    if (until < from) throw new RangeError(`${at}.until (${fault.until}) is before its from (${fault.from})`);
    switch (fault.kind) {
      case 'seller-stops':
        return { kind: 'seller-stops', seller: fault.seller, from, until };
      case 'problems-pile-up': {
        const problem = fault.problem ?? 'withError';
        if (!TODAY_PROBLEMS.includes(problem)) {
          throw new RangeError(`${at}.problem must be one of ${TODAY_PROBLEMS.join(', ')}, got "${String(problem)}"`);
        }
        if (!(Number.isFinite(fault.perHour) && fault.perHour >= 0)) {
          throw new RangeError(`${at}.perHour must be a non-negative number, got ${String(fault.perHour)}`);
        }
        return { kind: 'problems-pile-up', problem, from, until, perHour: fault.perHour };
      }
      default:
        throw new RangeError(`${at}.kind must be "seller-stops" or "problems-pile-up", got "${String((fault as { kind: unknown }).kind)}"`);
    }
  });
}

/**
 * The faults through the days. A change (`simulator.setToday`) rewrites only what comes after it:
 * the arrivals already answered stay as they were, so today's counts never go down.
 */
export class FaultScript {
  private readonly changes: { date: string; ms: number; faults: readonly ScriptedFault[] }[];

  constructor(faults: readonly ScriptedFault[]) {
    this.changes = [{ date: '', ms: 0, faults }];
  }

  /** From `ms` of `date` on, these faults (and no others). */
  change(date: string, ms: number, faults: readonly ScriptedFault[]): void {
    this.changes.push({ date, ms, faults });
  }

  /** The day's eras, from 00:00 to 24:00, each with the faults in force. */
  erasOf(date: string): FaultEra[] {
    let atMidnight: readonly ScriptedFault[] = [];
    const eras: FaultEra[] = [];
    for (const change of this.changes) {
      if (change.date < date) {
        atMidnight = change.faults;
      } else if (change.date === date) {
        // A later change governs from its time on, even when a test's clock went back.
        while (eras.length > 0 && (eras.at(-1)?.from ?? 0) >= change.ms) eras.pop();
        const last = eras.at(-1);
        if (last) last.until = change.ms;
        eras.push({ from: change.ms, until: DAY_MS, faults: change.faults });
      }
    }
    const firstFrom = eras[0]?.from ?? DAY_MS;
    return firstFrom > 0 ? [{ from: 0, until: firstFrom, faults: atMidnight }, ...eras] : eras;
  }
}

/** The faults in force at `ms` of the day. */
export function faultsAt(eras: readonly FaultEra[], ms: number): readonly ScriptedFault[] {
  return eras.find((era) => era.from <= ms && ms < era.until)?.faults ?? [];
}
