#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { parseDuration } from './duration.js';
import { FAULT_KINDS, type FaultSpec, isFaultKind } from './fault-modes.js';
import { serve } from './node-server.js';
import { createSimulator, DEFAULT_WINDOW_MS, DEMO_TOKEN, type Simulator, type TokenSpec } from './simulator.js';
import { TODAY_FLAGS_HELP, todayFromFlags } from './today/today-flags.js';

const HELP = `zen-simulator: a fake CRM Zen "Totais de Distribuição de Leads por usuários" v1.0 API

Usage: zen-simulator [options]

  --port <n>             port to listen on (default 0: a free one)
  --host <name>          address to bind (default 127.0.0.1)
  --window <duration>    one request per token per window: 5m, 30s, 1000ms or ms (default 5m; 0 disables)
  --token <token>        an accepted token, repeatable (default: the demo token "${DEMO_TOKEN}")
  --disabled-token <t>   a token that answers 401 "Token desabilitado", repeatable
  --seed <seed>          mixed into the seeded data
  --latency <duration>   answer each counted request this much later, as a big account does (default 0)
  --fault <kind[:n]>     start under a fault, optionally for n requests: ${FAULT_KINDS.join(', ')}
${TODAY_FLAGS_HELP}
  --quiet                no line per request on stderr
  -h, --help             this text

Prints the URL on the first line of stdout. Stops cleanly on SIGINT or SIGTERM.
`;

function fail(message: string): never {
  process.stderr.write(`zen-simulator: ${message}\n\n${HELP}`);
  process.exit(2);
}

function parseFault(text: string): FaultSpec {
  const [kind, times] = text.split(':');
  if (!isFaultKind(kind)) fail(`unknown fault "${text}"`);
  if (times === undefined) return { kind };
  const count = Number(times);
  if (!Number.isInteger(count) || count < 1) fail(`fault count must be a positive integer: "${text}"`);
  return { kind, times: count };
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parseCommandLine>;
  try {
    args = parseCommandLine();
  } catch (error) {
    fail((error as Error).message);
  }
  const { values } = args;
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const durationOf = (text: string | undefined, fallback: number): number => {
    try {
      return text === undefined ? fallback : parseDuration(text);
    } catch (error) {
      fail((error as Error).message);
    }
  };
  const windowMs = durationOf(values.window, DEFAULT_WINDOW_MS);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`invalid port "${values.port}"`);

  let today: ReturnType<typeof todayFromFlags>;
  try {
    today = todayFromFlags(values);
  } catch (error) {
    fail((error as Error).message);
  }
  const given = values.token ?? [];
  const tokens: TokenSpec[] = (given.length > 0 ? given : [DEMO_TOKEN]).map((token) => ({ token }));
  for (const token of values['disabled-token'] ?? []) tokens.push({ token, disabled: true });
  const simulator = createSimulator({
    tokens,
    windowMs,
    latencyMs: durationOf(values.latency, 0),
    seed: values.seed,
    fault: values.fault === undefined ? undefined : parseFault(values.fault),
    today,
  });

  const server = await serve({ handler: values.quiet ? simulator.handler : loggingHandler(simulator) }, { port, hostname: values.host ?? '127.0.0.1' });
  const windowText = windowMs === 0 ? 'no limit' : `one request per token every ${windowMs} ms`;
  // The demo token is public; tokens passed on the command line are never echoed.
  const tokenText = given.length > 0 ? `${given.length} token(s) from --token` : `token: ${DEMO_TOKEN}`;
  process.stdout.write(`${server.url}\n${tokenText}\nwindow: ${windowText}\n`);
  stopOnSignals(() => server.close());
}

/** The simulator's handler, printing a line per request on stderr. */
function loggingHandler(simulator: Simulator): (request: Request) => Promise<Response> {
  let printed = 0;
  return async (request) => {
    try {
      return await simulator.handler(request);
    } finally {
      for (const entry of simulator.log.slice(printed)) {
        // The token's hash prefix only: enough to tell clients apart, never the token.
        const who = entry.tokenHash ? ` token#${entry.tokenHash.slice(0, 8)}` : '';
        const fault = entry.fault ? ` fault=${entry.fault}` : '';
        process.stderr.write(`${entry.method} ${entry.path} data=${entry.date ?? '-'}${who} -> ${entry.status}${fault}\n`);
      }
      printed = simulator.log.length;
    }
  };
}

/** SIGINT or SIGTERM closes the server and exits 0 (1 if closing failed). */
function stopOnSignals(close: () => Promise<void>): void {
  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function parseCommandLine() {
  return parseArgs({
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      window: { type: 'string' },
      token: { type: 'string', multiple: true },
      'disabled-token': { type: 'string', multiple: true },
      seed: { type: 'string' },
      latency: { type: 'string' },
      fault: { type: 'string' },
      'whole-today': { type: 'boolean' },
      'today-speed': { type: 'string' },
      'today-from': { type: 'string' },
      'seller-stops': { type: 'string', multiple: true },
      'problems-pile-up': { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

await main();
