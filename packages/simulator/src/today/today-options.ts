/**
 * How the simulator's today grows: leads of the São Paulo day arrive one by one, so an answer for
 * today at 10:00 is smaller than at 16:00 and the answer at 24:00 is the seeded day.
 */
export interface TodayOptions {
  /**
   * Where São Paulo's day is, ms since its midnight (0..86 400 000), read at each request; default
   * from the simulator's `now`. Tests run a day in seconds with e.g.
   * `() => 8 * 3600_000 + (Date.now() - t0) * 1800`. Values past 86 400 000 count as 24:00.
   */
  timeOfDay?: () => number;
  /** Scripted trouble in today's arrivals. */
  faults?: readonly TodayFault[];
}

/** A problem count of the API's `erros`, by the core's names. */
export type TodayProblem = 'withError' | 'ungrouped' | 'contactLimitExceeded' | 'duplicates';

/** A seller who stops receiving: their arrivals in [from, until) go to the others. */
export interface SellerStopsFault {
  kind: 'seller-stops';
  /** Default: the team's busiest seller that day (the largest seeded total). */
  seller?: string;
  /** São Paulo `HH:MM`. */
  from: string;
  /** São Paulo `HH:MM`, excluded; default `24:00`. */
  until?: string;
}

/** Problem leads piling up: `perHour` more of `problem` per hour in [from, until). */
export interface ProblemsPileUpFault {
  kind: 'problems-pile-up';
  /** Default `withError`. */
  problem?: TodayProblem;
  from: string;
  until?: string;
  perHour: number;
}

export type TodayFault = SellerStopsFault | ProblemsPileUpFault;

export const TODAY_PROBLEMS: readonly TodayProblem[] = ['withError', 'ungrouped', 'contactLimitExceeded', 'duplicates'];
