#!/usr/bin/env node
/**
 * A year of history in PostgreSQL against SQLite, measured in the same run: writing 365 days of
 * 120 users each (one `append` per day, as a backfill or a gateway does), then reading the year
 * back and rendering its report. Ratios are PostgreSQL ÷ SQLite, medians of interleaved rounds.
 * PostgreSQL is a throwaway cluster on loopback (scripts/postgres), or ZEN_BENCH_POSTGRES_URL.
 *
 *   node bench/history-postgres.mjs            (writes bench/results/history-postgres.md)
 *   node bench/history-postgres.mjs --quick --no-write
 *
 * Not part of the test suite: timings on a shared 2-core machine are noisy.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { betterSqlite3NodePath, installTool } from '../scripts/runtimes/tools.mjs';
import { interleaved } from './measure.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(benchDir, '..');
const quick = process.argv.includes('--quick');
const write = !process.argv.includes('--no-write');

// Node < 22.13 has no node:sqlite: SQLite comes from the cached better-sqlite3, found through
// NODE_PATH, which Node reads only at start: so this script starts itself again with it set.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if ((major < 22 || (major === 22 && minor < 13)) && !process.env.ZEN_BENCH_SQLITE_PATH) {
  installTool('better-sqlite3');
  const env = { ...process.env, ZEN_BENCH_SQLITE_PATH: '1', NODE_PATH: [betterSqlite3NodePath(), process.env.NODE_PATH].filter(Boolean).join(delimiter) };
  process.exit(spawnSync(process.execPath, process.argv.slice(1), { stdio: 'inherit', env }).status ?? 1);
}

const built = spawnSync(join(repoRoot, 'node_modules', '.bin', 'turbo'), ['run', 'build', '--output-logs=errors-only', '--filter=@zen-leads/history...'], { cwd: repoRoot, stdio: 'inherit' });
if (built.status !== 0) process.exit(1);
const { openHistory, renderReport } = await import('@zen-leads/history');
const { default: postgres } = await import('postgres');

const USERS = 120;
const DAYS = quick ? 30 : 365;
const entries = (seed, names) => names.map((name, index) => ({ code: String(index + 1), name, count: ((seed * 7 + index * 13) % 9) + 1 }));
/** A deterministic day: 120 users, each with four breakdowns of 3–4 entries. */
function dayOf(date, dayIndex) {
  const users = Array.from({ length: USERS }, (_, index) => {
    const seed = dayIndex * USERS + index;
    const origins = entries(seed, ['Indicação', 'Site', 'Instagram', 'Feira']);
    return {
      name: `Vendedor ${String(index + 1).padStart(3, '0')} Conceição`,
      totalLeads: origins.reduce((sum, entry) => sum + entry.count, 0),
      origins,
      segments: entries(seed + 1, ['Varejo', 'Atacado', 'Serviços']),
      automations: entries(seed + 2, ['Boas-vindas', 'Reengajamento', 'Pós-venda']),
      productsAndServices: entries(seed + 3, ['Plano Básico', 'Plano Pro', 'Consultoria']),
    };
  });
  return { date, users, errors: { withError: dayIndex % 3, ungrouped: dayIndex % 2, contactLimitExceeded: 0, duplicates: dayIndex % 5 } };
}
const dates = Array.from({ length: DAYS }, (_, index) => new Date(Date.UTC(2025, 0, 1 + index)).toISOString().slice(0, 10));
const year = dates.map(dayOf);

// PostgreSQL: the given server, or one started here and stopped at the end.
let server = process.env.ZEN_BENCH_POSTGRES_URL;
let serverDir;
if (!server) {
  const out = execFileSync('bash', [join(repoRoot, 'scripts/postgres/start-postgres-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const vars = Object.fromEntries(out.trim().split('\n').map((line) => line.split('=', 2)));
  server = vars.POSTGRES_URL;
  serverDir = vars.POSTGRES_DIR;
}
const admin = postgres(server, { max: 1, onnotice: () => undefined });
const folder = mkdtempSync(join(tmpdir(), 'zen-bench-history-'));
let round = 0;

/** A fresh, empty place for each write round: a new SQLite file, a new database. */
async function freshPlace(kind) {
  round++;
  if (kind === 'sqlite') return join(folder, `year-${round}.sqlite`);
  const name = `zen_bench_${process.pid}_${round}`;
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

const written = {};
async function writeYear(kind) {
  const place = await freshPlace(kind);
  const started = performance.now();
  const history = await openHistory(place);
  for (const totals of year) await history.append(totals);
  await history.close();
  written[kind] = place;
  return performance.now() - started;
}
async function reportYear(kind) {
  const history = await openHistory(written[kind], { readOnly: true });
  const html = renderReport(await history.read());
  await history.close();
  return html.length;
}

// Writes are timed inside (opening a fresh place is not the work measured).
const writeSamples = { sqlite: [], postgres: [] };
const rounds = quick ? 1 : 3;
for (let index = 0; index < rounds; index++) {
  for (const kind of index % 2 ? ['postgres', 'sqlite'] : ['sqlite', 'postgres']) writeSamples[kind].push(await writeYear(kind));
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const writes = { sqlite: median(writeSamples.sqlite), postgres: median(writeSamples.postgres) };
const reports = await interleaved({ sqlite: () => reportYear('sqlite'), postgres: () => reportYear('postgres') }, quick ? { warmup: 1, rounds: 3 } : { warmup: 2, rounds: 9 });
const sameHtml = (await reportYear('sqlite')) === (await reportYear('postgres'));

await admin.end();
if (serverDir) execFileSync('bash', [join(repoRoot, 'scripts/postgres/stop-postgres-server.sh'), serverDir], { stdio: 'inherit' });
rmSync(folder, { recursive: true, force: true });

const fmt = (ms) => (ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`);
const ratio = (a, b) => `**${(a / b).toFixed(2)}×**`;
const result = `# A year of history: PostgreSQL against SQLite

Produced by \`node bench/history-postgres.mjs\` on ${new Date().toISOString().slice(0, 10)}: ${process.platform}/${process.arch}, Node ${process.versions.node}.
${DAYS} days × ${USERS} users (four breakdowns of 3–4 entries each: ${year[0].users.reduce((sum, user) => sum + user.origins.length + user.segments.length + user.automations.length + user.productsAndServices.length, 0)} entries a day).
PostgreSQL 15 on loopback (a throwaway cluster from scripts/postgres, \`fsync=off\`: see the notes);
SQLite through ${major >= 22 ? 'node:sqlite' : 'better-sqlite3'}. Ratios are PostgreSQL ÷ SQLite, measured in the same run.

| # | what | baseline | contender | ratio | goal |
| --- | --- | --- | --- | --- | --- |
| 5a | write the year, one \`append\` (one transaction) per day, median of ${rounds} | SQLite ${fmt(writes.sqlite)} | PostgreSQL ${fmt(writes.postgres)} | ${ratio(writes.postgres, writes.sqlite)} | reported |
| 5b | read the year and render its report, median of ${quick ? 3 : 9} | SQLite ${fmt(reports.sqlite)} | PostgreSQL ${fmt(reports.postgres)} | ${ratio(reports.postgres, reports.sqlite)} | reported |

Notes: the same report bytes from both: ${sameHtml ? 'yes' : 'NO'}. A PostgreSQL write is one
transaction over a loopback socket: the day's row, then its users and entries unpacked from the
day's JSON by the server (foreign keys and indexes checked per row); SQLite writes in process with
\`synchronous=FULL\`, while the bench cluster runs with \`fsync=off\`, so 5a compares the stores'
work, not two disks. A gateway or a backfill writes one day per API window (5 minutes): either
store takes a fraction of a second of it. The machine is shared (2 cores): expect ±30 % between runs.
`;
console.log(result);
if (write) writeFileSync(join(benchDir, 'results', 'history-postgres.md'), result);
