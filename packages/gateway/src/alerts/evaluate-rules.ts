/**
 * Which rules' conditions hold at a snapshot: pure (no clock, no state, no I/O), so the gateway's
 * engine, the deterministic simulation and `zen-leads watch` judge a day the same way.
 */
import { saoPauloClockOf, type DailyHours, type LeadTotals } from '@zen-leads/core';
import { msOfClockTime } from '@zen-leads/core/internal';
import { LANGS, formatsOf, typicalAt, type Formats, type Lang } from '@zen-leads/history';
import type { AlertKind, TodaySnapshot } from './alert.js';
import type { AlertRule, AlertRules, BelowTypicalRule, ProblemCountRule, SellerShareRule, SellerSilentRule, WatchedProblem } from './alert-rules.js';
import { PROBLEMS } from './alert-rules.js';
import { alertMessages, type AlertMessages } from './messages/index.js';

/** A rule's condition holding now: for one seller (seller rules), one facet (problem-count's `increase` or `above`). */
export interface Condition {
  readonly rule: string;
  readonly kind: AlertKind;
  readonly seller?: string;
  /** Which of a rule's conditions: `''`, or problem-count's `increase` / `above`. */
  readonly facet: string;
  readonly value: number;
  readonly threshold: number;
  /** The sentence in the rules file's language (what webhooks post). */
  readonly text: string;
  /** The same sentence in every language people read (the dashboard speaks its viewer's). */
  readonly texts: Readonly<Record<Lang, string>>;
}

export interface EvaluationInput {
  /** The newest answer for the day. */
  readonly snapshot: TodaySnapshot;
  /** The same day's earlier snapshots, oldest first: back to the longest seller-silent rule's minutes at least. */
  readonly earlier: readonly TodaySnapshot[];
  /** The typical cumulative total at the end of each São Paulo hour (24 values), for below-typical. */
  readonly typical?: readonly number[];
}

interface Context extends EvaluationInput {
  /** A sentence built in every language: `text` in the file's, `texts` in all. */
  readonly say: (sentence: (messages: AlertMessages, f: Formats) => string) => Pick<Condition, 'text' | 'texts'>;
  readonly hours: DailyHours;
}

/**
 * The conditions that hold at `input.snapshot`, rule by rule in the file's order.
 *
 * @example
 * ```ts
 * const holding = evaluateRules(rules, { snapshot, earlier: todaysSnapshots });
 * ```
 */
export function evaluateRules(rules: AlertRules, input: EvaluationInput): Condition[] {
  const date = input.snapshot.totals.date;
  const earlier = input.earlier.filter((old) => old.totals.date === date && old.fetchedAt < input.snapshot.fetchedAt);
  const say: Context['say'] = (sentence) => {
    const texts = Object.fromEntries(LANGS.map((lang) => [lang, sentence(alertMessages(lang), formatsOf(lang))])) as Record<Lang, string>;
    return { text: texts[rules.lang], texts };
  };
  const context: Context = { ...input, earlier, say, hours: rules.businessHours };
  return rules.rules.flatMap((rule) => conditionsOf(rule, context));
}

function conditionsOf(rule: AlertRule, context: Context): Condition[] {
  switch (rule.kind) {
    case 'seller-silent':
      return silentSellers(rule, context);
    case 'problem-count':
      return problemCounts(rule, context);
    case 'below-typical':
      return belowTypical(rule, context);
    case 'seller-share':
      return sellerShares(rule, context);
  }
}

function silentSellers(rule: SellerSilentRule, context: Context): Condition[] {
  const { snapshot, earlier } = context;
  const now = snapshot.fetchedAt.getTime();
  const start = now - rule.minutes * 60_000;
  // Silence counts only inside business hours: the whole span must lie in them, on this day.
  if (!withinHours(context.hours, new Date(start), snapshot.totals.date) || !withinHours(context.hours, snapshot.fetchedAt, snapshot.totals.date)) return [];
  // A span that reaches back past what was seen starts at midnight, when every count was 0.
  const before = [...earlier].reverse().find((old) => old.fetchedAt.getTime() <= start)?.totals;
  // The others' arrivals are counted from the first snapshot inside the span: never more than arrived in it.
  const after = earlier.find((old) => old.fetchedAt.getTime() >= start)?.totals ?? snapshot.totals;
  const counts = leadsBySeller(snapshot.totals);
  const [beforeCounts, afterCounts] = [leadsBySeller(before), leadsBySeller(after)];
  const earlierCounts = earlier.map((old) => ({ at: old.fetchedAt.getTime(), counts: leadsBySeller(old.totals) }));
  const watched = rule.sellers ?? [...counts.keys()];
  return watched.flatMap((seller) => {
    const leads = counts.get(seller) ?? 0;
    if (leads !== (beforeCounts.get(seller) ?? 0)) return [];
    const others = totalOf(snapshot.totals) - leads - (totalOf(after) - (afterCounts.get(seller) ?? 0));
    if (others < rule.othersAtLeast || others === 0) return [];
    const since = earlierCounts.find((old) => (old.counts.get(seller) ?? 0) === leads)?.at ?? start;
    const silentMinutes = Math.round((now - Math.min(since, start)) / 6_000) / 10;
    const said = context.say((m, f) => m.sellerSilent(f, seller, rule.minutes, others));
    return [{ rule: rule.name, kind: rule.kind, seller, facet: '', value: silentMinutes, threshold: rule.minutes, ...said }];
  });
}

function problemCounts(rule: ProblemCountRule, context: Context): Condition[] {
  const now = problemCount(context.snapshot.totals, rule.problem);
  const conditions: Condition[] = [];
  const previous = context.earlier.at(-1);
  if (rule.increaseBy !== undefined && previous) {
    const increase = now - problemCount(previous.totals, rule.problem);
    if (increase >= rule.increaseBy) {
      conditions.push({ rule: rule.name, kind: rule.kind, facet: 'increase', value: increase, threshold: rule.increaseBy, ...context.say((m, f) => m.problemIncrease(f, m.problems[rule.problem], increase, now)) });
    }
  }
  const { above } = rule;
  if (above !== undefined && now > above) {
    conditions.push({ rule: rule.name, kind: rule.kind, facet: 'above', value: now, threshold: above, ...context.say((m, f) => m.problemAbove(f, m.problems[rule.problem], now, above)) });
  }
  return conditions;
}

function belowTypical(rule: BelowTypicalRule, context: Context): Condition[] {
  if (!context.typical) return [];
  const at = context.snapshot.fetchedAt;
  const expected = typicalAt(context.typical, at);
  const total = totalOf(context.snapshot.totals);
  // Under one lead expected (the night, the day's first minutes) no pace is judged.
  if (!(expected >= 1) || total >= (rule.percent / 100) * expected) return [];
  const value = Math.round((total / expected) * 1000) / 10;
  const said = context.say((m, f) => m.belowTypical(f, total, expected, at, rule.percent));
  return [{ rule: rule.name, kind: rule.kind, facet: '', value, threshold: rule.percent, ...said }];
}

function sellerShares(rule: SellerShareRule, context: Context): Condition[] {
  const total = totalOf(context.snapshot.totals);
  if (total < rule.minLeads) return [];
  const counts = leadsBySeller(context.snapshot.totals);
  return (rule.sellers ?? [...counts.keys()]).flatMap((seller) => {
    const leads = counts.get(seller) ?? 0;
    if ((leads / total) * 100 <= rule.percent) return [];
    const value = Math.round((leads / total) * 1000) / 10;
    return [{ rule: rule.name, kind: rule.kind, seller, facet: '', value, threshold: rule.percent, ...context.say((m, f) => m.sellerShare(f, seller, leads, total)) }];
  });
}

/** A user's leads by name (none before the day's first lead); two entries of one name (the API repeats none, but a bad answer might) add up. */
function leadsBySeller(totals: LeadTotals | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const user of totals?.users ?? []) counts.set(user.name, (counts.get(user.name) ?? 0) + user.totalLeads);
  return counts;
}

function totalOf(totals: LeadTotals): number {
  return totals.users.reduce((sum, user) => sum + user.totalLeads, 0);
}

function problemCount(totals: LeadTotals, problem: WatchedProblem): number {
  return problem === 'any' ? PROBLEMS.reduce((sum, each) => sum + totals.errors[each], 0) : totals.errors[problem];
}

/** True when `at` is on `date` in São Paulo and within business hours (both ends included). */
function withinHours(hours: DailyHours, at: Date, date: string): boolean {
  const clock = saoPauloClockOf(at);
  return clock.date === date && clock.msOfDay >= (msOfClockTime(hours.from) ?? 0) && clock.msOfDay <= (msOfClockTime(hours.to) ?? 0);
}
