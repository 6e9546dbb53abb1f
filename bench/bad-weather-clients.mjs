/**
 * The client load of the bad-weather bench, the same for both peers: N clients, each on a loop
 * (seeded: the same days in the same order for every peer), ask for a day — today or a past day —
 * until they have its 200, then think a moment and ask for the next. A client honours Retry-After
 * (capped), else tries again after a short pause; every client request has a timeout. And the
 * outside user: a script of the same company that, now and then, takes the token's window the
 * moment it frees, sending its own request straight to the upstream.
 */
import { setMaxListeners } from 'node:events';
import { createSeededRandom } from '@zen-leads/simulator';
import { OUTSIDE_HEADER } from './bad-weather-upstream.mjs';

/** Waits `ms`, or less when `signal` aborts. */
const sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });

/** Retry-After in ms (seconds or an HTTP date), capped; undefined when absent. */
function retryAfterMs(header, capMs) {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.min(capMs, Math.max(0, ms)) : undefined;
}

/** One client request: { status } or { error: 'timeout' | 'network' }, or undefined when the run ended under it. */
async function ask(url, headers, timeoutMs, stop) {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.any([timeout, stop]) });
    await response.arrayBuffer();
    return { status: response.status, retryAfter: response.headers.get('retry-after') };
  } catch {
    if (stop.aborted) return undefined;
    return { error: timeout.aborted ? 'timeout' : 'network' };
  }
}

/**
 * Runs the clients for `durationMs`; `headers(index)` gives each client its headers. Returns the requests ({ status | error }) and the episodes
 * ({ day, firstAt, answeredAt? }: one per client and day, from its first ask to its 200).
 */
export async function runClients({ url, headers, today, pastDays, clients, durationMs, seed, todayShare, requestTimeoutMs, retryPauseMs, retryCapMs }) {
  const stop = new AbortController();
  setMaxListeners(clients * 4, stop.signal); // each client listens to it while it waits
  const requests = [];
  const episodes = [];
  const loop = async (index) => {
    const random = createSeededRandom(`${seed}/client/${index}`);
    // Clients do not all start at the same millisecond: spread over the first 0.5 s.
    await sleep(random.int(0, 500), stop.signal);
    while (!stop.signal.aborted) {
      const day = random.chance(todayShare) ? today : random.pick(pastDays);
      const episode = { day, firstAt: Date.now(), answeredAt: undefined };
      episodes.push(episode);
      while (!stop.signal.aborted) {
        const outcome = await ask(`${url}?data=${day}`, headers(index), requestTimeoutMs, stop.signal);
        if (!outcome) break;
        requests.push(outcome);
        if (outcome.status === 200) {
          episode.answeredAt = Date.now();
          break;
        }
        await sleep(retryAfterMs(outcome.retryAfter, retryCapMs) ?? retryPauseMs, stop.signal);
      }
      await sleep(random.int(200, 1_000), stop.signal); // reading the answer
    }
  };
  const running = Array.from({ length: clients }, (_, index) => loop(index));
  await sleep(durationMs);
  stop.abort();
  await Promise.all(running);
  return { requests, episodes };
}

/**
 * The outside user: after a seeded pause of `minGapWindows`–`maxGapWindows` windows, waits for the
 * token's window to free and sends its own request (a past day of its own) straight to the
 * upstream, 1 ms after the window frees. Runs until `signal` aborts.
 */
export async function runOutsideUser({ upstream, token, windowMs, seed, signal, minGapWindows = 2, maxGapWindows = 6, day }) {
  const random = createSeededRandom(`${seed}/outside`);
  while (!signal.aborted) {
    await sleep(random.int(minGapWindows, maxGapWindows) * windowMs + random.int(0, windowMs), signal);
    if (signal.aborted) break;
    await sleep(upstream.windowFreesAt() + 1 - Date.now(), signal);
    if (signal.aborted) break;
    await fetch(`${upstream.url}?data=${day}`, { headers: { token, [OUTSIDE_HEADER]: '1' } })
      .then((response) => response.arrayBuffer())
      .catch(() => undefined);
  }
}
