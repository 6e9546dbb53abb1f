// The gateway peer of the bad-weather bench, in a process of its own (so that the clients and the
// upstream do not share its event loop). Settings in ZEN_BENCH_GATEWAY (JSON), the upstream token
// in ZEN_TOKEN (never on the command line). Prints one JSON line { url }, writes the gateway's log
// lines to settings.logPath, and drains on SIGTERM.
import { createWriteStream } from 'node:fs';
import { createGateway } from '../packages/gateway/dist/index.js';
import { serveGateway } from '../packages/gateway/dist/node/serve-gateway.js';

const settings = JSON.parse(process.env.ZEN_BENCH_GATEWAY ?? '{}');
const logFile = createWriteStream(settings.logPath);
const gateway = createGateway({
  url: settings.upstreamUrl,
  token: process.env.ZEN_TOKEN ?? '',
  clientKeys: settings.clientKeys,
  minIntervalMs: settings.minIntervalMs,
  windowMarginMs: settings.windowMarginMs,
  timeoutMs: settings.timeoutMs,
  log: (line) => logFile.write(`${new Date().toISOString()} ${line}\n`),
});
const server = await serveGateway(gateway, { port: 0, drainTimeoutMs: 2_000 });
console.log(JSON.stringify({ url: server.url }));
process.once('SIGTERM', () => {
  server.close().finally(() => logFile.end(() => process.exit(0)));
});
