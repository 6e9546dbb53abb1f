/**
 * One OS process of the window-utilisation benchmark: asks for its days at once through
 * @zen-leads/core with the store it is given, and prints one JSON line per answer. Plain
 * JavaScript, so Node, Bun and Deno run it as is.
 *
 * Environment: ZEN_TOKEN; ZEN_BENCH_WORKER = JSON { url, dates, windowMs, marginMs,
 * store: { kind: 'file', dir } | { kind: 'redis', url, keyPrefix } }.
 * Prints {"ready":true}, waits for a line on stdin, then {"date","at","fromCache"} per day.
 */
import process from 'node:process';
import { createZenClient } from '@zen-leads/core';
import { FileStore } from '@zen-leads/core/file-store';
import { RedisStore } from '@zen-leads/redis';

const config = JSON.parse(process.env.ZEN_BENCH_WORKER ?? '{}');
const store = config.store.kind === 'redis' ? new RedisStore({ url: config.store.url, keyPrefix: config.store.keyPrefix }) : new FileStore({ dir: config.store.dir });
const client = createZenClient({
  url: config.url,
  token: process.env.ZEN_TOKEN ?? '',
  store,
  minIntervalMs: config.windowMs,
  windowMarginMs: config.marginMs,
  maxWaitMs: 600_000,
  retries: 0,
});
await store.get('warm-up');
process.stdout.write('{"ready":true}\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.pause();
await Promise.all(
  config.dates.map(async (date) => {
    const result = await client.getTotalsResult(date);
    process.stdout.write(`${JSON.stringify({ date, at: Date.now(), fromCache: result.fromCache })}\n`);
  }),
);
await store.close?.();
process.exit(0);
