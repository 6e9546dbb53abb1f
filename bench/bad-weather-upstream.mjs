/**
 * The upstream of the bad-weather bench: the project's simulator (payloads, token and date checks,
 * the API's messages) behind a node:http server on loopback that keeps the token's window itself,
 * because the bench must know who spent each window (the peer, or the outside user of the same
 * token) and must count a request at arrival even when its answer comes too late — the real API's
 * PHP keeps working after the client hangs up, which the simulator's `latencyMs` does not model.
 *
 * Weather, drawn per request from the seed (the n-th counted request for a day has the same fate
 * in every run with that seed, whichever peer sends it):
 *   late    counted at arrival, answered 200 after `lateMs` (beyond the peer's timeout);
 *   5xx     counted at arrival, answered 500 with the API's own message;
 *   ok      answered 200 after `latencyMs`.
 * The outside user's requests (header `x-bench-outside: 1`) are always answered normally.
 */
import { createServer } from 'node:http';
import { API_MESSAGES, createSeededRandom, createSimulator, formatSaoPauloDateTime, rateLimitMessage } from '@zen-leads/simulator';

/** Marks a request of the outside user (a script of the same company using the same token). */
export const OUTSIDE_HEADER = 'x-bench-outside';
const JSON_TYPE = 'application/json; charset=utf-8';

/** A day as an offset from today ("today", "today-3"): the fates stay the same on other dates. */
function dayLabel(date, today) {
  const days = Math.round((Date.parse(today) - Date.parse(date)) / 86_400_000);
  return days === 0 ? 'today' : `today-${days}`;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {{ token: string, windowMs: number, latencyMs: number, lateMs: number,
 *   lateShare: number, errorShare: number, seed: string, today: string }} options
 */
export async function startWeatherUpstream(options) {
  const { token, windowMs } = options;
  // windowMs 0: this server keeps the window; the simulator answers every request it is given.
  const simulator = createSimulator({ tokens: [token], windowMs: 0, seed: options.seed });
  /** Every request, in arrival order: { at, who, date, status, fate?, blockedBy?, delivered? }. */
  const log = [];
  let spent; // { at, who }: the request that opened the current window
  // One seeded sequence per day: the n-th counted request for a day meets the n-th draw.
  const drawsPerDay = new Map();

  const fateOf = (who, date) => {
    if (who !== 'peer') return 'ok';
    const label = dayLabel(date, options.today);
    if (!drawsPerDay.has(label)) drawsPerDay.set(label, createSeededRandom(`${options.seed}/${label}`));
    const draw = drawsPerDay.get(label).next();
    if (draw < options.lateShare) return 'late';
    if (draw < options.lateShare + options.errorShare) return '5xx';
    return 'ok';
  };

  const server = createServer((req, res) => {
    const at = Date.now();
    req.resume();
    const url = new URL(req.url ?? '/', 'http://upstream');
    const who = req.headers[OUTSIDE_HEADER] === '1' ? 'outside' : 'peer';
    const entry = { at, who, date: url.searchParams.get('data') ?? undefined, status: 0 };
    log.push(entry);
    let gone = false;
    res.on('close', () => (gone ||= !res.writableFinished));
    const send = (status, body, type = JSON_TYPE) => {
      entry.status = status;
      entry.delivered = !gone;
      if (gone) return;
      const bytes = Buffer.from(body);
      res.writeHead(status, { 'content-type': type, 'content-length': bytes.length, date: new Date().toUTCString() });
      res.end(bytes);
    };
    const ask = () => simulator.handler(new Request(url, { method: req.method, headers: { token: String(req.headers.token ?? '') } }));

    // The API's order: method, token and date first (never counted), then the window.
    if (req.method !== 'GET' || req.headers.token !== token || !entry.date) {
      ask().then(async (response) => send(response.status, await response.text()));
      return;
    }
    if (spent && at < spent.at + windowMs) {
      entry.blockedBy = spent.who;
      entry.sinceSpentMs = at - spent.at; // ~window: a pacing margin too thin; well inside: a retry
      const nextAt = Math.ceil((spent.at + windowMs) / 1000) * 1000;
      send(429, JSON.stringify({ error: rateLimitMessage(formatSaoPauloDateTime(spent.at), formatSaoPauloDateTime(nextAt)) }));
      return;
    }
    spent = { at, who };
    entry.fate = fateOf(who, entry.date);
    const answer = entry.fate === '5xx' ? Promise.resolve(new Response(JSON.stringify({ error: API_MESSAGES.serverError }), { status: 500 })) : ask();
    Promise.all([answer, sleep(entry.fate === 'late' ? options.lateMs : options.latencyMs)])
      .then(async ([response]) => send(response.status, await response.text()))
      .catch(() => res.destroy());
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/api/totais-lead`,
    log,
    /** When the token's window is free again (now, when it is free already). */
    windowFreesAt: () => (spent ? Math.max(Date.now(), spent.at + windowMs) : Date.now()),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
