/**
 * The hostile-input matrix: wrong or malicious values a person, a spreadsheet or an imported
 * workflow can hand us — dates, URLs, tokens, options — against the core, the CLI and the n8n
 * node. Each must be refused with an error that names the field and how to fix it, before
 * anything is sent: the simulator's request log stays empty, and the core's transport is never
 * even called.
 */
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZenInputError, addDays, createZenClient, todayInSaoPaulo, type ZenClientOptions } from '@zen-leads/core';
import { createSimulator } from '@zen-leads/simulator';
import { serve } from '@zen-leads/simulator/node';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli-runner.js';
import { startN8nNodeHarness } from './support/n8n-node-harness.js';
import { settleEventLoop, watchUnhandled } from './support/unhandled-rejections.js';

const unhandled = watchUnhandled();
const TOKEN = 'zen-hostile-input-tok-93e0f1';
const PAST_DAY = '2025-06-15';
const sim = createSimulator({ tokens: [TOKEN], windowMs: 0 });
const served = await serve(sim);
const simUrl = new URL(served.url);
const scratch = await mkdtemp(join(tmpdir(), 'zen-hostile-input-'));
const n8nNode = await startN8nNodeHarness();
const today = todayInSaoPaulo();
const tomorrow = addDays(today, 1);
let tried = 0;

// Things on disk the CLI cases point at: a regular file, a symbolic link to nothing, histories.
const aFile = join(scratch, 'a-file');
await writeFile(aFile, '');
await symlink(join(scratch, 'missing-target'), join(scratch, 'dangling'));
const storedDay = { date: '2025-06-14', users: [], errors: { withError: 0, ungrouped: 0, contactLimitExceeded: 0, duplicates: 0 } };
const history = join(scratch, 'history.ndjson');
await writeFile(history, `${JSON.stringify(storedDay)}\n`);
const emptyHistory = join(scratch, 'empty.ndjson');
await writeFile(emptyHistory, '');

afterAll(async () => {
  unhandled.stop();
  await n8nNode.close();
  await served.close();
  await rm(scratch, { recursive: true, force: true });
  console.log(`hostile input: ${tried} cases tried across the core, the CLI and the n8n node`);
});

/** The same simulator URL with another scheme, host or extra parts. */
const variant = (change: (url: URL) => void): string => {
  const url = new URL(served.url);
  change(url);
  return url.href;
};

interface CoreCase {
  name: string;
  field: 'date' | 'url' | 'token' | 'options';
  /** What the message must say: the fix, not just the fault. */
  fix: RegExp;
  options?: Partial<Record<keyof ZenClientOptions, unknown>>;
  date?: unknown;
}

const CORE_CASES: CoreCase[] = [
  // Dates: formats.
  { name: 'date with slashes', field: 'date', date: '2025/06/15', fix: /YYYY-MM-DD.*"2026-11-24"/ },
  { name: 'date day-first', field: 'date', date: '15-06-2025', fix: /YYYY-MM-DD/ },
  { name: 'date without zero padding', field: 'date', date: '2025-6-15', fix: /YYYY-MM-DD/ },
  { name: 'date with a time', field: 'date', date: '2025-06-15T00:00:00Z', fix: /YYYY-MM-DD/ },
  { name: 'date with a leading space', field: 'date', date: ' 2025-06-15', fix: /YYYY-MM-DD/ },
  { name: 'date with a trailing newline', field: 'date', date: '2025-06-15\n', fix: /YYYY-MM-DD/ },
  { name: 'date in full-width digits', field: 'date', date: '２０２５-06-15', fix: /YYYY-MM-DD/ },
  { name: 'date empty', field: 'date', date: '', fix: /YYYY-MM-DD/ },
  { name: 'date as a word', field: 'date', date: 'yesterday', fix: /YYYY-MM-DD/ },
  // Dates: impossible days.
  { name: '29 February in a common year', field: 'date', date: '2026-02-29', fix: /does not exist.*February has 29 days only in leap years/ },
  { name: '31 April', field: 'date', date: '2025-04-31', fix: /does not exist/ },
  { name: 'month 13', field: 'date', date: '2025-13-01', fix: /does not exist/ },
  { name: 'day 00', field: 'date', date: '2025-06-00', fix: /does not exist/ },
  // Dates: future days.
  { name: 'tomorrow in São Paulo', field: 'date', date: tomorrow, fix: /in the future.*America\/Sao_Paulo.*Ask for/ },
  { name: 'the year 2999', field: 'date', date: '2999-01-01', fix: /in the future/ },
  // Dates: not strings.
  { name: 'date as a number', field: 'date', date: 20250615, fix: /must be a string like "2026-11-24"/ },
  { name: 'date as null', field: 'date', date: null, fix: /must be a string like/ },
  { name: 'date as undefined', field: 'date', date: undefined, fix: /must be a string like/ },
  { name: 'date as a Date object', field: 'date', date: new Date('2025-06-15T12:00:00Z'), fix: /must be a string like/ },
  { name: 'date as an array', field: 'date', date: ['2025-06-15'], fix: /must be a string like/ },
  // URLs.
  { name: 'relative URL', field: 'url', options: { url: simUrl.pathname }, fix: /not an absolute URL.*starting with https:\/\// },
  { name: 'URL without a scheme', field: 'url', options: { url: simUrl.host + simUrl.pathname }, fix: /https:/ },
  { name: 'ftp: URL', field: 'url', options: { url: variant((u) => (u.protocol = 'ftp:')) }, fix: /only https: \(or http: to a loopback test server\)/ },
  { name: 'file: URL', field: 'url', options: { url: 'file:///etc/passwd' }, fix: /only https:/ },
  { name: 'javascript: URL', field: 'url', options: { url: 'javascript:alert(1)' }, fix: /only https:/ },
  { name: 'data: URL', field: 'url', options: { url: 'data:application/json,{}' }, fix: /only https:/ },
  { name: 'plain http to a non-loopback host', field: 'url', options: { url: 'http://crm-zen.invalid/api/totais-lead' }, fix: /unencrypted.*Use https:\/\/.*allowInsecureHttp/ },
  { name: 'plain http to 0.0.0.0', field: 'url', options: { url: variant((u) => (u.hostname = '0.0.0.0')) }, fix: /unencrypted.*Use https:\/\// },
  { name: 'user and password in the URL', field: 'url', options: { url: variant((u) => ((u.username = 'admin'), (u.password = 'secret'))) }, fix: /must not contain a user name or password/ },
  { name: 'the token in the query string', field: 'url', options: { url: variant((u) => u.searchParams.set('token', TOKEN)) }, fix: /contains the token.*pass it as the token option/ },
  { name: 'the token in the path', field: 'url', options: { url: variant((u) => (u.pathname = `/api/${TOKEN}`)) }, fix: /contains the token/ },
  { name: 'the token as the URL user', field: 'url', options: { url: variant((u) => (u.username = TOKEN)) }, fix: /user name or password|contains the token/ },
  { name: 'URL empty', field: 'url', options: { url: '' }, fix: /missing.*Copy the integration URL/ },
  { name: 'URL only spaces', field: 'url', options: { url: '   ' }, fix: /missing/ },
  { name: 'URL as a number', field: 'url', options: { url: 8080 }, fix: /missing/ },
  // Tokens.
  { name: 'token empty', field: 'token', options: { token: '' }, fix: /missing.*Copy it from CRM Zen/ },
  { name: 'token missing', field: 'token', options: { token: undefined }, fix: /missing/ },
  { name: 'token with a leading space', field: 'token', options: { token: ` ${TOKEN}` }, fix: /Copy it again without surrounding whitespace/ },
  { name: 'token with a trailing newline (pasted from a file)', field: 'token', options: { token: `${TOKEN}\n` }, fix: /line breaks/ },
  { name: 'token with CR/LF header injection', field: 'token', options: { token: `${TOKEN}\r\nX-Injected: 1` }, fix: /line breaks.*Copy it again/ },
  { name: 'token with a tab', field: 'token', options: { token: `${TOKEN}\tx` }, fix: /spaces, line breaks/ },
  { name: 'token with a NUL byte', field: 'token', options: { token: `${TOKEN}\u0000` }, fix: /control/ },
  { name: 'token with DEL', field: 'token', options: { token: `${TOKEN}\u007f` }, fix: /control/ },
  { name: 'token of 5,000 characters', field: 'token', options: { token: 'a'.repeat(5_000) }, fix: /5000 characters long, more than 4096/ },
  { name: 'token as a number', field: 'token', options: { token: 12345 }, fix: /missing/ },
  // Options.
  { name: 'negative minIntervalMs', field: 'options', options: { minIntervalMs: -1 }, fix: /minIntervalMs must be a finite number of milliseconds ≥ 0, got -1/ },
  { name: 'negative timeoutMs', field: 'options', options: { timeoutMs: -5_000 }, fix: /timeoutMs must be .*≥ 0/ },
  { name: 'infinite timeoutMs', field: 'options', options: { timeoutMs: Number.POSITIVE_INFINITY }, fix: /timeoutMs must be a finite number/ },
  { name: 'NaN maxWaitMs', field: 'options', options: { maxWaitMs: Number.NaN }, fix: /maxWaitMs must be a finite number/ },
  { name: 'maxWaitMs as text', field: 'options', options: { maxWaitMs: '10m' }, fix: /maxWaitMs must be a finite number of milliseconds/ },
  { name: 'negative pastDayCacheTtlMs', field: 'options', options: { pastDayCacheTtlMs: -1 }, fix: /pastDayCacheTtlMs must be/ },
  { name: 'negative retries', field: 'options', options: { retries: -1 }, fix: /retries must be a whole number from 0 to 10/ },
  { name: 'fractional retries', field: 'options', options: { retries: 1.5 }, fix: /retries must be a whole number/ },
  { name: 'unknown onRateLimit mode', field: 'options', options: { onRateLimit: 'retry' }, fix: /onRateLimit must be "wait" or "fail", got "retry"/ },
];

describe('core: refused before anything is sent', () => {
  it.each(CORE_CASES)('$name → ZenInputError($field)', async (testCase) => {
    const { field, fix, options = {} } = testCase;
    // `date: undefined` is a case of its own, so only a case without the key gets the default day.
    const date = 'date' in testCase ? testCase.date : PAST_DAY;
    tried++;
    sim.clearLog();
    let transportCalls = 0;
    const countingFetch: typeof fetch = (input, init) => {
      transportCalls++;
      return fetch(input, init);
    };
    const error = await (async () => {
      const client = createZenClient({ url: served.url, token: TOKEN, retries: 0, fetch: countingFetch, ...(options as Partial<ZenClientOptions>) });
      return await client.getTotals(date as string);
    })().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(ZenInputError);
    expect((error as ZenInputError).field).toBe(field);
    expect((error as ZenInputError).message).toMatch(fix);
    expect(transportCalls).toBe(0);
    expect(sim.log).toEqual([]);
  });

  // Found by this suite: such a token used to pass validation, then fail in the platform's
  // Headers and be reported — after two retries — as a network failure (CLI exit 5).
  it('a token outside printable ASCII (here "€") is refused as input, never sent nor retried as a network failure', async () => {
    tried++;
    sim.clearLog();
    let transportCalls = 0;
    const error = await (async () => {
      const client = createZenClient({
        url: served.url,
        token: `${TOKEN}€`,
        retries: 2,
        fetch: (input, init) => {
          transportCalls++;
          return fetch(input, init);
        },
      });
      return await client.getTotals(PAST_DAY);
    })().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(sim.log).toEqual([]);
    expect({ name: (error as Error).name, field: (error as ZenInputError).field, transportCalls }).toEqual({ name: 'ZenInputError', field: 'token', transportCalls: 0 });
    expect((error as Error).message).toMatch(/outside ASCII|non-ASCII/);
  });
});

interface CliCase {
  name: string;
  args: string[];
  env?: Record<string, string>;
  fix: RegExp;
  /** Each case gets a fresh --cache-dir unless the case is about the cache folder or takes no such option. */
  cacheDir?: false;
}

const CACHE_FOLDER_FIX = /Set --cache-dir or ZEN_CACHE_DIR to a writable folder, or pass --store memory:/;

const CLI_CASES: CliCase[] = [
  { name: 'DATE with slashes', args: ['totals', '2025/06/15'], fix: /DATE must be YYYY-MM-DD, "today" or "yesterday"/ },
  { name: 'DATE as "tomorrow"', args: ['totals', 'tomorrow'], fix: /DATE must be YYYY-MM-DD, "today" or "yesterday"/ },
  { name: 'DATE 29 February 2026', args: ['totals', '2026-02-29'], fix: /not a day on the calendar.*February/ },
  { name: 'DATE tomorrow (ISO)', args: ['totals', tomorrow], fix: /in the future.*Ask for/ },
  { name: 'DATE empty string', args: ['totals', ''], fix: /DATE must be|YYYY-MM-DD/ },
  { name: '--url relative', args: ['totals', PAST_DAY, '--url', simUrl.pathname], fix: /not an absolute URL.*https:\/\/.*--url|ZEN_URL/s },
  { name: '--url ftp:', args: ['totals', PAST_DAY, '--url', variant((u) => (u.protocol = 'ftp:'))], fix: /only https:/ },
  { name: '--url plain http to a non-loopback host', args: ['totals', PAST_DAY, '--url', 'http://crm-zen.invalid/api'], fix: /unencrypted.*https:\/\//s },
  { name: '--url with user and password', args: ['totals', PAST_DAY, '--url', variant((u) => ((u.username = 'admin'), (u.password = 'x')))], fix: /must not contain a user name or password/ },
  { name: '--url carrying the token in the query', args: ['totals', PAST_DAY, '--url', variant((u) => u.searchParams.set('token', TOKEN))], fix: /contains the token/ },
  { name: 'ZEN_TOKEN with CR/LF', args: ['totals', PAST_DAY], env: { ZEN_TOKEN: `${TOKEN}\r\nX-Injected: 1` }, fix: /line breaks.*ZEN_TOKEN/s },
  { name: 'ZEN_TOKEN only spaces', args: ['totals', PAST_DAY], env: { ZEN_TOKEN: '   ' }, fix: /no token\. Set ZEN_TOKEN/ },
  { name: 'ZEN_TOKEN of 5,000 characters', args: ['totals', PAST_DAY], env: { ZEN_TOKEN: 'b'.repeat(5_000) }, fix: /more than 4096/ },
  { name: 'no URL at all', args: ['totals', PAST_DAY], env: { ZEN_URL: '' }, fix: /no API URL\. Set ZEN_URL/ },
  { name: '--format xml', args: ['totals', PAST_DAY, '--format', 'xml'], fix: /--format must be one of table, json, csv, ndjson/ },
  { name: '--view pivot', args: ['totals', PAST_DAY, '--view', 'pivot'], fix: /--view must be one of/ },
  { name: '--timeout -5s (negative duration)', args: ['totals', PAST_DAY, '--timeout=-5s'], fix: /--timeout/ },
  { name: '--max-wait 10 parsecs', args: ['totals', PAST_DAY, '--max-wait', '10 parsecs'], fix: /--max-wait/ },
  { name: '--min-interval 0', args: ['totals', PAST_DAY, '--min-interval', '0'], fix: /--min-interval must be more than 0/ },
  { name: '--on-rate-limit retry', args: ['totals', PAST_DAY, '--on-rate-limit', 'retry'], fix: /--on-rate-limit must be one of wait, fail/ },
  { name: 'unknown option --tokn', args: ['totals', PAST_DAY, '--tokn', TOKEN], fix: /--tokn.*zen-leads totals --help/s },
  { name: 'two DATE arguments', args: ['totals', PAST_DAY, '2025-06-16'], fix: /unexpected argument "2025-06-16"/ },
  { name: 'DATE 0000-01-01', args: ['totals', '0000-01-01'], fix: /there is no year 0000/ },
  { name: 'no command at all (a cron line cut short)', args: [], cacheDir: false, fix: /no command given\. Name one, e\.g\. zen-leads totals\.\n\nUsage: zen-leads/ },
  // Cache folders that cannot be created or written: refused at once, never a spin or "a bug".
  { name: 'ZEN_CACHE_DIR under /proc', args: ['totals', PAST_DAY], env: { ZEN_CACHE_DIR: '/proc/zen-nope' }, cacheDir: false, fix: /cannot use the cache folder \/proc\/zen-nope: \/proc does not allow new folders/ },
  { name: '--cache-dir under a regular file', args: ['totals', PAST_DAY, '--cache-dir', join(aFile, 'zen')], cacheDir: false, fix: /is a file, not a folder/ },
  { name: 'XDG_CACHE_HOME a dangling symbolic link', args: ['totals', PAST_DAY], env: { XDG_CACHE_HOME: join(scratch, 'dangling') }, cacheDir: false, fix: /is a symbolic link to .*, which does not exist/ },
  { name: '--store file: under /sys', args: ['totals', PAST_DAY, '--store', 'file:/sys/zen-nope'], cacheDir: false, fix: /cannot use the cache folder \/sys\/zen-nope.*Set --store \(or ZEN_STORE\) to file:<a writable folder>/s },
  // Backfill ranges: the reason alone, before anything starts.
  { name: 'backfill --from today', args: ['backfill', '--from', today, '--out', join(scratch, 'b1.ndjson')], fix: /--from .* is today in São Paulo; a backfill stores closed days only/ },
  { name: 'backfill --to today', args: ['backfill', '--from', PAST_DAY, '--to', 'today', '--out', join(scratch, 'b2.ndjson')], fix: /--to .* is today in São Paulo; a backfill stores closed days only/ },
  { name: 'backfill --from after --to', args: ['backfill', '--from', '2025-06-20', '--to', PAST_DAY, '--out', join(scratch, 'b3.ndjson')], fix: /--to 2025-06-15 is before --from 2025-06-20/ },
  // Reports: an output folder that is not there, a span or history with no day.
  { name: 'report --out in a missing folder', args: ['report', '--in', history, '--out', join(scratch, 'no-such-folder', 'r.html')], cacheDir: false, fix: /cannot write the report to .*r\.html: the folder .*no-such-folder does not exist/ },
  { name: 'report --from after the last stored day', args: ['report', '--in', history, '--out', join(scratch, 'r1.html'), '--from', '2025-07-01'], cacheDir: false, fix: /holds no day from 2025-07-01 on; nothing was written\. It holds 1 day from 2025-06-14/ },
  { name: 'report of an empty history', args: ['report', '--in', emptyHistory, '--out', join(scratch, 'r2.html')], cacheDir: false, fix: /holds no day yet; nothing was written/ },
];

describe('CLI (the built bin): exit 2, the fix on stderr, nothing sent', () => {
  it.concurrent.for(CLI_CASES)('$name', async ({ args, env, fix, cacheDir }, { expect }) => {
    tried++;
    const cacheArgs = cacheDir === false ? [] : ['--cache-dir', await mkdtemp(join(scratch, 'cli-'))];
    const run = await runCli([...args, ...cacheArgs], { env: { ZEN_URL: served.url, ZEN_TOKEN: TOKEN, ...env }, killAfterMs: 20_000 });
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(fix);
    expect(run.stderr).not.toContain(TOKEN);
    expect(run.stderr).not.toMatch(/this is a bug|\n\s+at /i);
  });

  it('a short token that is also a word stays redacted where it stands, and zen-leads keeps its name', async () => {
    tried++;
    const run = await runCli(['totals', 'lead', '--cache-dir', await mkdtemp(join(scratch, 'cli-'))], { env: { ZEN_URL: served.url, ZEN_TOKEN: 'lead' } });
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
    expect(run.stderr).toBe('zen-leads: DATE must be YYYY-MM-DD, "today" or "yesterday", not "[redacted token]". Example: zen-leads totals 2026-11-24\n');
  });

  it('sent nothing across all of them', () => {
    expect(sim.log).toEqual([]);
  });
});

interface NodeCase {
  name: string;
  url?: string;
  token?: string;
  dates?: unknown[];
  output?: unknown;
  onRateLimit?: string;
  maxWaitMinutes?: number;
  timeoutSeconds?: number;
  fix: RegExp;
}

const NODE_CASES: NodeCase[] = [
  { name: 'date with slashes', dates: ['2025/06/15'], fix: /YYYY-MM-DD/ },
  { name: 'date 29 February 2026', dates: ['2026-02-29'], fix: /does not exist/ },
  { name: 'date tomorrow', dates: [tomorrow], fix: /in the future/ },
  { name: 'date from an expression that gave a number', dates: [20250615], fix: /YYYY-MM-DD/ },
  { name: 'date from an expression that gave an object', dates: [{ day: '2025-06-15' }], fix: /YYYY-MM-DD/ },
  { name: 'credential URL ftp:', url: variant((u) => (u.protocol = 'ftp:')), fix: /only https:/ },
  { name: 'credential URL plain http to a non-loopback host', url: 'http://crm-zen.invalid/api', fix: /unencrypted/ },
  { name: 'credential URL with user and password', url: variant((u) => ((u.username = 'a'), (u.password = 'b'))), fix: /user name or password/ },
  { name: 'credential URL carrying the token', url: variant((u) => u.searchParams.set('token', TOKEN)), fix: /contains the token/ },
  { name: 'credential token empty', token: '', fix: /token is missing/ },
  { name: 'credential token with CR/LF', token: `${TOKEN}\r\nX-Injected: 1`, fix: /line breaks.*Copy it again/ },
  { name: 'credential token of 5,000 characters', token: 'c'.repeat(5_000), fix: /more than 4096/ },
  { name: 'output "xml" from an imported workflow', output: 'xml', fix: /Unknown output "xml"/ },
  { name: 'onRateLimit "retry" from an imported workflow', onRateLimit: 'retry', fix: /onRateLimit must be "wait" or "fail"/ },
  { name: 'Max Wait of −5 minutes from an expression', maxWaitMinutes: -5, fix: /Max Wait must be 0 minutes or more, got -5/ },
  { name: 'Timeout of 0 seconds from an expression', timeoutSeconds: 0, fix: /Timeout must be more than 0 seconds, got 0/ },
];

describe('n8n node (the built bundle): NodeOperationError naming the fix, no request', () => {
  it.each(NODE_CASES)('$name', async (testCase) => {
    tried++;
    sim.clearLog();
    const run = await n8nNode.run({
      url: testCase.url ?? served.url,
      token: testCase.token ?? TOKEN,
      dates: testCase.dates ?? [PAST_DAY],
      output: testCase.output,
      onRateLimit: testCase.onRateLimit as 'wait',
      ...(testCase.maxWaitMinutes === undefined ? {} : { maxWaitMinutes: testCase.maxWaitMinutes }),
      ...(testCase.timeoutSeconds === undefined ? {} : { timeoutSeconds: testCase.timeoutSeconds }),
    });
    expect(run.error?.name).toBe('NodeOperationError');
    expect(run.error?.message).toMatch(testCase.fix);
    expect(run.calls).toEqual([]);
    expect(sim.log).toEqual([]);
    expect(run.unhandled).toEqual([]);
  });
});

it('tried at least 30 hostile inputs, and left no rejection unhandled', async () => {
  await settleEventLoop();
  expect(tried).toBeGreaterThanOrEqual(30);
  expect(unhandled.seen).toEqual([]);
});
