import type { Formats } from '@zen-leads/history';
import type { WatchedProblem } from '../alert-rules.js';

const PROBLEMS_EN: Record<WatchedProblem, string> = {
  withError: 'leads with an error',
  ungrouped: 'ungrouped leads',
  contactLimitExceeded: 'leads over the contact limit',
  duplicates: 'duplicate leads',
  any: 'problem leads',
};

/**
 * The alerts' English sentences. Every language's catalog is typed as {@link AlertMessages}, so a
 * key missing in one of them fails the typecheck.
 */
export const en = {
  problems: PROBLEMS_EN as Readonly<Record<WatchedProblem, string>>,
  sellerSilent: (f: Formats, seller: string, minutes: number, others: number): string =>
    `${seller} has received no new leads in ${minutesOf(f, minutes)} ${f.plural(minutes, { one: 'minute', other: 'minutes' })}, while the other sellers received ${f.count(others)}.`,
  problemIncrease: (f: Formats, problems: string, increase: number, now: number): string =>
    `${capital(problems)} went up by ${f.count(increase)} since the last update, to ${f.count(now)} today.`,
  problemAbove: (f: Formats, problems: string, now: number, above: number): string => `${capital(problems)} today: ${f.count(now)}, above the limit of ${f.count(above)}.`,
  belowTypical: (f: Formats, total: number, expected: number, at: Date, percent: number): string =>
    `Today has ${f.count(total)} ${f.plural(total, { one: 'lead', other: 'leads' })} by ${f.time(at)}, ${f.share(total / expected)} of the usual ${f.count(expected)} (the alert is below ${f.decimal(percent)}%).`,
  sellerShare: (f: Formats, seller: string, leads: number, total: number): string =>
    `${seller} has received ${f.share(leads / total)} of today’s leads (${f.count(leads)} of ${f.count(total)}).`,
};

/** A list's first word capitalised, as a sentence starts. */
export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Minutes as written in a rule: whole ones plain, fractions (tests use them) with a decimal. */
export function minutesOf(f: Formats, minutes: number): string {
  return Number.isInteger(minutes) ? f.count(minutes) : f.decimal(minutes);
}

export type AlertMessages = typeof en;
