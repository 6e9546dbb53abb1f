import { API_WINDOW_MS } from './simulated-api.js';
import { UPSTREAM_TOKEN, type AskRecord, type GatewayResult } from './gateway-world.js';

/** One broken gateway invariant. */
export interface GatewayViolation {
  invariant: string;
  detail: string;
  /** The client request it is about, if any. */
  ask?: number;
}

/** A client without Prefer whose day was not on its way upstream is answered within this (virtual). */
export const AT_ONCE_MS = 1_000;
/** Slack on the bounds that include an upstream request (its jitter, the core's 1 s margin). */
const SLACK_MS = 2_000;
/** How long the gateway remembers a refusal (README: "for 60 s"). */
const REFUSAL_MEMORY_MS = 60_000;
/** The idle scheduler's wakes: "a few per window at most", plus one per poke. */
const WAKEUPS_PER_WINDOW = 8;
/** The README's fairness bound: another key's day moves back "by a window or two" (gw-a's round-robin): one flooding day on its way, one per turn. */
const FAIR_SLACK_DAYS = 2;

const s = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;

/** Was an upstream request for `date` on its way at some point in [from, to]? */
function inFlight(result: GatewayResult, date: string, from: number, to: number, replica?: number): boolean {
  return result.sends.some((send) => send.date === date && (replica === undefined || send.replica === replica) && send.sentAt <= to && (send.endAt ?? Number.POSITIVE_INFINITY) >= from);
}

/** 1: no two requests of the gateway's counted in one API window. */
function noSelfCaused429(result: GatewayResult): GatewayViolation[] {
  return result.arrivals
    .filter((a) => a.source === 'ours' && a.status === 429 && a.windowOpenedBy?.source === 'ours')
    .map((a) => ({ invariant: '1 no self-caused 429', detail: `#${a.id} (${a.date}) arrived ${s(a.at - (a.windowOpenedBy?.at ?? 0))} after our #${a.windowOpenedBy?.id} opened the window` }));
}

/** 2: every client request is answered by its bound; nothing hangs. */
function answeredInBound(result: GatewayResult): GatewayViolation[] {
  const { timeoutMs } = result.scenario;
  const out: GatewayViolation[] = [];
  for (const ask of result.asks) {
    if (ask.endAt === undefined) {
      out.push({ invariant: '2 answered in bound', detail: `c${ask.id} (${ask.date}, ${ask.waitS === undefined ? 'no Prefer' : `wait=${ask.waitS}`}) never answered`, ask: ask.id });
      continue;
    }
    const took = ask.endAt - ask.at;
    const upstream = inFlight(result, ask.date, ask.at, ask.endAt);
    const bound = ask.waitS === undefined ? (upstream ? timeoutMs + SLACK_MS : AT_ONCE_MS) : ask.waitS * 1000 + timeoutMs + SLACK_MS;
    if (took > bound) out.push({ invariant: '2 answered in bound', detail: `c${ask.id} (${ask.date}, ${ask.waitS === undefined ? 'no Prefer' : `wait=${ask.waitS}`}) answered ${ask.status} after ${s(took)} > ${s(bound)}`, ask: ask.id });
  }
  return out;
}

/** 3: after close() starts, nothing new upstream, held clients answered at once, close within timeout + 2 s. */
function boundedShutdown(result: GatewayResult): GatewayViolation[] {
  const close = result.close;
  if (!close) return [];
  const { timeoutMs } = result.scenario;
  const out: GatewayViolation[] = [];
  const name = '3 bounded shutdown';
  for (const send of result.sends.filter((x) => x.replica === close.replica && x.sentAt >= close.startedAt)) {
    out.push({ invariant: name, detail: `r${close.replica} sent ${send.date} upstream ${s(send.sentAt - close.startedAt)} after close() started` });
  }
  if (close.endedAt === undefined) out.push({ invariant: name, detail: 'close() never resolved' });
  else if (close.endedAt - close.startedAt > timeoutMs + 2_000) out.push({ invariant: name, detail: `close() took ${s(close.endedAt - close.startedAt)} > timeout + 2 s` });
  const held = result.asks.filter((ask) => ask.replica === close.replica && ask.at <= close.startedAt && (ask.endAt ?? Number.POSITIVE_INFINITY) > close.startedAt);
  for (const ask of held) {
    const bound = inFlight(result, ask.date, close.startedAt, close.startedAt, close.replica) ? timeoutMs + SLACK_MS : AT_ONCE_MS;
    const took = (ask.endAt ?? Number.POSITIVE_INFINITY) - close.startedAt;
    if (took > bound) out.push({ invariant: name, detail: `c${ask.id} (${ask.date}) held at close() answered ${ask.status ?? 'never'} ${s(took)} after it > ${s(bound)}`, ask: ask.id });
  }
  return out;
}

/** 4: the idle scheduler wakes a bounded number of times, its log lines and metric equal its fetches, and no snapshot cost a request. */
function boundedIdleWork(result: GatewayResult): GatewayViolation[] {
  const out: GatewayViolation[] = [];
  const windows = Math.max(1, (result.endedAt - result.scenario.start) / API_WINDOW_MS);
  const todayFetched = result.arrivals.filter((a) => a.source === 'ours' && a.status === 200 && a.date === '2026-11-24').length;
  let lines = 0;
  for (const [replica, report] of result.replicas.entries()) {
    lines += report.idleTodayLines;
    if (!(report.idleWakeups <= WAKEUPS_PER_WINDOW * windows + 10)) out.push({ invariant: '4 bounded idle work', detail: `r${replica} woke ${report.idleWakeups} times in ${windows.toFixed(1)} windows` });
    if (report.idleTodayLines !== report.idleTodayFetches) out.push({ invariant: '4 bounded idle work', detail: `r${replica} logged ${report.idleTodayLines} idle refreshes, its metric says ${report.idleTodayFetches}` });
    // Snapshots ride on today's answers: never more of them than answers today's upstream requests brought.
    if (!(report.snapshots <= todayFetched)) out.push({ invariant: '4 bounded idle work', detail: `r${replica} stored ${report.snapshots} snapshots of today from ${todayFetched} upstream 200s: a snapshot cost a window` });
  }
  if (lines > todayFetched) out.push({ invariant: '4 bounded idle work', detail: `${lines} idle refreshes logged for ${todayFetched} upstream 200s of today` });
  return out;
}

/** 5: after a 401, at most one upstream request per refusal memory, and clients get 502, never 401. */
function refusalRemembered(result: GatewayResult): GatewayViolation[] {
  const out: GatewayViolation[] = [];
  const ours = result.arrivals.filter((a) => a.source === 'ours');
  for (const refused of ours.filter((a) => a.status === 401)) {
    const again = ours.find((a) => a.at > refused.at && a.at < refused.at + REFUSAL_MEMORY_MS);
    if (again) out.push({ invariant: '5 refusal remembered', detail: `#${again.id} sent ${s(again.at - refused.at)} after the 401 #${refused.id}` });
    const during = result.asks.filter((ask) => ask.at > refused.at + SLACK_MS && ask.at < refused.at + REFUSAL_MEMORY_MS - SLACK_MS);
    for (const ask of during) {
      if (![200, 502, 503].includes(ask.status ?? 0)) out.push({ invariant: '5 refusal remembered', detail: `c${ask.id} asked ${s(ask.at - refused.at)} after the 401, answered ${ask.status} (502 expected)` });
    }
  }
  for (const ask of result.asks.filter((x) => x.status === 401)) out.push({ invariant: '5 refusal remembered', detail: `c${ask.id} was answered 401 (blames the client's key)` });
  return out;
}

/** 6: while a key floods, another key's new day is sent upstream after at most a few other days. */
function fairBetweenKeys(result: GatewayResult): GatewayViolation[] {
  const flood = result.scenario.flood;
  if (!flood) return [];
  const out: GatewayViolation[] = [];
  const ours = result.arrivals.filter((a) => a.source === 'ours');
  // Keys per day: a day any key asked for is that key's turn too (holders of one day share one fetch).
  const keysOf = new Map<string, Set<number>>();
  const firstAsks = new Map<string, AskRecord>();
  for (const ask of result.asks) {
    if (!firstAsks.has(ask.date)) firstAsks.set(ask.date, ask);
    keysOf.set(ask.date, (keysOf.get(ask.date) ?? new Set()).add(ask.key));
  }
  const floodDates = new Set([...firstAsks.values()].filter((ask) => ask.key === flood.key && ask.at >= flood.at).map((ask) => ask.date));
  for (const ask of firstAsks.values()) {
    if (ask.key === flood.key || ask.at < flood.at || ask.date === '2026-11-24' || ours.some((a) => a.date === ask.date && a.at < ask.at)) continue;
    const sent = ours.find((a) => a.date === ask.date && a.at >= ask.at);
    // Its replica closed or the token was refused before its turn: the day had no turn to take.
    const stopped = Math.min(result.close?.replica === ask.replica ? result.close.startedAt : Number.POSITIVE_INFINITY, ours.find((a) => a.status === 401)?.at ?? Number.POSITIVE_INFINITY);
    const until = Math.min(sent?.at ?? Number.POSITIVE_INFINITY, stopped);
    const counted = ours.filter((a) => a.counted && a.at >= ask.at && a.at < until && a.date !== ask.date);
    // Round-robin: a key's day waits for its own earlier days, and for one of the flooding key's per turn (plus one on its way).
    const own = new Set(counted.filter((a) => keysOf.get(a.date)?.has(ask.key)).map((a) => a.date)).size;
    const flooded = new Set(counted.filter((a) => floodDates.has(a.date) && !keysOf.get(a.date)?.has(ask.key)).map((a) => a.date)).size;
    if (flooded > own + FAIR_SLACK_DAYS || (!sent && stopped === Number.POSITIVE_INFINITY)) {
      out.push({ invariant: '6 fair between keys', detail: `k${ask.key}'s ${ask.date} (c${ask.id}) ${sent ? `sent ${s(sent.at - ask.at)} after its ask` : 'never sent'}, after ${flooded} of the flooding key's days (and ${own} of its own)`, ask: ask.id });
    }
  }
  return out;
}

/** Every gateway invariant, in order. */
export function checkGatewayInvariants(result: GatewayResult): GatewayViolation[] {
  const unhandled = result.unhandled.map((reason) => ({ invariant: '7 no unhandled rejection', detail: reason }));
  const leaked = result.replicas.flatMap((report, replica) => report.lines.filter((line) => line.includes(UPSTREAM_TOKEN)).map(() => ({ invariant: '8 token never logged', detail: `r${replica} logged a line holding the CRM token` })));
  return [...leaked, ...noSelfCaused429(result), ...answeredInBound(result), ...boundedShutdown(result), ...boundedIdleWork(result), ...refusalRemembered(result), ...fairBetweenKeys(result), ...unhandled];
}
