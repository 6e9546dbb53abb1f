#!/usr/bin/env node
/**
 * What keeping today fresh costs the token's window over a simulated business day, on a virtual
 * clock (the API's real 5-minute window, 08:00–20:00 São Paulo in well under a minute of real time):
 *
 *   share of windows   of the windows in the business day, how many carried today's refreshes
 *                      (each a snapshot), client days, history fill, and how many stayed idle.
 *   client wait        how long each client request waited for its answer (p50 / p95), with
 *                      keep-today-fresh 08:00–20:00 and without it, the same clients at the same
 *                      times: the ratio says whether snapshots made any client wait longer.
 *
 * The clients: a manager's dashboard looking at today each minute from 09:00 to 11:00 and 14:00
 * to 16:00, an n8n flow reading today every 30 minutes, and 60 requests for past days at seeded
 * random times, each held for its answer (Prefer: wait) and asking again at a 429's Retry-After.
 * The history fills the last 20 days.
 *
 *   pnpm build && node bench/intraday-windows.mjs        writes bench/results/intraday-windows.md
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryStore, addDays, todayInSaoPaulo } from '@zen-leads/core';
import { openHistory } from '@zen-leads/history';
import { createSimulator } from '@zen-leads/simulator';
import { createGateway } from '../packages/gateway/dist/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const HOUR_MS = 3_600_000;
const WINDOW_MS = 300_000;
const TOKEN = 'bench-intraday-token-7f3b2c9d4e5a6b1c';
const KEY = 'bench-intraday-client-key-0a9b8c7d';
/** Requests for past days through the day: enough for a p95 that is not one request's luck. */
const PAST_DAY_ASKS = 60;
const DAY = addDays(todayInSaoPaulo(), -1);
/** 08:00 and 20:00 São Paulo (−03:00) of the simulated day. */
const OPEN = Date.parse(`${DAY}T08:00:00-03:00`);
const CLOSE = Date.parse(`${DAY}T20:00:00-03:00`);

/** Time that moves only when told; each step lets the work it wakes run (a few real turns). */
function virtualClock(start) {
  let now = start;
  const timers = new Set();
  // Enough real turns for a request's whole path (WebCrypto digests, stream reads) before time moves.
  const settle = () => new Promise((resolve) => setTimeout(resolve, 3));
  return {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = { at: now + Math.max(0, ms), fire: resolve };
        timers.add(timer);
        signal?.addEventListener('abort', () => timers.delete(timer) && reject(signal.reason), { once: true });
      }),
    async advanceTo(end) {
      for (;;) {
        for (let i = 0; i < 6; i++) await settle();
        const due = [...timers].filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        now = Math.max(now, due.at);
        timers.delete(due);
        due.fire();
      }
      now = Math.max(now, end);
      await settle();
    },
  };
}

/** A small seeded generator (mulberry32): the same clients at the same times in both runs. */
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Every client request of the day: when, which day, and who asks. */
function workload() {
  const asks = [];
  for (const [from, to] of [[9, 11], [14, 16]]) for (let at = OPEN + (from - 8) * HOUR_MS; at < OPEN + (to - 8) * HOUR_MS; at += 60_000) asks.push({ at, date: DAY, who: 'dashboard' });
  for (let at = OPEN + 15 * 60_000; at < CLOSE; at += 30 * 60_000) asks.push({ at, date: DAY, who: 'n8n' });
  const random = seeded(23);
  for (let index = 0; index < PAST_DAY_ASKS; index++) asks.push({ at: OPEN + Math.floor(random() * (CLOSE - OPEN - HOUR_MS)), date: addDays(DAY, -(40 + Math.floor(random() * 200))), who: 'past-day' });
  return asks.sort((a, b) => a.at - b.at);
}

/** A client as the core is one: held for its day (Prefer: wait), and on a 429 asks again at its Retry-After. */
async function askUntilAnswered(gateway, clock, date) {
  for (let asks = 1; ; asks++) {
    const response = await gateway(new Request(`http://gateway.bench/v1/totals/${date}`, { headers: { authorization: `Bearer ${KEY}`, prefer: 'wait=600' } }));
    await response.arrayBuffer();
    if (response.status === 200) return asks;
    if (response.status !== 429) throw new Error(`${date}: ${response.status}`);
    await clock.sleep(Math.max(1, Number(response.headers.get('retry-after'))) * 1000);
  }
}

async function run(keepTodayFresh) {
  const clock = virtualClock(OPEN - 30 * 60_000);
  const simulator = createSimulator({ tokens: [TOKEN], windowMs: WINDOW_MS, now: clock.now });
  const folder = mkdtempSync(join(tmpdir(), 'zen-bench-intraday-'));
  const history = await openHistory(join(folder, 'leads.ndjson'));
  const gateway = createGateway({
    url: 'http://127.0.0.1:1/api/totais_lead',
    allowInsecureHttp: true,
    token: TOKEN,
    clientKeys: [KEY],
    store: new MemoryStore({ now: clock.now }),
    fetch: (input, init) => simulator.handler(new Request(input, init)),
    clock,
    keepTodayFresh,
    history,
    fillFrom: addDays(DAY, -20),
  });
  const waits = [];
  const pending = [];
  for (const ask of workload()) {
    await clock.advanceTo(ask.at);
    const started = clock.now();
    pending.push(askUntilAnswered(gateway, clock, ask.date).then((asks) => waits.push({ who: ask.who, asks, ms: clock.now() - started })));
  }
  for (let at = clock.now(); at <= CLOSE + WINDOW_MS; at += 30_000) await clock.advanceTo(at);
  await Promise.all(pending);
  await gateway.close();
  await history.close();
  rmSync(folder, { recursive: true, force: true });
  const inDay = simulator.log.filter((entry) => entry.at >= OPEN && entry.at < CLOSE);
  const clientDays = new Set(workload().filter((ask) => ask.who === 'past-day').map((ask) => ask.date));
  const windows = (CLOSE - OPEN) / (WINDOW_MS + 1_000);
  const count = (test) => inDay.filter(test).length;
  const share = { today: count((entry) => entry.date === DAY), clients: count((entry) => clientDays.has(entry.date)), fill: count((entry) => entry.date !== DAY && !clientDays.has(entry.date)) };
  return { share: { ...share, idle: Math.max(0, windows - share.today - share.clients - share.fill) }, windows, refused: count((entry) => entry.status !== 200), waits };
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

const withFresh = await run({ from: '08:00', to: '20:00' });
const without = await run(false);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const ratio = (a, b) => (b === 0 ? (a === 0 ? '1.00×' : '∞') : `${(a / b).toFixed(2)}×`);
const waitRow = (label, filter) => {
  const a = withFresh.waits.filter(filter).map((wait) => wait.ms);
  const b = without.waits.filter(filter).map((wait) => wait.ms);
  return `| ${label} | ${a.length} | ${seconds(percentile(a, 50))} / ${seconds(percentile(a, 95))} | ${seconds(percentile(b, 50))} / ${seconds(percentile(b, 95))} | **${ratio(percentile(a, 50), percentile(b, 50))}** / **${ratio(percentile(a, 95), percentile(b, 95))}** |`;
};
const shareRow = (label, result) => {
  const pct = (n) => `${n.toFixed(0)} (${((n / result.windows) * 100).toFixed(0)} %)`;
  return `| ${label} | ${result.windows.toFixed(0)} | ${pct(result.share.today)} | ${pct(result.share.clients)} | ${pct(result.share.fill)} | ${pct(result.share.idle)} | ${result.refused} |`;
};
const markdown = `# Intraday windows: what keeping today fresh costs

Produced by \`node bench/intraday-windows.mjs\` on ${new Date().toISOString().slice(0, 10)} (${process.platform}/${process.arch}, Node ${process.versions.node}).
A simulated business day (08:00–20:00 São Paulo) on a virtual clock, the API's real 5-minute
window: the gateway in process, the simulator behind it, the history filling its last 20 days.
Clients: a dashboard looking at today each minute 09:00–11:00 and 14:00–16:00, an n8n flow
reading today every 30 minutes, and ${PAST_DAY_ASKS} requests for past days at seeded random times, each
held for its answer (Prefer: wait) and asking again at a 429's Retry-After, as the core does.
Both runs serve the same clients at the same times.

## Share of the day's windows

| keep-today-fresh | windows | today (snapshots) | client days | history fill | idle | refused (429) |
| --- | --- | --- | --- | --- | --- | --- |
${shareRow('08:00–20:00', withFresh)}
${shareRow('off', without)}

## Clients' wait, p50 / p95

| clients | requests | with keep-today-fresh | without | ratio (with ÷ without) |
| --- | --- | --- | --- | --- |
${waitRow('all', () => true)}
${waitRow('reading today', (wait) => wait.who !== 'past-day')}
${waitRow('past days', (wait) => wait.who === 'past-day')}

Keep-today-fresh takes only windows no client queued for (the core's fail mode): a client's day
never waits behind a snapshot. It does take the windows the history fill would have used in
business hours (today comes first in an idle window), so with it on the fill runs in the evening
and at night; without it, nobody looking at today leaves those windows to the fill or idle.
`;
console.log(markdown);
console.log(JSON.stringify({ with: { ...withFresh, waits: undefined }, without: { ...without, waits: undefined } }));
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'intraday-windows.md'), markdown);
