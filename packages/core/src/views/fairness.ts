/** How evenly leads went to users. */
export interface Fairness {
  /** The top user's share of all leads, 0–1 (0 when there are none). */
  topShare: number;
  minLeads: number;
  maxLeads: number;
  /** The Gini coefficient of leads per user: 0 perfectly even, → 1 all to one user. */
  gini: number;
}

/**
 * Fairness of a distribution. Gini uses the sorted-values form
 * G = Σ (2i − n − 1)·xᵢ / (n·Σx) for i = 1…n over ascending x, which equals the mean absolute
 * difference over twice the mean.
 */
export function fairnessOf(counts: readonly number[]): Fairness {
  if (counts.length === 0) return { topShare: 0, minLeads: 0, maxLeads: 0, gini: 0 };
  const sorted = [...counts].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  const minLeads = sorted[0] ?? 0;
  const maxLeads = sorted[sorted.length - 1] ?? 0;
  if (total === 0) return { topShare: 0, minLeads, maxLeads, gini: 0 };
  const n = sorted.length;
  let weighted = 0;
  sorted.forEach((value, index) => (weighted += (2 * (index + 1) - n - 1) * value));
  return { topShare: maxLeads / total, minLeads, maxLeads, gini: weighted / (n * total) };
}
