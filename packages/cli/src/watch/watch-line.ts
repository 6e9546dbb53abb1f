import type { LeadErrorCounts, LeadTotals } from '@zen-leads/core';
import { formatSaoPauloDateTime } from '@zen-leads/core';
import type { Lang, TodaySnapshot } from '@zen-leads/history';
import type { CliMessages } from '../messages/index.js';
import { escapeControlCharacters } from '../output/control-characters.js';

/** One answer for today and when it was fetched. */
export type WatchSnapshot = TodaySnapshot;

/** What the line tells of an alert: its sentence, in the rules file's language and, when given, in each. */
export interface FiredAlert {
  readonly text: string;
  readonly texts?: Readonly<Partial<Record<Lang, string>>> | undefined;
}

const PROBLEMS: readonly (keyof LeadErrorCounts)[] = ['withError', 'ungrouped', 'contactLimitExceeded', 'duplicates'];

/** Today's total: every user's leads. */
export function totalLeadsOf(totals: LeadTotals): number {
  return totals.users.reduce((sum, user) => sum + user.totalLeads, 0);
}

/**
 * A window's line: `10:35  today 132 leads (+7 new) · with error 2 (+1) · ungrouped 0 · …`, then the
 * alerts that fired with it. The increase is shown only against an earlier snapshot of the same day:
 * the first line of a run has nothing to compare with. Alerts speak `lang` (the one --lang or the
 * locale asked for) when given, else the rules file's.
 */
export function watchLine(snapshot: WatchSnapshot, previous: WatchSnapshot | undefined, fired: readonly FiredAlert[], say: CliMessages['watch'], lang?: Lang): string {
  const time = formatSaoPauloDateTime(snapshot.fetchedAt).slice(11, 16);
  const total = totalLeadsOf(snapshot.totals);
  const before = previous?.totals.date === snapshot.totals.date ? previous : undefined;
  const fresh = before ? say.fresh(Math.max(0, total - totalLeadsOf(before.totals))) : '';
  const problems = PROBLEMS.map((problem) => {
    const count = snapshot.totals.errors[problem];
    const rose = before ? count - before.totals.errors[problem] : 0;
    return `${say.problems[problem] ?? problem} ${count}${rose > 0 ? say.rose(rose) : ''}`;
  }).join(' · ');
  // Alert texts quote seller names from the API: no control character reaches the terminal.
  const alerts = fired.length > 0 ? say.alerts(fired.length, fired.map((alert) => escapeControlCharacters((lang && alert.texts?.[lang]) || alert.text)).join(' | ')) : '';
  return say.line(time, total, fresh, problems, alerts);
}
