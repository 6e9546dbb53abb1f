import { API_WINDOW_MS } from './simulated-api.js';
import type { SimulationResult } from './world.js';

/** A broken invariant: which, and what showed it. */
export interface Violation {
  invariant: string;
  detail: string;
}

/** Released within this long (virtual) after the day is cached. */
export const RELEASE_BOUND_MS = 500;
/** The remembered-refusal period after a 401 (the lead's contract). */
export const REFUSAL_MEMORY_MS = 60_000;
/**
 * clock.sleep calls per call per window: the scheduler re-checks a watched store every 2 s as a
 * safety net (150 per 5-minute window), so a spin shows as thousands; this catches the spin.
 */
export const WAKE_UPS_PER_WINDOW = 200;

const at = (result: SimulationResult, ms: number): string => `+${ms - result.scenario.start}`;

/** Every invariant, checked on one seed's result. */
export function checkInvariants(result: SimulationResult): Violation[] {
  return [...noSelfCaused429(result), ...everyCallEnds(result), ...waitersReleased(result), ...boundedWakeUps(result), ...refusalRemembered(result), ...reachedFailuresBounded(result), ...noUnhandled(result), ...failsClosed(result)];
}

/** (1) No request of ours arrives inside a window another request of ours opened. */
function noSelfCaused429(result: SimulationResult): Violation[] {
  return result.arrivals
    .filter((a) => a.source === 'ours' && a.status === 429 && a.windowOpenedBy?.source === 'ours')
    .map((a) => ({ invariant: '1 no self-caused 429', detail: `request #${a.id} (flight ${a.flight}, ${a.date}) arrived at ${at(result, a.at)}, inside the window our request #${a.windowOpenedBy?.id} opened at ${at(result, a.windowOpenedBy?.at ?? 0)}` }));
}

/** (2) Every call ends by its bound with an answer or a typed error; a stopped process's calls end by the stop's bound. */
function everyCallEnds(result: SimulationResult): Violation[] {
  const violations: Violation[] = [];
  for (const call of result.calls) {
    const name = `call ${call.id} (${call.process}, ${call.date}, ${call.mode}) started ${at(result, call.start)}`;
    if (call.end === undefined) violations.push({ invariant: '2 every call ends', detail: `${name} never ended (hang)` });
    else if (call.end > call.bound && !(call.stopBound !== undefined && call.end <= call.stopBound)) violations.push({ invariant: '2 every call ends', detail: `${name} ended ${at(result, call.end)}, after its bound ${at(result, call.bound)}` });
    else if (call.stopBound !== undefined && call.end > call.stopBound) violations.push({ invariant: '2 every call ends', detail: `${name} ended ${at(result, call.end)}, after its process's stop bound ${at(result, call.stopBound)}` });
    if (call.outcome?.startsWith('untyped')) violations.push({ invariant: '2 every call ends', detail: `${name} ended with an ${call.outcome}` });
  }
  return violations;
}

/** (3) Every waiting call whose day gets cached ends within 0.5 s of it (unless the store is down or its process stops). */
function waitersReleased(result: SimulationResult): Violation[] {
  const { storeOutages } = result.scenario;
  const violations: Violation[] = [];
  for (const call of result.calls) {
    if (call.mode !== 'wait' || call.end === undefined) continue;
    for (const cachedAt of result.cached.get(call.date) ?? []) {
      if (cachedAt < call.start || cachedAt >= call.end) continue;
      const deadline = cachedAt + RELEASE_BOUND_MS;
      if (call.end <= deadline) break;
      if (storeOutages.some(([from, to]) => from < deadline && to > cachedAt)) break;
      if (call.stoppedAt !== undefined && call.stoppedAt <= deadline) break;
      violations.push({ invariant: '3 waiters released', detail: `call ${call.id} (${call.process}, ${call.date}) ended ${at(result, call.end)}, ${call.end - cachedAt} ms after its day was cached at ${at(result, cachedAt)}` });
      break;
    }
  }
  return violations;
}

/** (4) clock.sleep calls per client per virtual window stay under a constant per running call. */
function boundedWakeUps(result: SimulationResult): Violation[] {
  const counts = new Map<string, number>();
  for (const sleep of result.sleeps) {
    const key = `${sleep.owner}@${Math.floor((sleep.at - result.scenario.start) / API_WINDOW_MS)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const violations: Violation[] = [];
  for (const [key, count] of counts) {
    const [owner = '', window = '0'] = key.split('@');
    const from = result.scenario.start + Number(window) * API_WINDOW_MS;
    const process = owner.split('/')[0];
    const active = result.calls.filter((c) => c.process === process && c.start < from + API_WINDOW_MS && (c.end ?? Infinity) >= from).length;
    if (count > WAKE_UPS_PER_WINDOW * Math.max(1, active)) violations.push({ invariant: '4 bounded wake-ups', detail: `${owner} slept ${count} times in window ${window} with ${active} calls running` });
  }
  return violations;
}

/** (5) After a 401, the API sees at most one more request of ours per remembered-refusal period. */
function refusalRemembered(result: SimulationResult): Violation[] {
  const ours = result.arrivals.filter((a) => a.source === 'ours');
  const violations: Violation[] = [];
  for (const refused of ours.filter((a) => a.status === 401)) {
    const next = ours.find((a) => a.at > refused.at && a.at < refused.at + REFUSAL_MEMORY_MS) ?? ours.find((a) => a.at === refused.at && a.id > refused.id);
    if (next) violations.push({ invariant: '5 refusal remembered', detail: `request #${next.id} (${next.date}) reached the API at ${at(result, next.at)}, ${next.at - refused.at} ms after the 401 of #${refused.id}` });
  }
  return violations;
}

/** (6) Failures that may have reached the API, per flight, stay within retries + 1. */
function reachedFailuresBounded(result: SimulationResult): Violation[] {
  const limit = result.scenario.retries + 1;
  return [...result.reachedFailures]
    .filter(([, entry]) => entry.count > limit)
    .map(([flight, entry]) => ({ invariant: '6 reached failures bounded', detail: `flight ${flight} (${entry.process}, ${entry.date}) had ${entry.count} failures that may have reached the API, more than retries + 1 = ${limit}` }));
}

/** (7) No unhandled rejection. */
function noUnhandled(result: SimulationResult): Violation[] {
  return result.unhandled.map((reason) => ({ invariant: '7 no unhandled rejection', detail: reason }));
}

/** (8) Fail closed: nothing is sent while the shared store is down. */
function failsClosed(result: SimulationResult): Violation[] {
  return result.sentDuringOutage.map((send) => ({ invariant: '8 fails closed on a store outage', detail: `sent ${send}` }));
}
