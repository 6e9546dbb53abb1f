import type { Formats } from './locale.js';
import type { ReportMessages } from './messages/index.js';

/**
 * Below this Gini coefficient a day's (or period's) distribution reads as even. 0.2 is about a
 * team where the busiest seller gets half again the quietest one's leads; above it, a manager
 * would want to look.
 */
export const EVEN_GINI = 0.2;

/** Fairness in words for a manager: "Even"/"Uneven" and a line with the top user's share and the Gini behind it. */
export function fairnessInWords(messages: ReportMessages, formats: Formats, fairness: { gini: number; topShare: number }): { verdict: string; detail: string } {
  return {
    verdict: fairness.gini <= EVEN_GINI ? messages.fairnessEven : messages.fairnessUneven,
    detail: messages.fairnessDetail(formats, fairness.topShare, fairness.gini),
  };
}
