import { HOUR_MS } from './clock-time.js';

/**
 * Relative lead arrivals per São Paulo hour (0h..23h): quiet nights, a busy morning, a dip at
 * lunch, a busy afternoon and a tail into the evening, the shape web forms and ads give a sales team.
 */
export const HOURLY_ARRIVAL_WEIGHTS: readonly number[] = [
  0.4, 0.25, 0.15, 0.1, 0.1, 0.2, 0.5, 1.2, 3, 5.5, 7, 7, 5, 5.5, 7, 7.5, 7, 6, 4.5, 3.5, 3, 2.2, 1.4, 0.8,
];

const CUMULATIVE = HOURLY_ARRIVAL_WEIGHTS.reduce<number[]>((sums, weight) => [...sums, (sums.at(-1) ?? 0) + weight], []);
const TOTAL_WEIGHT = CUMULATIVE.at(-1) ?? 1;

/**
 * The arrival time (ms since midnight) a uniform draw `u` in [0, 1) stands for: the curve's
 * inverse distribution, uniform inside each hour.
 */
export function arrivalMsOf(u: number): number {
  const target = u * TOTAL_WEIGHT;
  const hour = Math.max(0, CUMULATIVE.findIndex((sum) => sum > target));
  const before = CUMULATIVE[hour - 1] ?? 0;
  const weight = HOURLY_ARRIVAL_WEIGHTS[hour] ?? 1;
  return Math.floor((hour + (target - before) / weight) * HOUR_MS);
}
