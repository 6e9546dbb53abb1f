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

let failed = false;
try {
  process.stdout.write(
    `${bold('Zen Lead Totals — demo')}\n` +
      `A CRM Zen simulator is listening at ${server.url}\n` +
      dim(`(demo token, seeded Brazilian data, one request per ${WINDOW_MS / 1000}s instead of 5 minutes; cache in ${cacheDir})\n`),
  );

  // --min-interval tells the CLI the simulator's short window (the real API's is 5 minutes).
  process.stdout.write(`\n${dim("Yesterday's leads per user (São Paulo calendar), fetched over HTTP:")}`);
  await zenLeads(['totals', '--min-interval', `${WINDOW_MS}ms`]);

  process.stdout.write(`\n${dim('The same day as a summary — a past day is answered from the cache, so nothing is sent:')}`);
  await zenLeads(['totals', '--view', 'summary']);

  const requests = simulator.log.length;
  process.stdout.write(
    `\nThe simulator saw ${requests} request${requests === 1 ? '' : 's'} for 2 runs. ` +
      'The rate-limit guard and the cache live on disk, so they hold across runs.\n',
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
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  await server.close();
  await rm(cacheDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
