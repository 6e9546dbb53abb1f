import { generateLeadTotalsPayload } from '../lead-totals-payload.js';
import { createSeededRandom, type SeededRandom } from '../seeded-random.js';
import type { LeadTotalsWirePayload, WireBreakdownEntry, WireErrorCounts, WireUserTotals } from '../wire-payload.js';
import { arrivalMsOf } from './arrival-curve.js';
import type { TodayProblem } from './today-options.js';

/** The breakdowns of a user, in the wire's order. */
export const BREAKDOWN_KEYS = ['origem', 'segmento', 'automacao', 'produtos_e_servicos'] as const;

/** Each problem's field in the wire's `erros`, in the wire's order. */
export const PROBLEM_FIELDS: readonly (readonly [TodayProblem, keyof WireErrorCounts])[] = [
  ['withError', 'com_erro'],
  ['ungrouped', 'sem_agrupamento'],
  ['contactLimitExceeded', 'limite_de_contatos'],
  ['duplicates', 'duplicados'],
];

/** One lead of the day: when it arrives and, per breakdown, its entry's index (-1: none). */
export interface PlannedLead {
  at: number;
  entries: readonly number[];
}

export interface PlannedUser {
  final: WireUserTotals;
  /** By arrival time. */
  leads: readonly PlannedLead[];
}

/** A seeded day taken apart into arrivals: replaying them up to 24:00 gives the day back. */
export interface DayPlan {
  seed: string;
  date: string;
  final: LeadTotalsWirePayload;
  users: readonly PlannedUser[];
  /** Each problem's arrival times; undefined when the day's `erros` is `[]`. */
  problems: Readonly<Record<TodayProblem, readonly number[]>> | undefined;
  /** The seller with the largest total (the first of equals): whom `seller-stops` stops by default. */
  busiest: string | undefined;
}

function arrivals(random: SeededRandom, count: number): number[] {
  return Array.from({ length: count }, () => arrivalMsOf(random.next())).sort((a, b) => a - b);
}

/** Each lead's entry in a breakdown: entry j `quantidade` times, -1 for the leads it leaves out, shuffled. */
function entryOfEachLead(random: SeededRandom, entries: readonly WireBreakdownEntry[], total: number): number[] {
  const labels = entries.flatMap((entry, j) => Array.from({ length: Number(entry.quantidade) }, () => j));
  while (labels.length < total) labels.push(-1);
  return random.sample(labels, labels.length);
}

function planUser(random: SeededRandom, final: WireUserTotals): PlannedUser {
  const total = Number(final.total_lead);
  const times = arrivals(random, total);
  const labels = BREAKDOWN_KEYS.map((key) => entryOfEachLead(random, final[key], total));
  return { final, leads: times.map((at, k) => ({ at, entries: labels.map((byLead) => byLead[k] ?? -1) })) };
}

/** The arrivals behind `generateLeadTotalsPayload(seed, date)`; the same (seed, date) gives the same plan. */
export function planDay(seed: string, date: string): DayPlan {
  const final = generateLeadTotalsPayload(seed, date);
  const random = createSeededRandom(`${seed}#${date}#arrivals`);
  const users = final.usuarios.map((user) => planUser(random, user));
  const erros = final.erros;
  const problems = Array.isArray(erros)
    ? undefined
    : (Object.fromEntries(PROBLEM_FIELDS.map(([problem, field]) => [problem, arrivals(random, Number(erros[field]))])) as Record<
        TodayProblem,
        number[]
      >);
  let busiest: WireUserTotals | undefined;
  for (const user of final.usuarios) if (!busiest || Number(user.total_lead) > Number(busiest.total_lead)) busiest = user;
  return { seed, date, final, users, problems, busiest: busiest?.nome };
}
