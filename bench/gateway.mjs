#!/usr/bin/env node
/**
 * The gateway's benchmarks, each measured against a baseline or the physical limit in the same run:
 *
 *   4a/4b  cached answers at 200 concurrent connections (autocannon): the gateway serving one
 *          cached closed day on /api/totais_lead, against a bare node:http server returning the
 *          same bytes. Ratios of throughput (goal ≥ 0.5×) and of p99 latency (goal ≤ 2×). Each
 *          server runs in a process of its own; rounds alternate between them.
 *   4c     upstream requests per window under client load: clients queue distinct days with
 *          `Prefer: wait` on a `zen-leads serve` while 200 connections keep reading a cached day;
 *          requests ÷ windows elapsed, against the physical limit 1.0.
 *
 *   node bench/gateway.mjs                 (pnpm bench runs it after run.mjs; writes its section
 *                                          of bench/RESULTS.md, "## Gateway", in place)
 *   node bench/gateway.mjs --quick --no-write   (smoke: short runs, nothing written)
 *
 * Not part of the test suite: timings on a shared 2-core machine are noisy.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { median } from './measure.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(benchDir, '..');
const quick = process.argv.includes('--quick');
const write = !process.argv.includes('--no-write');
const log = (...parts) => console.log(...parts);

const built = spawnSync(join(repoRoot, 'node_modules', '.bin', 'turbo'), ['run', 'build', '--output-logs=errors-only', '--filter=@zen-leads/cli...'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
if (built.status !== 0) process.exit(1);
// Imported after the build above, by name: this folder is the workspace package @zen-leads/bench.
const core = await import('@zen-leads/core');
const { WINDOW_MARGIN_MS } = await import('@zen-leads/core/internal');
const { createSimulator } = await import('@zen-leads/simulator');
const { serve } = await import('@zen-leads/simulator/node');

/** Spawns a process and resolves with it and the first JSON line it prints. */
function spawnJson(args, env = process.env, pattern = /^\{.*\}$/m) {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      const line = pattern.exec(out)?.[0];
      if (line) resolve({ child, line });
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before it was ready`)));
  });
}

function load(target, seconds) {
  return autocannon({ url: `${target.url}${target.path}`, connections: 200, duration: seconds, headers: target.headers });
}

// (4a, 4b) Cached answers: the gateway against bare node:http with the same bytes.
async function cachedAnswers() {
  const day = core.addDays(core.todayInSaoPaulo(), -5);
  const contenders = {};
  for (const mode of ['gateway', 'bare']) {
    const { child, line } = await spawnJson([join(benchDir, 'gateway-bench-server.mjs'), mode, day]);
    contenders[mode] = { child, target: JSON.parse(line), rps: [], p99: [], failures: 0 };
  }
  // Short alternating rounds: drift on a shared machine hits both contenders alike.
  const rounds = quick ? 1 : 5;
  const seconds = quick ? 3 : 6;
  try {
    for (const mode of ['gateway', 'bare']) await load(contenders[mode].target, quick ? 1 : 2); // warm-up
    for (let round = 0; round < rounds; round++) {
      for (const mode of round % 2 ? ['bare', 'gateway'] : ['gateway', 'bare']) {
        const result = await load(contenders[mode].target, seconds);
        contenders[mode].rps.push(result.requests.average);
        contenders[mode].p99.push(result.latency.p99);
        contenders[mode].failures += result.non2xx + result.errors + result.timeouts;
        log(`  ${mode}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms`);
      }
    }
  } finally {
    for (const { child } of Object.values(contenders)) child.kill();
  }
  const summary = (mode) => ({ rps: median(contenders[mode].rps), p99: median(contenders[mode].p99), failures: contenders[mode].failures });
  const gateway = summary('gateway');
  const bare = summary('bare');
  return { bytes: contenders.gateway.target.bytes, rounds, seconds, gateway, bare, throughputRatio: gateway.rps / bare.rps, p99Ratio: gateway.p99 / bare.p99 };
}

// (4c) Requests per window while clients queue days and others hammer a cached one.
async function requestsPerWindow() {
  const windowMs = quick ? 1_000 : 3_000;
  const windowIntervalMs = windowMs + WINDOW_MARGIN_MS;
  const dayCount = quick ? 4 : 12;
  const TOKEN = 'bench-window-token-51aa';
  const KEY = 'bench-window-client-key-90c2d4';
  // Two clients share the days: one key may have 8 days queued at a time.
  const KEYS = [KEY, 'bench-window-client-key-b71e05'];
  const simulator = createSimulator({ tokens: [TOKEN], windowMs });
  const upstream = await serve(simulator);
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ZEN_URL: upstream.url, ZEN_TOKEN: TOKEN, ZEN_GATEWAY_KEYS: KEYS.join(',') };
  const args = [join(repoRoot, 'packages/cli/dist/bin.js'), 'serve', '--port', '0', '--store', 'memory:', '--min-interval', `${windowMs}ms`, '--client-rate', '1000000/1s'];
  const { child, line } = await spawnJson(args, env, /listening on (http:\/\/\S+) /);
  const url = /listening on (http:\/\/\S+) /.exec(line)[1];
  try {
    const today = core.todayInSaoPaulo();
    const cachedDay = core.addDays(today, -1);
    const ask = (day, key = KEY) => fetch(`${url}/api/totais_lead?data=${day}`, { headers: { token: key, prefer: 'wait=600' } }).then((response) => response.status);
    if ((await ask(cachedDay)) !== 200) throw new Error('the cached day did not arrive');
    const hammer = autocannon({ url: `${url}/api/totais_lead?data=${cachedDay}`, connections: 200, duration: 3_600, headers: { token: KEY } });
    const days = Array.from({ length: dayCount }, (_, index) => core.addDays(today, -2 - index));
    const statuses = await Promise.all(days.map((day, index) => ask(day, KEYS[index % KEYS.length])));
    hammer.stop();
    const loadResult = await hammer;
    const sent = simulator.log.filter((entry) => days.includes(entry.date) || entry.date === cachedDay);
    const spanMs = sent.at(-1).at - sent[0].at;
    return {
      windowMs,
      windowIntervalMs,
      days: dayCount,
      requests: sent.length,
      upstream429: simulator.log.filter((entry) => entry.status === 429).length,
      clientFailures: statuses.filter((status) => status !== 200).length,
      perWindowInterval: sent.length / (spanMs / windowIntervalMs + 1),
      perApiWindow: sent.length / (spanMs / windowMs + 1),
      apiCeiling: windowMs / windowIntervalMs,
      loadRps: loadResult.requests.average,
      loadP99: loadResult.latency.p99,
    };
  } finally {
    child.kill('SIGTERM');
    await upstream.close();
  }
}

log('gateway bench: cached answers, 200 connections');
const cached = await cachedAnswers();
log('gateway bench: requests per window under client load');
const windows = await requestsPerWindow();

const verdict = (ok, goal) => (ok ? `✅ ${goal}` : `❌ not ${goal}`);
const markdown = `## Gateway

\`node bench/gateway.mjs\` (run by \`pnpm bench\`) on ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}. 4a/4b: autocannon, 200 connections,
${cached.rounds} rounds × ${cached.seconds} s per contender, alternating, medians; each server in its own process; the
answer is one cached closed day (${(cached.bytes / 1024).toFixed(1)} kB) on \`/api/totais_lead\` with a client key.
4c: \`zen-leads serve --store memory:\` in front of the simulator with a ${windows.windowMs / 1000} s window; clients queue
${windows.days} distinct days with \`Prefer: wait\` while 200 connections keep reading a cached day.

| # | what | baseline | contender | ratio | goal |
| --- | --- | --- | --- | --- | --- |
| 4a | cached answers per second | bare \`node:http\`, same bytes: ${Math.round(cached.bare.rps)} req/s | gateway: ${Math.round(cached.gateway.rps)} req/s | **${cached.throughputRatio.toFixed(2)}×** | ${verdict(cached.throughputRatio >= 0.5, '≥ 0.5×')} |
| 4b | p99 latency of those answers | bare: ${cached.bare.p99} ms | gateway: ${cached.gateway.p99} ms | **${cached.p99Ratio.toFixed(2)}×** | ${verdict(cached.p99Ratio <= 2, '≤ 2×')} |
| 4c | upstream requests per window under client load | physical limit 1.0 | ${windows.requests} requests (${windows.upstream429} × 429) | **${windows.perWindowInterval.toFixed(3)}** | reported |

Notes: failed answers during 4a/4b: gateway ${cached.gateway.failures}, bare ${cached.bare.failures}. In 4c the window is the
window's interval (${windows.windowMs / 1000} s + the core's 1 s safety margin); per the API's own ${windows.windowMs / 1000} s window it is
${windows.perApiWindow.toFixed(3)} of a ceiling of ${windows.apiCeiling.toFixed(3)} that the margin sets (with the real 5-minute window the
margin costs 0.3 %: ceiling 0.997). Clients not served 200: ${windows.clientFailures}. The cached-day load meanwhile: ${Math.round(windows.loadRps)} req/s,
p99 ${windows.loadP99} ms.
`;
console.log(`\n${markdown}`);
if (write) {
  // run.mjs rewrites RESULTS.md from the top; this section is replaced (or added) on its own.
  const file = join(benchDir, 'RESULTS.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf('\n## Gateway\n');
  const next = start === -1 ? -1 : current.indexOf('\n## ', start + 1);
  const before = `${(start === -1 ? current : current.slice(0, start)).trimEnd()}\n`;
  const after = next === -1 ? '' : current.slice(next);
  writeFileSync(file, `${before}\n${markdown}${after}`);
  console.log('written: the gateway section of bench/RESULTS.md');
}
