#!/usr/bin/env node
// `pnpm demo`: the CRM Zen simulator on a free loopback port, and the real `zen-leads` bin
// fetching a day of lead totals from it over HTTP. Run after `turbo run build` (the root script
// does both). Never calls a real account, even when ZEN_URL/ZEN_TOKEN are set.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cliPackage = fileURLToPath(new URL('../packages/cli/', import.meta.url));
const bin = join(cliPackage, 'dist', 'bin.js');
// The simulator is a dependency of the CLI package (not of the workspace root): resolve it there.
const requireFromCli = createRequire(join(cliPackage, 'package.json'));
const load = (specifier) => import(pathToFileURL(requireFromCli.resolve(specifier)).href);

const { createSimulator, DEMO_TOKEN } = await load('@zen-leads/simulator');
const { serve } = await load('@zen-leads/simulator/node');

const bold = (text) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[22m` : text);
const dim = (text) => (process.stdout.isTTY ? `\x1b[2m${text}\x1b[22m` : text);

const WINDOW_MS = 1_500;
// zen-leads keeps its margin past the window (--min-interval + 1s), so that is the pace it keeps.
const { WINDOW_MARGIN_MS } = await load('@zen-leads/core/internal');
const PACE = `${(WINDOW_MS + WINDOW_MARGIN_MS) / 1000}s`;

// Ctrl-C reaches every process of the terminal: the zen-leads runs and the gateway stop by
// themselves (exit 130; the gateway drains); the demo then cleans up and exits 130 at once.
let interrupted = false;
const interruption = new Promise((resolve) => {
  process.once('SIGINT', () => {
    interrupted = true;
    resolve();
  });
});
// The seed picks a sales team of eight, so a day shows a real distribution (the default demo
// account is a team of three).
const simulator = createSimulator({ windowMs: WINDOW_MS, seed: 'demo' });
const server = await serve(simulator);
const cacheDir = await mkdtemp(join(tmpdir(), 'zen-leads-demo-'));

/** Runs the real bin against the simulator, its stdout and stderr straight to ours. */
function zenLeads(args) {
  process.stdout.write(`\n${bold(`$ zen-leads ${args.join(' ')}`)}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ZEN_URL: server.url, ZEN_TOKEN: DEMO_TOKEN, ZEN_CACHE_DIR: cacheDir },
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`zen-leads exited with code ${code}`))));
  });
}

/** The demo's client key: public on purpose, like the simulator's demo token. */
const DEMO_CLIENT_KEY = 'demo-client-key-0000-zen-leads';

/**
 * `zen-leads serve` against the simulator: the gateway owns the demo token, clients use the demo
 * key. On a terminal it serves until Ctrl-C; otherwise it proves that the dashboard and a CSV
 * answer, and stops.
 */
async function demoGateway({ historyFile, lastDay, addDays }) {
  process.stdout.write(`\n${bold('$ zen-leads serve --port 0 --history … --fill-from … --min-interval 1500ms')}\n`);
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--history', historyFile, '--fill-from', addDays(lastDay, -9), '--min-interval', `${WINDOW_MS}ms`], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ZEN_URL: server.url, ZEN_TOKEN: DEMO_TOKEN, ZEN_CACHE_DIR: cacheDir, ZEN_GATEWAY_KEYS: DEMO_CLIENT_KEY, ZEN_TOKEN_FILE: '', ZEN_STORE: '' },
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      const found = /listening on (http:\/\/\S+) /.exec(out)?.[1];
      if (found) resolve(found);
    });
    void exited.then((code) => reject(new Error(`zen-leads serve exited (${code}) before listening`)));
  });
  process.stdout.write(
    `${bold('The gateway')} owns the token; every tool uses a client key instead, and shares its window:\n` +
      `  dashboard   ${url}/   ${dim('(sign in with the client key)')}\n` +
      `  client key  ${DEMO_CLIENT_KEY}\n` +
      `  API         curl -H 'token: ${DEMO_CLIENT_KEY}' '${url}/api/totais_lead?data=${lastDay}'\n` +
      `  CSV         ${url}/v1/totals/${lastDay}/users.csv?key=${DEMO_CLIENT_KEY}\n` +
      `  today       ${url}/v1/totals/today/intraday.csv?key=${DEMO_CLIENT_KEY}   ${dim('(a snapshot per window: new leads per seller)')}\n` +
      dim('In idle windows it refreshes today (08:00–20:00 São Paulo, or while someone looks) and fills the history from 10 days back.\n'),
  );
  try {
    if (process.stdout.isTTY) {
      process.stdout.write(dim('Serving until Ctrl-C.\n'));
      // Ctrl-C reaches the gateway too (same terminal): it drains and exits by itself, at once
      // when no request is upstream; the bound (cleared as soon as it exits) only covers a hang.
      await interruption;
      let bound;
      await Promise.race([exited, new Promise((resolve) => (bound = setTimeout(resolve, 10_000)))]);
      clearTimeout(bound);
    } else {
      await proveGatewayAnswers(url, lastDay);
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const code = await exited;
    if (code !== 0 && code !== 130 && code !== 'SIGINT') throw new Error(`zen-leads serve stopped with ${code}`);
  }
}

/** Signs in to the dashboard as a browser would, reads it, and fetches one CSV. */
async function proveGatewayAnswers(url, day) {
  const login = await fetch(`${url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
    body: new URLSearchParams({ key: DEMO_CLIENT_KEY }),
    redirect: 'manual',
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const dashboard = await fetch(`${url}/`, { headers: { cookie, 'accept-language': 'en' } });
  const html = await dashboard.text();
  if (login.status !== 303 || dashboard.status !== 200 || !html.includes('Lead distribution')) {
    throw new Error(`the dashboard did not answer as expected (login ${login.status}, page ${dashboard.status})`);
  }
  const csv = await fetch(`${url}/v1/totals/${day}/users.csv?key=${DEMO_CLIENT_KEY}`, { headers: { prefer: 'wait=30' } });
  const rows = (await csv.text()).trim().split('\r\n');
  if (csv.status !== 200 || rows[0] !== 'date,user,totalLeads') throw new Error(`the CSV did not answer as expected (${csv.status})`);
  process.stdout.write(
    `The dashboard answered (${Math.round(html.length / 1024)} kB, signed in) and users.csv for ${day} gave ${rows.length - 1} row${rows.length === 2 ? "" : "s"}. ` +
      dim('(stdout is not a terminal, so the gateway stops here; run pnpm demo in a terminal to keep it serving)\n'),
  );
}

let failed = false;
try {
  process.stdout.write(
    `${bold('Zen Lead Totals — demo')}\n` +
      `A CRM Zen simulator is listening at ${server.url}\n` +
      dim(`(demo token, seeded Brazilian data, one request per ${PACE} instead of 5 minutes; cache in ${cacheDir})\n`),
  );

  // --min-interval tells the CLI the simulator's short window (the real API's is 5 minutes).
  process.stdout.write(`\n${dim("Yesterday's leads per user (São Paulo calendar), fetched over HTTP:")}`);
  await zenLeads(['totals', '--min-interval', `${WINDOW_MS}ms`]);

  process.stdout.write(`\n${dim('The same day as a summary — a past day is answered from the cache, so nothing is sent:')}`);
  await zenLeads(['totals', '--view', 'summary']);

  const requests = simulator.log.length;
  process.stdout.write(
    `\nThe simulator saw ${requests} request${requests === 1 ? '' : 's'} for 2 runs. ` +
      "The token's window and the cache live on disk, so they hold across runs.\n",
  );

  // History and report: three days into a history file (yesterday comes from the cache), then
  // one self-contained HTML page of it under the repo's ignored out/ folder.
  const { addDays, yesterdayInSaoPaulo } = await load('@zen-leads/core');
  const lastDay = yesterdayInSaoPaulo();
  const historyFile = join(cacheDir, 'demo-history.ndjson');
  const reportFile = fileURLToPath(new URL('../out/demo-report.html', import.meta.url));
  await mkdir(dirname(reportFile), { recursive: true });
  process.stdout.write(`\n${dim('Three days into a history file, one request per window (stop it any time; the same command resumes):')}`);
  await zenLeads(['backfill', '--from', addDays(lastDay, -2), '--to', lastDay, '--out', historyFile, '--min-interval', `${WINDOW_MS}ms`]);
  process.stdout.write(`\n${dim('The history as one self-contained HTML report (SVG charts drawn here, no scripts):')}`);
  await zenLeads(['report', '--in', historyFile, '--out', reportFile]);
  process.stdout.write(`Open ${reportFile} in a browser.\n`);

  await demoGateway({ historyFile, lastDay, addDays });
  if (process.env.ZEN_URL && process.env.ZEN_TOKEN) {
    process.stdout.write(
      `\nZEN_URL and ZEN_TOKEN are set. This demo left your account alone; the same CLI talks to it:\n` +
        `  node packages/cli/dist/bin.js totals              ${dim('# yesterday, as a table')}\n` +
        `  node packages/cli/dist/bin.js totals --format json\n` +
        dim('Each run spends your token\'s 5-minute window (past days are cached after the first).\n'),
    );
  } else {
    process.stdout.write(
      `\nWith your own account: set ZEN_URL and ZEN_TOKEN (CRM Zen → gear icon → Integração), then\n` +
        `  node packages/cli/dist/bin.js totals --format csv > leads.csv\n` +
        dim('See packages/cli/README.md for formats, views, exit codes and the rate-limit options.\n'),
    );
  }
} catch (error) {
  failed = true;
  // A run stopped by Ctrl-C is no failure to report: the person asked for it.
  if (!interrupted) process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  await server.close();
  await rm(cacheDir, { recursive: true, force: true });
}
// 130 (128 + SIGINT), as the shell's convention for a run stopped by Ctrl-C.
process.exitCode = interrupted ? 130 : failed ? 1 : 0;
