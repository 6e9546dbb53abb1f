/** A linear axis from 0 to a round maximum, with about `count` round ticks (1, 2 or 5 × 10ⁿ apart). */
export interface Axis {
  max: number;
  ticks: number[];
}

export function niceAxis(maxValue: number, count = 5): Axis {
  if (!(maxValue > 0)) return { max: 1, ticks: [0, 1] };
  const rough = maxValue / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude);
  const max = Math.ceil(maxValue / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let tick = 0; tick <= max + step / 2; tick += step) ticks.push(Math.round(tick * 1e6) / 1e6);
  return { max, ticks };
}

/** Which of `count` x labels to print so that at most `room` appear, evenly spread, always the first. */
export function labelStride(count: number, room: number): number {
  return Math.max(1, Math.ceil(count / Math.max(1, room)));
}
