/**
 * What an alert rules file says, as the engine reads it. The file's schema (zod) is in
 * `rules-schema.ts`; reading and error positions in `parse-alert-rules.ts`.
 */

import type { DailyHours } from '@zen-leads/core';
import type { Lang } from '@zen-leads/history';

export const PROBLEMS = ['withError', 'ungrouped', 'contactLimitExceeded', 'duplicates'] as const;
export type Problem = (typeof PROBLEMS)[number];
/** A problem count a rule watches; `any` is their sum. */
export type WatchedProblem = Problem | 'any';

interface RuleBase {
  /** Unique in the file; default: kind and 1-based position, e.g. `seller-silent-1`. */
  readonly name: string;
}

/** A seller with no new leads for `minutes` (inside business hours) while the others together received ≥ `othersAtLeast`. */
export interface SellerSilentRule extends RuleBase {
  readonly kind: 'seller-silent';
  readonly minutes: number;
  readonly othersAtLeast: number;
  /** Only these sellers (names as the CRM shows them); every seller when absent. */
  readonly sellers?: readonly string[];
}

/** A problem count up by ≥ `increaseBy` since the last snapshot, and/or above `above` for the day (at least one is set). */
export interface ProblemCountRule extends RuleBase {
  readonly kind: 'problem-count';
  readonly problem: WatchedProblem;
  readonly increaseBy?: number;
  readonly above?: number;
}

/** Today's total below `percent` % of the typical curve at this time. */
export interface BelowTypicalRule extends RuleBase {
  readonly kind: 'below-typical';
  readonly percent: number;
}

/** A seller's share of the day's leads above `percent` %, once the day has `minLeads`. */
export interface SellerShareRule extends RuleBase {
  readonly kind: 'seller-share';
  readonly percent: number;
  readonly minLeads: number;
  readonly sellers?: readonly string[];
}

export type AlertRule = SellerSilentRule | ProblemCountRule | BelowTypicalRule | SellerShareRule;

export interface AlertWebhook {
  readonly url: string;
  /** Plain http to a host other than this machine, allowed on purpose (the URL travels unencrypted). */
  readonly allowHttp: boolean;
}

/** A validated rules file. */
export interface AlertRules {
  /** The language of the alerts' texts; default pt-BR. */
  readonly lang: Lang;
  /** Default 08:00–20:00 (São Paulo). */
  readonly businessHours: DailyHours;
  readonly webhooks: readonly AlertWebhook[];
  readonly rules: readonly AlertRule[];
}
