import { saoPauloDateOf, saoPauloMsOfDay } from '../sao-paulo-time.js';
import type { LeadTotalsWirePayload } from '../wire-payload.js';
import { clampToDay } from './clock-time.js';
import { type DayPlan, planDay } from './day-plan.js';
import { daySoFar } from './day-so-far.js';
import { FaultScript, scriptFaults } from './fault-script.js';
import type { TodayOptions } from './today-options.js';

/** Plans kept: one per token's seed is enough for any test; a bound so a long run stays small. */
const MAX_PLANS = 16;

/** The simulator's today: how far São Paulo's day has come and what the script did to it. */
export class GrowingToday {
  private enabled: boolean;
  private timeOfDay: (() => number) | undefined;
  private readonly script: FaultScript;
  private readonly plans = new Map<string, DayPlan>();

  constructor(
    options: TodayOptions | false | undefined,
    private readonly now: () => number,
  ) {
    this.enabled = options !== false;
    this.timeOfDay = options ? options.timeOfDay : undefined;
    this.script = new FaultScript(scriptFaults(options ? options.faults : undefined));
  }

  /**
   * From now on: `false` answers today whole; options change the faults from this moment of the
   * day on (what was answered stays). An omitted `timeOfDay` keeps the clock in force.
   */
  set(options: TodayOptions | false): void {
    if (options === false) {
      this.enabled = false;
      return;
    }
    const faults = scriptFaults(options.faults);
    this.enabled = true;
    if (options.timeOfDay) this.timeOfDay = options.timeOfDay;
    this.script.change(saoPauloDateOf(this.now()), this.msOfDay(), faults);
  }

  /** Ms since São Paulo's midnight by the clock in force, within [0, 24:00]. */
  msOfDay(): number {
    return clampToDay(this.timeOfDay ? this.timeOfDay() : saoPauloMsOfDay(this.now()));
  }

  /** Today's payload so far for a seed; undefined for any other day or when today does not grow. */
  payloadFor(seed: string, date: string): LeadTotalsWirePayload | undefined {
    if (!this.enabled || date !== saoPauloDateOf(this.now())) return undefined;
    return daySoFar(this.planOf(seed, date), this.msOfDay(), this.script.erasOf(date));
  }

  private planOf(seed: string, date: string): DayPlan {
    const key = `${seed}\n${date}`;
    let plan = this.plans.get(key);
    if (!plan) {
      if (this.plans.size >= MAX_PLANS) this.plans.clear();
      plan = planDay(seed, date);
      this.plans.set(key, plan);
    }
    return plan;
  }
}
