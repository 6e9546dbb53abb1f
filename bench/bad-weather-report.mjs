/** The figures of the bad-weather bench, from the upstream's own log and the clients' records. */

const percentile = (values, p) => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/**
 * One run (a peer in a weather): `log` is the upstream's request log, `startedAt`–`endedAt` the
 * client load; only requests that arrived in that span count.
 */
export function measureRun({ log, startedAt, endedAt, windowMs, weather, clients, today }) {
  const inSpan = log.filter((entry) => entry.at >= startedAt && entry.at <= endedAt);
  const peer = inSpan.filter((entry) => entry.who === 'peer');
  const outside = inSpan.filter((entry) => entry.who === 'outside');
  const windows = (endedAt - startedAt) / windowMs;
  const delivered = peer.filter((entry) => entry.status === 200 && entry.delivered);
  const answered200 = delivered.length;
  // A closed day's answer never changes: a second 200 for it spent a window on nothing new.
  const fetched = new Set();
  let refetched = 0;
  for (const entry of delivered) {
    if (entry.date !== today && fetched.has(entry.date)) refetched++;
    fetched.add(entry.date);
  }
  const outsideTook = outside.filter((entry) => entry.status === 200).length;
  const waits = clients.episodes.filter((episode) => episode.answeredAt !== undefined).map((episode) => episode.answeredAt - episode.firstAt);
  const failed = clients.requests.filter((request) => request.status !== 200);
  const open = clients.episodes.filter((episode) => episode.answeredAt === undefined).map((episode) => endedAt - episode.firstAt);
  const count = (predicate) => peer.filter(predicate).length;
  const selfCaused = peer.filter((entry) => entry.status === 429 && entry.blockedBy === 'peer');
  return {
    windows,
    sent: peer.length,
    answered200,
    refetched,
    utilisation: answered200 / windows,
    sentPerWindow: peer.length / windows,
    // What the weather leaves at best: the windows the outside user did not take, times the share
    // of counted requests the weather lets through.
    ceiling: ((windows - outsideTook) / windows) * (1 - weather.lateShare - weather.errorShare),
    selfCaused429: selfCaused.length,
    selfCaused429AfterMs: percentile(selfCaused.map((entry) => entry.sinceSpentMs), 50),
    outsideCaused429: count((entry) => entry.status === 429 && entry.blockedBy === 'outside'),
    late: count((entry) => entry.fate === 'late'),
    serverErrors: count((entry) => entry.fate === '5xx'),
    outsideTook,
    outsideRefused: outside.filter((entry) => entry.status === 429).length,
    clientRequests: clients.requests.length,
    clientErrors: failed.length,
    clientErrorShare: clients.requests.length ? failed.length / clients.requests.length : 0,
    clientErrorKinds: kindsOf(failed),
    episodes: clients.episodes.length,
    unanswered: clients.episodes.length - waits.length,
    worstWaitMs: waits.length ? Math.max(...waits) : undefined,
    p50WaitMs: percentile(waits, 50),
    longestOpenMs: open.length ? Math.max(...open) : undefined,
  };
}

function kindsOf(failed) {
  const kinds = {};
  for (const request of failed) {
    const kind = request.error ?? String(request.status);
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}

const s = (ms) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);
/** The worst wait; a day still unanswered at the end counts when it had waited longer already. */
const worst = (r) => (r.longestOpenMs !== undefined && !(r.longestOpenMs <= (r.worstWaitMs ?? -1)) ? `≥ ${s(r.longestOpenMs)} (unanswered)` : s(r.worstWaitMs));
const pct = (share) => `${(share * 100).toFixed(1)} %`;
const kinds = (record) =>
  Object.entries(record)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${n} × ${kind}`)
    .join(', ') || 'none';

/** The rows of one weather: gateway and nginx side by side. */
export function weatherRows(weather, gateway, nginx) {
  const both = (f) => `${f(gateway)} | ${f(nginx)}`;
  const ceilings = [...new Set([gateway.ceiling, nginx.ceiling].map((ceiling) => ceiling.toFixed(2)))].join(' / ');
  return [
    `| **${weather.title}** | utilisation: upstream 200s ÷ windows | **${gateway.utilisation.toFixed(2)}** (${gateway.answered200} in ${gateway.windows.toFixed(1)}) | **${nginx.utilisation.toFixed(2)}** (${nginx.answered200} in ${nginx.windows.toFixed(1)}) | ≈ ${ceilings} expected (physical limit 1.0) |`,
    `| | requests sent ÷ windows | ${both((r) => `${r.sentPerWindow.toFixed(2)} (${r.sent})`)} | 1.0 |`,
    `| | 200s that fetched a closed day again (nothing new) | ${both((r) => r.refetched)} | 0 |`,
    `| | self-caused 429s (median time after our own counted request) | ${both((r) => `**${r.selfCaused429}**${r.selfCaused429 ? ` (${r.selfCaused429AfterMs} ms)` : ''}`)} | 0 |`,
    `| | 429s after the outside user's request | ${both((r) => r.outsideCaused429)} | ≈ one per window it took |`,
    `| | windows lost to the weather: late / 5xx / outside user | ${both((r) => `${r.late} / ${r.serverErrors} / ${r.outsideTook}`)} | — |`,
    `| | worst client wait, first ask → 200 (median) | **${worst(gateway)}** (${s(gateway.p50WaitMs)}) | **${worst(nginx)}** (${s(nginx.p50WaitMs)}) | — |`,
    `| | client requests that ended in an error | **${pct(gateway.clientErrorShare)}** of ${gateway.clientRequests} | **${pct(nginx.clientErrorShare)}** of ${nginx.clientRequests} | 0 % |`,
    `| | … of which | ${both((r) => kinds(r.clientErrorKinds))} | — |`,
    `| | days a client still waited for at the end (longest so far) | ${both((r) => `${r.unanswered} of ${r.episodes} (${s(r.longestOpenMs)})`)} | — |`,
  ];
}

/** The summary section of bench/RESULTS.md: one line per weather, the details in results/bad-weather.md. */
export function resultsSection({ weathers, results, command, date, nginxVersion, windowMs, scale }) {
  const lines = weathers.map(({ name, title }) => {
    const pairOf = (f) => `${f(results[name].gateway)} · ${f(results[name].nginx)}`;
    return `| ${title} | ${pairOf((r) => r.utilisation.toFixed(2))} | ${pairOf((r) => r.sentPerWindow.toFixed(2))} | ${pairOf((r) => r.selfCaused429)} | ${pairOf(worst)} | ${pairOf((r) => pct(r.clientErrorShare))} |`;
  });
  return `## Bad weather

\`${command}\` (run by \`pnpm bench\`) on ${date}: our gateway · nginx ${nginxVersion} (\`proxy_cache_lock\`, stale answers,
background update) in front of an API that answers late, fails 20 % of the time or is used by someone else
too, over loopback; a ${windowMs / 1000} s window stands for the API's 5 minutes (1:${scale}). Figures: gateway · nginx. Details,
limits and the load in [results/bad-weather.md](results/bad-weather.md).

| weather | utilisation (200s ÷ windows, limit 1.0) | requests ÷ windows | self-caused 429s (goal 0) | worst client wait | client requests in error |
| --- | --- | --- | --- | --- | --- |
${lines.join('\n')}
`;
}

/** Replaces (or adds) the section that starts with `## <heading>` in a markdown file's text. */
export function withSection(current, heading, markdown) {
  const start = current.indexOf(`\n## ${heading}\n`);
  const next = start === -1 ? -1 : current.indexOf('\n## ', start + 1);
  const before = `${(start === -1 ? current : current.slice(0, start)).trimEnd()}\n`;
  const after = next === -1 ? '' : current.slice(next);
  return `${before}\n${markdown}${after}`;
}
