import { createSeededRandom } from '../seeded-random.js';
import type { LeadTotalsWirePayload, WireBreakdownEntry, WireErrorCounts, WireUserTotals } from '../wire-payload.js';
import { DAY_MS, HOUR_MS } from './clock-time.js';
import { BREAKDOWN_KEYS, type DayPlan, type PlannedLead, PROBLEM_FIELDS } from './day-plan.js';
import { type FaultEra, faultsAt } from './fault-script.js';
import type { TodayProblem } from './today-options.js';

/** A user's counts so far: the total and, per breakdown, per entry of the final payload. */
interface Tally {
  total: number;
  entries: number[][];
}

function isStopped(plan: DayPlan, eras: readonly FaultEra[], seller: string, at: number): boolean {
  return faultsAt(eras, at).some(
    (fault) => fault.kind === 'seller-stops' && (fault.seller ?? plan.busiest) === seller && fault.from <= at && at < fault.until,
  );
}

function count(tally: Tally, lead: PlannedLead): void {
  tally.total += 1;
  lead.entries.forEach((entry, key) => {
    const counts = tally.entries[key];
    if (counts && entry >= 0) counts[entry] = (counts[entry] ?? 0) + 1;
  });
}

/**
 * A stopped seller's lead goes to another seller, one who receives at that time (preferably one
 * with leads today). It counts in their total and, when their leads have origins, in one of
 * them, so `total_lead` stays the sum of `origem` wherever the seeded day has that.
 */
function divert(plan: DayPlan, eras: readonly FaultEra[], tallies: Tally[], from: number, lead: PlannedLead, k: number): void {
  const receiving = plan.users
    .map((user, i) => ({ user, i }))
    .filter(({ user, i }) => i !== from && !isStopped(plan, eras, user.final.nome, lead.at));
  const busy = receiving.filter(({ user }) => user.leads.length > 0);
  const pool = busy.length > 0 ? busy : receiving;
  if (pool.length === 0) return; // Nobody left to receive: the lead is not distributed.
  const random = createSeededRandom(`${plan.seed}#${plan.date}#divert#${from}#${k}`);
  const { user, i } = random.pick(pool);
  const tally = tallies[i] as Tally;
  tally.total += 1;
  const origins = tally.entries[0] as number[];
  if (user.final.origem.length > 0) {
    const entry = random.int(0, user.final.origem.length - 1);
    origins[entry] = (origins[entry] ?? 0) + 1;
  }
}

function entriesSoFar(entries: readonly WireBreakdownEntry[], counts: readonly number[]): WireBreakdownEntry[] {
  return entries.flatMap((entry, j) => ((counts[j] ?? 0) > 0 ? [{ ...entry, quantidade: String(counts[j]) }] : []));
}

function userSoFar(final: WireUserTotals, tally: Tally): WireUserTotals {
  const soFar = (key: (typeof BREAKDOWN_KEYS)[number]): WireBreakdownEntry[] =>
    entriesSoFar(final[key], tally.entries[BREAKDOWN_KEYS.indexOf(key)] ?? []);
  return {
    nome: final.nome,
    total_lead: String(tally.total),
    origem: soFar('origem'),
    segmento: soFar('segmento'),
    automacao: soFar('automacao'),
    produtos_e_servicos: soFar('produtos_e_servicos'),
  };
}

/** Problem leads a pile-up added by `ms`: `perHour` spread evenly over its stretch, summed over eras. */
function piledUp(eras: readonly FaultEra[], ms: number, problem: TodayProblem): number {
  let extra = 0;
  for (const era of eras) {
    for (const fault of era.faults) {
      if (fault.kind !== 'problems-pile-up' || fault.problem !== problem) continue;
      const start = Math.max(fault.from, era.from);
      const end = Math.min(fault.until, era.until, ms);
      if (end > start) extra += (fault.perHour * (end - start)) / HOUR_MS;
    }
  }
  return Math.floor(extra);
}

function errorsSoFar(plan: DayPlan, eras: readonly FaultEra[], ms: number): WireErrorCounts | [] {
  const counts = PROBLEM_FIELDS.map(([problem]) => {
    const arrived = plan.problems?.[problem].filter((at) => at < ms).length ?? 0;
    return arrived + piledUp(eras, ms, problem);
  });
  if (!plan.problems && counts.every((n) => n === 0)) return [];
  const [com_erro, sem_agrupamento, limite_de_contatos, duplicados] = counts.map(String) as [string, string, string, string];
  return { com_erro, sem_agrupamento, limite_de_contatos, duplicados };
}

/**
 * The day as the API answers it at `ms` since São Paulo's midnight: the leads arrived before
 * then, the stopped sellers' ones given to the others, the piled-up problems added. Every user of
 * the day is listed from 00:00 (with 0 until their first lead); breakdown entries appear with
 * their first lead. With no faults, 24:00 gives the seeded payload exactly.
 */
export function daySoFar(plan: DayPlan, ms: number, eras: readonly FaultEra[]): LeadTotalsWirePayload {
  const faulty = eras.some((era) => era.faults.length > 0);
  if (ms >= DAY_MS && !faulty) return plan.final;
  const tallies: Tally[] = plan.users.map((user) => ({ total: 0, entries: BREAKDOWN_KEYS.map((key) => user.final[key].map(() => 0)) }));
  plan.users.forEach((user, i) => {
    user.leads.forEach((lead, k) => {
      if (lead.at >= ms) return;
      if (faulty && isStopped(plan, eras, user.final.nome, lead.at)) divert(plan, eras, tallies, i, lead, k);
      else count(tallies[i] as Tally, lead);
    });
  });
  const usuarios = plan.users.map((user, i) => userSoFar(user.final, tallies[i] as Tally));
  return { data: plan.date, usuarios, erros: errorsSoFar(plan, eras, ms) };
}
