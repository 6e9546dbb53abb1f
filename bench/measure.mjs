/** Timing helpers: contenders run interleaved, round by round, so drift hits them alike. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs each contender once per round, in rotating order; returns the median ms per contender. */
export async function interleaved(contenders, { warmup, rounds }) {
  const names = Object.keys(contenders);
  for (let i = 0; i < warmup; i++) for (const name of names) await contenders[name]();
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length];
      const started = performance.now();
      await contenders[name]();
      samples[name].push(performance.now() - started);
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(samples[name])]));
}
