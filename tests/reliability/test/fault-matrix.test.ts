/**
 * The fault matrix: every way the server or the network can fail, over a real loopback socket,
 * against all three surfaces — the core's error class, the CLI's exit code and the n8n node's
 * error — with the time each took bounded by its timeout and retries, and no rejection left
 * unhandled. The simulator supplies the API's own faults; a raw `node:net` server supplies what
 * HTTP servers rarely do (see support/raw-http-server.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RateLimitedError,
  ZenNetworkError,
  ZenResponseError,
  ZenServerError,
  createZenClient,
  type ZenError,
} from '@zen-leads/core';
import { createSimulator, type FaultSpec } from '@zen-leads/simulator';
import { serve } from '@zen-leads/simulator/node';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli-runner.js';
import { runInFreshN8nProcess } from './support/n8n-node-harness.js';
import { startRawHttpServer, type RawFault } from './support/raw-http-server.js';
import { settleEventLoop, watchUnhandled } from './support/unhandled-rejections.js';

const unhandled = watchUnhandled();
const TOKEN = 'zen-fault-matrix-tok-51c8a2';
const DAY = '2025-06-15';
/** The per-request timeout the core and the CLI run with here, in the cases that time out. */
const TIMEOUT_MS = 600;
/**
 * The timeout in the other cases: a failure is not retried in fail mode, so a first request slowed
 * past 600 ms by a loaded machine would turn a 500 into a timeout.
 */
const timeoutFor = (testCase: FaultCase): number => (testCase.timesOut ? TIMEOUT_MS : 10_000);
/** Retries the core runs with here; the CLI and the node keep the default (2). */
const CORE_RETRIES = 1;
/** The longest backoff before retry n (0-based) is 500·2ⁿ ms × 1.5. */
const maxBackoffMs = (retries: number): number => Array.from({ length: retries }, (_, n) => 750 * 2 ** n).reduce((a, b) => a + b, 0);
/** Scheduling on a busy 2-core machine (the core and the node are timed inside their own process). */
const SLACK_MS = 2_500;
/**
 * From the CLI's spawn to its first request: Node's start and the bin's module loading, measured
 * at up to 9 s with five bins starting at once on a loaded 2-core machine. The CLI's retries are
 * timed from its first request; this only proves nothing waits before it (fail mode never does).
 */
const CLI_START_MS = 20_000;
/**
 * A bin's own scheduling and exit after its last answer: 0.4–1.2 s alone, up to 4.3 s with five
 * bins and five n8n processes running at once on a loaded 2-core machine.
 */
const CLI_SLACK_MS = 8_000;
/** The n8n node runs with its Timeout (Seconds) left at the default, 30 s. */
const NODE_TIMEOUT_MS = 30_000;

const closers: (() => Promise<void>)[] = [];
const raw = await startRawHttpServer();
const scratch = await mkdtemp(join(tmpdir(), 'zen-fault-matrix-'));

afterAll(async () => {
  unhandled.stop();
  await Promise.all(closers.map((close) => close()));
  await raw.close();
  await rm(scratch, { recursive: true, force: true });
});

type Source = { kind: 'simulator'; fault: FaultSpec } | { kind: 'raw'; fault: RawFault };

interface FaultCase {
  name: string;
  source: Source;
  /**
   * Retried by the client, so it is sent 1 + retries times. Every surface runs in fail mode here,
   * where only a request that provably never left is retried: a 5xx, timeout or reset may have
   * been counted by the API, so its retry needs the next window, which fail mode does not wait for
   * (the wait-mode retries, one per window, are tested in packages/core/test/bad-weather.test.ts).
   */
  retried: boolean;
  /** Waits out the per-request timeout on every attempt. */
  timesOut: boolean;
  core: { error: new (...args: never[]) => ZenError; reason?: 'timeout' | 'connection'; message: RegExp };
  cliExit: number;
  cliMessage: RegExp;
  /** The node's error, or `items` when the node succeeds (a slow answer within its 30 s timeout). */
  node: { error: 'NodeApiError' | 'NodeOperationError'; httpCode?: string; cause?: string; retried?: boolean } | 'items' | 'slow-run-only';
}

const simulatorCase = (fault: FaultSpec): Source => ({ kind: 'simulator', fault });
const rawCase = (fault: RawFault): Source => ({ kind: 'raw', fault });

const CASES: FaultCase[] = [
  {
    name: 'simulator 500 (the API\'s "erro interno")',
    source: simulatorCase({ kind: 'server-error' }),
    retried: false,
    timesOut: false,
    core: { error: ZenServerError, message: /API failed \(500\).*Ocorreu um erro interno/ },
    cliExit: 5,
    cliMessage: /HTTP 500.*Ocorreu um erro interno/s,
    node: { error: 'NodeApiError', httpCode: '500', cause: 'temporarily-unavailable' },
  },
  {
    name: 'simulator HTML 502 page from a proxy',
    source: simulatorCase({ kind: 'html-502' }),
    retried: false,
    timesOut: false,
    core: { error: ZenServerError, message: /API failed \(502\).*502 Bad Gateway/ },
    cliExit: 5,
    cliMessage: /502 Bad Gateway.*in front of the API/s,
    node: { error: 'NodeApiError', httpCode: '502', cause: 'temporarily-unavailable' },
  },
  {
    name: 'simulator truncated JSON',
    source: simulatorCase({ kind: 'truncated-json' }),
    retried: false,
    timesOut: false,
    core: { error: ZenResponseError, message: /not JSON/ },
    cliExit: 6,
    cliMessage: /not JSON.*lead-totals integration URL/s,
    node: { error: 'NodeApiError', httpCode: '200' },
  },
  {
    name: 'simulator dropped connection (RST, no response)',
    source: simulatorCase({ kind: 'drop-connection' }),
    retried: false,
    timesOut: false,
    core: { error: ZenNetworkError, reason: 'connection', message: /Connection failed: .*ECONNRESET|socket|other side closed/i },
    cliExit: 5,
    cliMessage: /the connection to the API.*failed/s,
    node: { error: 'NodeOperationError', cause: 'temporarily-unavailable' },
  },
  {
    name: 'simulator slow answer (2 s) past the timeout',
    source: simulatorCase({ kind: 'slow', delayMs: 2_000 }),
    retried: false,
    timesOut: true,
    core: { error: ZenNetworkError, reason: 'timeout', message: /took longer than the 600ms timeout/ },
    cliExit: 5,
    cliMessage: /took longer than the 600ms timeout.*raise --timeout/s,
    // Two seconds is well inside the node's 30 s: it gets the day.
    node: 'items',
  },
  {
    name: 'simulator 429 from another client',
    source: simulatorCase({ kind: 'rate-limited' }),
    retried: false,
    timesOut: false,
    core: { error: RateLimitedError, message: /rate limit is in force \(429\).*Você excedeu/ },
    cliExit: 4,
    cliMessage: /HTTP 429.*Você excedeu/s,
    node: { error: 'NodeApiError', httpCode: '429', cause: 'rate-limited' },
  },
  {
    name: 'raw: reset in the middle of the body',
    source: rawCase('reset-mid-body'),
    retried: false,
    timesOut: false,
    core: { error: ZenNetworkError, reason: 'connection', message: /ECONNRESET/ },
    cliExit: 5,
    cliMessage: /the connection to the API.*failed/s,
    node: { error: 'NodeOperationError', cause: 'temporarily-unavailable' },
  },
  {
    name: 'raw: headers, then silence',
    source: rawCase('headers-then-silence'),
    retried: false,
    timesOut: true,
    core: { error: ZenNetworkError, reason: 'timeout', message: /took longer than the 600ms timeout/ },
    cliExit: 5,
    cliMessage: /took longer than the 600ms timeout.*raise --timeout/s,
    // 30 s: run with ZEN_RELIABILITY_SLOW=1 (see the last test of this file).
    node: 'slow-run-only',
  },
  {
    name: 'raw: Content-Length longer than the body',
    source: rawCase('content-length-too-long'),
    retried: false,
    timesOut: false,
    core: { error: ZenNetworkError, reason: 'connection', message: /CONTENT_LENGTH_MISMATCH|terminated|closed/i },
    cliExit: 5,
    cliMessage: /the connection to the API.*failed/s,
    node: { error: 'NodeOperationError', cause: 'temporarily-unavailable' },
  },
  {
    name: 'raw: Content-Length shorter than the body',
    source: rawCase('content-length-too-short'),
    retried: false,
    timesOut: false,
    core: { error: ZenResponseError, message: /not JSON/ },
    cliExit: 6,
    cliMessage: /not JSON.*lead-totals integration URL/s,
    // Under n8n's stack (node:http, as axios uses it) the bytes past the announced length are a
    // parse error of the connection: a network failure, not half a JSON.
    node: { error: 'NodeOperationError', cause: 'temporarily-unavailable' },
  },
  {
    name: 'raw: Content-Encoding gzip over plain bytes',
    source: rawCase('gzip-not-gzip'),
    retried: false,
    timesOut: false,
    core: { error: ZenNetworkError, reason: 'connection', message: /Z_DATA_ERROR|incorrect header/ },
    cliExit: 5,
    cliMessage: /the connection to the API.*failed/s,
    node: { error: 'NodeOperationError', cause: 'temporarily-unavailable' },
  },
  {
    name: 'raw: 200 with an empty body',
    source: rawCase('empty-200'),
    retried: false,
    timesOut: false,
    core: { error: ZenResponseError, message: /200 with a body that is not JSON: an empty body/ },
    cliExit: 6,
    cliMessage: /not JSON.*lead-totals integration URL/s,
    node: { error: 'NodeApiError', httpCode: '200' },
  },
  {
    name: 'raw: 200 with `null`',
    source: rawCase('null-200'),
    retried: false,
    timesOut: false,
    core: { error: ZenResponseError, message: /at the root, .*got null/ },
    cliExit: 6,
    cliMessage: /at the root.*got null.*lead-totals integration URL/s,
    node: { error: 'NodeApiError', httpCode: '200' },
  },
  {
    name: 'raw: 200 with an HTML login page',
    source: rawCase('html-200'),
    retried: false,
    timesOut: false,
    core: { error: ZenResponseError, message: /not JSON: "<!DOCTYPE html>/ },
    cliExit: 6,
    // The excerpt once: inside today's core message, on its own line with core v2's `problem`.
    cliMessage: /not JSON: "<!DOCTYPE html>|The body starts: "<!DOCTYPE html>/,
    node: { error: 'NodeApiError', httpCode: '200' },
  },
];

/** Where one surface meets one case: its own simulator (or raw-server path), so cases run side by side. */
interface Arena {
  url: string;
  /** Requests that reached the server in this arena. */
  sent(): number;
  /** When the first of them arrived (`Date.now()`), if any did. */
  firstSentAt(): number | undefined;
}

async function arenaFor(testCase: FaultCase, surface: 'core' | 'cli' | 'node'): Promise<Arena> {
  const source = testCase.source;
  if (source.kind === 'raw') {
    const url = raw.urlFor(source.fault, surface);
    const path = new URL(url).pathname;
    const mine = (): typeof raw.requests => raw.requests.filter((request) => request.head.startsWith(`GET ${path}?`));
    return { url, sent: () => mine().length, firstSentAt: () => mine()[0]?.at };
  }
  const sim = createSimulator({ tokens: [TOKEN], windowMs: 0, fault: source.fault });
  const served = await serve(sim);
  closers.push(() => served.close());
  return { url: served.url, sent: () => sim.log.length, firstSentAt: () => sim.log[0]?.at };
}

/** The longest a run may take: every attempt timing out (or not), every backoff at its longest. */
function boundMs(testCase: FaultCase, retries: number, timeoutMs: number, slackMs = SLACK_MS): number {
  const attempts = testCase.retried ? retries + 1 : 1;
  const waiting = testCase.timesOut ? attempts * timeoutMs : 0;
  return waiting + (testCase.retried ? maxBackoffMs(retries) : 0) + slackMs;
}

// Each case has its own servers, so cases run side by side (vitest's maxConcurrency, 5 at a time).
describe.concurrent('fault matrix', () => {
describe.each(CASES)('$name', (testCase) => {
  it(`core: ${testCase.core.error.name}${testCase.core.reason ? ` (${testCase.core.reason})` : ''}, within the timeout`, async ({ expect }) => {
    const arena = await arenaFor(testCase, 'core');
    const client = createZenClient({
      url: arena.url,
      token: TOKEN,
      timeoutMs: timeoutFor(testCase),
      retries: CORE_RETRIES,
      onRateLimit: 'fail',
    });
    const started = performance.now();
    const error = await client.getTotals(DAY).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    const elapsed = performance.now() - started;

    expect(error).toBeInstanceOf(testCase.core.error);
    expect((error as ZenError).message).toMatch(testCase.core.message);
    if (testCase.core.reason) expect((error as ZenNetworkError).reason).toBe(testCase.core.reason);
    // An aborted request reaches the simulator's log only once its server notices the hang-up.
    await expect.poll(() => arena.sent()).toBe(testCase.retried ? CORE_RETRIES + 1 : 1);
    expect(elapsed).toBeLessThan(boundMs(testCase, CORE_RETRIES, TIMEOUT_MS));
  });

  it(`CLI: exits ${testCase.cliExit} with a message on stderr and nothing on stdout`, async ({ expect }) => {
    const arena = await arenaFor(testCase, 'cli');
    const cacheDir = await mkdtemp(join(scratch, 'cli-'));
    const run = await runCli(
      ['totals', DAY, '--url', arena.url, '--format', 'json', '--on-rate-limit', 'fail', '--timeout', `${timeoutFor(testCase)}ms`, '--cache-dir', cacheDir],
      { env: { ZEN_TOKEN: TOKEN }, killAfterMs: 40_000 },
    );

    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: testCase.cliExit, stderr: expect.stringMatching(testCase.cliMessage) });
    expect(run.stdout).toBe('');
    await expect.poll(() => arena.sent()).toBe(testCase.retried ? 3 : 1);
    // The attempts, timeouts and backoffs are timed from the first request, so that Node's start
    // on a busy machine does not count against them; the start itself has a bound of its own.
    const firstSentAt = arena.firstSentAt() as number;
    expect(firstSentAt - run.spawnedAt).toBeLessThan(CLI_START_MS);
    expect(run.closedAt - firstSentAt).toBeLessThan(boundMs(testCase, 2, TIMEOUT_MS, CLI_SLACK_MS));
  });

  it.skipIf(testCase.node === 'slow-run-only')(`n8n node: ${typeof testCase.node === 'string' ? testCase.node : `${testCase.node.error}${testCase.node.httpCode ? ` ${testCase.node.httpCode}` : ''}`}`, async ({ expect }) => {
    const arena = await arenaFor(testCase, 'node');
    // A fresh n8n process per case: the node keeps one window per token for its whole process.
    const run = await runInFreshN8nProcess({ url: arena.url, token: TOKEN, dates: [DAY], onRateLimit: 'fail' });
    expect(run.unhandled).toEqual([]);

    // Every attempt went through n8n's helper with the core's timeout; the token only as the credential adds it.
    expect(run.calls.length).toBeGreaterThan(0);
    for (const call of run.calls) {
      expect(call).toMatchObject({ credentialType: 'crmZenApi', timeout: NODE_TIMEOUT_MS });
      expect(Object.keys(call.headers).map((name) => name.toLowerCase())).not.toContain('token');
    }
    if (testCase.node === 'items') {
      expect(run.error).toBeUndefined();
      expect(run.items?.length).toBeGreaterThan(0);
      return;
    }
    const expected = testCase.node as Exclude<FaultCase['node'], string>;
    expect(run.error?.name).toBe(expected.error);
    if (expected.httpCode) expect(run.error?.httpCode).toBe(expected.httpCode);
    if (expected.cause) expect(run.error?.failure?.cause).toBe(expected.cause);
    const retried = expected.retried ?? testCase.retried;
    expect(run.calls).toHaveLength(retried ? 3 : 1);
    expect(arena.sent()).toBe(retried ? 3 : 1);
    expect(run.elapsedMs).toBeLessThan(boundMs({ ...testCase, retried }, 2, NODE_TIMEOUT_MS));
  });
});
});

describe('no hang in the node past its 30 s timeout', () => {
  // One attempt (fail mode does not wait for the next window) × 30 s: too slow for every run, so it runs when asked.
  it.runIf(process.env.ZEN_RELIABILITY_SLOW === '1')(
    'raw headers-then-silence: NodeOperationError (timeout) after 30 s, not later',
    async () => {
      const run = await runInFreshN8nProcess({ url: raw.urlFor('headers-then-silence', 'node-slow'), token: TOKEN, onRateLimit: 'fail' });
      expect(run.error?.name).toBe('NodeOperationError');
      expect(String(run.error?.message)).toMatch(/did not answer in time/);
      expect(raw.requests.filter((request) => request.head.includes('/node-slow?'))).toHaveLength(1);
      expect(run.elapsedMs).toBeLessThan(NODE_TIMEOUT_MS + SLACK_MS);
    },
    120_000,
  );
});

it('left no rejection unhandled and no exception uncaught', async () => {
  await settleEventLoop();
  expect(unhandled.seen).toEqual([]);
});
