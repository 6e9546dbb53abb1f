/**
 * How many leads a typical day has by a São Paulo time, from its curve of cumulative totals at the
 * end of each hour. (Written here until `@zen-leads/history` exports its `typicalAt`; then this
 * file goes and the evaluation imports the history's.)
 */
import { formatSaoPauloDateTime } from '@zen-leads/core';

/** The cumulative total expected by `at`: linear inside the hour, from the previous hour's end (0 at midnight). */
export function typicalAt(curve: readonly number[], at: Date): number {
  const [hours, minutes, seconds] = formatSaoPauloDateTime(at).slice(11, 19).split(':').map(Number) as [number, number, number];
  const before = hours === 0 ? 0 : (curve[hours - 1] ?? 0);
  const end = curve[hours] ?? before;
  return before + ((end - before) * (minutes * 60 + seconds)) / 3600;
}
