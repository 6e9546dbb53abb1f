/**
 * The hostile-input matrix: wrong or malicious values a person, a spreadsheet or an imported
 * workflow can hand us — dates, URLs, tokens, options — against the core, the CLI and the n8n
 * node. Each must be refused with an error that names the problem and the fix in the host's own
 * terms (the core: its `field` and `reason`, a `problem` and a `hint` naming the option; the CLI:
 * the flag or env var; the node: the field as n8n's editor shows it), before anything is sent:
 * the simulator's request log stays empty, and the core's transport is never even called.
 */
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZenInputError, addDays, createZenClient, todayInSaoPaulo, type ZenClientOptions, type ZenInputField, type ZenInputReason } from '@zen-leads/core';
import { createSimulator } from '@zen-leads/simulator';
import { serve } from '@zen-leads/simulator/node';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli-runner.js';
import { runInFreshN8nProcess, startN8nNodeHarness } from './support/n8n-node-harness.js';
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
  /** The input at fault: the option's name, or `date` for the day passed to `getTotals`. */
  field: ZenInputField;
  reason: ZenInputReason;
  /** What `problem` must say: the fault, with the value where it is safe to repeat. */
  problem: RegExp;
  /** What `hint` must say: the fix, in the library's terms. */
  fix: RegExp;
  options?: Partial<Record<keyof ZenClientOptions, unknown>>;
  date?: unknown;
}

const DATE_FORMAT = { field: 'date', reason: 'format', problem: /is not in the YYYY-MM-DD format/, fix: /Write it like "2026-11-24"/ } as const;
const DATE_TYPE = { field: 'date', reason: 'type', problem: /The date must be a string like "2026-11-24", got /, fix: /Pass the day as YYYY-MM-DD/ } as const;
const REAL_DAY = /Pass a real calendar day as YYYY-MM-DD/;
const URL_SCHEME = { field: 'url', reason: 'scheme', fix: /Use the https:\/\/ integration URL/ } as const;
const TOKEN_CHARACTERS = {
  field: 'token',
  reason: 'characters',
  problem: /The token contains spaces, line breaks, control characters or characters outside ASCII/,
  fix: /Copy it again from CRM Zen → Integração, without surrounding whitespace/,
} as const;
const COPY_FROM_CRM_ZEN = /Copy it from CRM Zen \(gear icon → Integração\)/;
const duration = (field: ZenInputField, got: string): Pick<CoreCase, 'field' | 'reason' | 'problem' | 'fix'> => ({
  field,
  reason: 'range',
  problem: new RegExp(`^${field} must be a number of milliseconds ≥ 0, got ${got}\\.$`),
  fix: new RegExp(`^Pass ${field} as a number such as 60000\\.$`),
});

const CORE_CASES: CoreCase[] = [
  // Dates: formats.
  { name: 'date with slashes', ...DATE_FORMAT, date: '2025/06/15' },
  { name: 'date day-first', ...DATE_FORMAT, date: '15-06-2025' },
  { name: 'date without zero padding', ...DATE_FORMAT, date: '2025-6-15' },
  { name: 'date with a time', ...DATE_FORMAT, date: '2025-06-15T00:00:00Z' },
  { name: 'date with a leading space', ...DATE_FORMAT, date: ' 2025-06-15' },
  { name: 'date with a trailing newline', ...DATE_FORMAT, date: '2025-06-15\n' },
  { name: 'date in full-width digits', ...DATE_FORMAT, date: '２０２５-06-15' },
  { name: 'date empty', ...DATE_FORMAT, date: '' },
  { name: 'date as a word', ...DATE_FORMAT, date: 'yesterday' },
  // Dates: impossible days.
  { name: '29 February in a common year', field: 'date', reason: 'nonexistent', date: '2026-02-29', problem: /2026-02-29 does not exist: February 2026 has days 01 to 28/, fix: REAL_DAY },
  { name: '31 April', field: 'date', reason: 'nonexistent', date: '2025-04-31', problem: /2025-04-31 does not exist: April 2025 has days 01 to 30/, fix: REAL_DAY },
  { name: 'month 13', field: 'date', reason: 'nonexistent', date: '2025-13-01', problem: /2025-13-01 does not exist: months run from 01 to 12/, fix: REAL_DAY },
  { name: 'day 00', field: 'date', reason: 'nonexistent', date: '2025-06-00', problem: /2025-06-00 does not exist: June 2025 has days 01 to 30/, fix: REAL_DAY },
  // Dates: future days.
  { name: 'tomorrow in São Paulo', field: 'date', reason: 'future', date: tomorrow, problem: new RegExp(`${tomorrow} is in the future: today in America/Sao_Paulo is ${today}`), fix: new RegExp(`Ask for ${today} or an earlier day`) },
  { name: 'the year 2999', field: 'date', reason: 'future', date: '2999-01-01', problem: /2999-01-01 is in the future/, fix: /or an earlier day/ },
  // Dates: not strings.
  { name: 'date as a number', ...DATE_TYPE, date: 20250615 },
  { name: 'date as null', ...DATE_TYPE, date: null },
  { name: 'date as undefined', ...DATE_TYPE, date: undefined },
  { name: 'date as a Date object', ...DATE_TYPE, date: new Date('2025-06-15T12:00:00Z') },
  { name: 'date as an array', ...DATE_TYPE, date: ['2025-06-15'] },
  // URLs.
  { name: 'relative URL', field: 'url', reason: 'not-absolute', options: { url: simUrl.pathname }, problem: /is not an absolute URL/, fix: /Use the full integration URL, starting with https:\/\// },
  { name: 'URL without a scheme', field: 'url', reason: 'not-absolute', options: { url: simUrl.host + simUrl.pathname }, problem: /is not an absolute URL/, fix: /starting with https:\/\// },
  { name: 'ftp: URL', ...URL_SCHEME, options: { url: variant((u) => (u.protocol = 'ftp:')) }, problem: /The URL uses ftp:, which the API does not speak/ },
  { name: 'file: URL', ...URL_SCHEME, options: { url: 'file:///etc/passwd' }, problem: /The URL uses file:/ },
  { name: 'javascript: URL', ...URL_SCHEME, options: { url: 'javascript:alert(1)' }, problem: /The URL uses javascript:/ },
  { name: 'data: URL', ...URL_SCHEME, options: { url: 'data:application/json,{}' }, problem: /The URL uses data:/ },
  { name: 'plain http to a non-loopback host', field: 'url', reason: 'insecure-http', options: { url: 'http://crm-zen.invalid/api/totais-lead' }, problem: /http:\/\/crm-zen\.invalid uses plain http: the token would travel unencrypted/, fix: /Use https:\/\/, or set allowInsecureHttp: true for a trusted test server/ },
  { name: 'plain http to 0.0.0.0', field: 'url', reason: 'insecure-http', options: { url: variant((u) => (u.hostname = '0.0.0.0')) }, problem: /unencrypted/, fix: /Use https:\/\// },
  { name: 'user and password in the URL', field: 'url', reason: 'userinfo', options: { url: variant((u) => ((u.username = 'admin'), (u.password = 'secret'))) }, problem: /The URL contains a user name or password/, fix: /Remove it: the token goes in the token option/ },
  { name: 'the token in the query string', field: 'url', reason: 'token-in-url', options: { url: variant((u) => u.searchParams.set('token', TOKEN)) }, problem: /The URL contains the token/, fix: /pass it as the token option: it is sent as a header, never in the URL/ },
  { name: 'the token in the path', field: 'url', reason: 'token-in-url', options: { url: variant((u) => (u.pathname = `/api/${TOKEN}`)) }, problem: /The URL contains the token/, fix: /pass it as the token option/ },
  { name: 'the token as the URL user', field: 'url', reason: 'userinfo', options: { url: variant((u) => (u.username = TOKEN)) }, problem: /contains a user name or password/, fix: /the token goes in the token option/ },
  { name: 'URL empty', field: 'url', reason: 'missing', options: { url: '' }, problem: /The integration URL is missing/, fix: COPY_FROM_CRM_ZEN },
  { name: 'URL only spaces', field: 'url', reason: 'missing', options: { url: '   ' }, problem: /The integration URL is missing/, fix: /Pass it as the url option/ },
  { name: 'URL as a number', field: 'url', reason: 'type', options: { url: 8080 }, problem: /The integration URL must be a string, got 8080/, fix: /Pass it as the url option/ },
  // Tokens.
  { name: 'token empty', field: 'token', reason: 'missing', options: { token: '' }, problem: /The token is missing/, fix: COPY_FROM_CRM_ZEN },
  { name: 'token missing', field: 'token', reason: 'missing', options: { token: undefined }, problem: /The token is missing/, fix: /Pass it as the token option/ },
  { name: 'token with a leading space', ...TOKEN_CHARACTERS, options: { token: ` ${TOKEN}` } },
  { name: 'token with a trailing newline (pasted from a file)', ...TOKEN_CHARACTERS, options: { token: `${TOKEN}\n` } },
  { name: 'token with CR/LF header injection', ...TOKEN_CHARACTERS, options: { token: `${TOKEN}\r\nX-Injected: 1` } },
  { name: 'token with a tab', ...TOKEN_CHARACTERS, options: { token: `${TOKEN}\tx` } },
  { name: 'token with a NUL byte', ...TOKEN_CHARACTERS, options: { token: `${TOKEN}\u0000` } },
  { name: 'token with DEL', ...TOKEN_CHARACTERS, options: { token: `${TOKEN}\u007f` } },
  { name: 'token of 5,000 characters', field: 'token', reason: 'too-long', options: { token: 'a'.repeat(5_000) }, problem: /The token is 5000 characters long, more than 4096/, fix: /Check that the whole value is the token and nothing else/ },
  { name: 'token as a number', field: 'token', reason: 'type', options: { token: 12345 }, problem: /The token must be a string, got number/, fix: /Pass it as the token option/ },
  // Options.
  { name: 'negative minIntervalMs', ...duration('minIntervalMs', '-1'), options: { minIntervalMs: -1 } },
  { name: 'negative windowMarginMs', ...duration('windowMarginMs', '-1'), options: { windowMarginMs: -1 } },
  { name: 'negative timeoutMs', ...duration('timeoutMs', '-5000'), options: { timeoutMs: -5_000 } },
  { name: 'infinite timeoutMs', ...duration('timeoutMs', 'Infinity'), options: { timeoutMs: Number.POSITIVE_INFINITY } },
  { name: 'NaN maxWaitMs', ...duration('maxWaitMs', 'NaN'), options: { maxWaitMs: Number.NaN } },
  { name: 'maxWaitMs as text', ...duration('maxWaitMs', '"10m"'), options: { maxWaitMs: '10m' } },
  { name: 'negative pastDayCacheTtlMs', ...duration('pastDayCacheTtlMs', '-1'), options: { pastDayCacheTtlMs: -1 } },
  { name: 'negative retries', field: 'retries', reason: 'range', options: { retries: -1 }, problem: /^retries must be a whole number from 0 to 10, got -1\.$/, fix: /^Pass retries: 2 \(the default\) or another number from 0 to 10\.$/ },
  { name: 'fractional retries', field: 'retries', reason: 'range', options: { retries: 1.5 }, problem: /^retries must be a whole number from 0 to 10, got 1\.5\.$/, fix: /Pass retries: 2/ },
  { name: 'unknown onRateLimit mode', field: 'onRateLimit', reason: 'range', options: { onRateLimit: 'retry' }, problem: /^onRateLimit must be "wait" or "fail", got "retry"\.$/, fix: /^Pass onRateLimit: 'wait' or 'fail'\.$/ },
];

describe('core: refused before anything is sent', () => {
  it.each(CORE_CASES)('$name → ZenInputError($field, $reason), the problem and the fix named', async (testCase) => {
    const { field, reason, problem, fix, options = {} } = testCase;
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
    const input = error as ZenInputError;
    expect({ field: input.field, reason: input.reason }).toEqual({ field, reason });
    expect(input.problem).toMatch(problem);
    expect(input.hint).toMatch(fix);
    // What a library user reads: the problem, then the fix; `toJSON` carries the same structure.
    expect(input.message).toBe(`${input.problem} ${input.hint}`);
    expect(input.toJSON()).toMatchObject({ code: 'ZEN_INPUT', field, reason, problem: input.problem, hint: input.hint });
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
    expect({ name: (error as Error).name, field: (error as ZenInputError).field, reason: (error as ZenInputError).reason, transportCalls }).toEqual({
      name: 'ZenInputError',
      field: 'token',
      reason: 'characters',
      transportCalls: 0,
    });
    expect((error as ZenInputError).problem).toMatch(/outside ASCII/);
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
  { name: 'DATE with slashes', args: ['totals', '2025/06/15'], fix: /is not in the YYYY-MM-DD format\. Pass DATE as YYYY-MM-DD, "today" or "yesterday"/ },
  { name: 'DATE as "tomorrow"', args: ['totals', 'tomorrow'], fix: /is not in the YYYY-MM-DD format\. Pass DATE as YYYY-MM-DD, "today" or "yesterday"/ },
  { name: 'DATE 29 February 2026', args: ['totals', '2026-02-29'], fix: /does not exist: February 2026 has days 01 to 28\. Pass DATE as YYYY-MM-DD/ },
  { name: 'DATE tomorrow (ISO)', args: ['totals', tomorrow], fix: /in the future.*Ask for/ },
  { name: 'DATE empty string', args: ['totals', ''], fix: /DATE must be|YYYY-MM-DD/ },
  { name: '--url relative', args: ['totals', PAST_DAY, '--url', simUrl.pathname], fix: /not an absolute URL.*https:\/\/.*--url|ZEN_URL/s },
  { name: '--url ftp:', args: ['totals', PAST_DAY, '--url', variant((u) => (u.protocol = 'ftp:'))], fix: /The URL uses ftp:, which the API does not speak\. .*ZEN_URL \(or --url\) to the https:\/\/ integration URL/ },
  { name: '--url plain http to a non-loopback host', args: ['totals', PAST_DAY, '--url', 'http://crm-zen.invalid/api'], fix: /unencrypted.*https:\/\//s },
  { name: '--url with user and password', args: ['totals', PAST_DAY, '--url', variant((u) => ((u.username = 'admin'), (u.password = 'x')))], fix: /The URL contains a user name or password\. Remove the user name and password from ZEN_URL \(or --url\); the token goes in ZEN_TOKEN/ },
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
  { name: 'DATE 0000-01-01', args: ['totals', '0000-01-01'], fix: /does not exist: years start at 0001\. Pass DATE as YYYY-MM-DD/ },
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
    // Refused in about a second alone; five at a time beside three other test workers on two
    // cores, a Node start alone has taken longer than 20 s. The test's own bound is 60 s.
    const run = await runCli([...args, ...cacheArgs], { env: { ZEN_URL: served.url, ZEN_TOKEN: TOKEN, ...env }, killAfterMs: 45_000 });
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(fix);
    expect(run.stderr).not.toContain(TOKEN);
    expect(run.stderr).not.toMatch(/this is a bug|\n\s+at /i);
  });

  it('a short token that is also a word stays redacted where it stands, and zen-leads keeps its name', async () => {
    tried++;
    const run = await runCli(['totals', 'lead', '--cache-dir', await mkdtemp(join(scratch, 'cli-'))], { env: { ZEN_URL: served.url, ZEN_TOKEN: 'lead' } });
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
    expect(run.stderr).toBe('zen-leads: The date "[redacted token]" is not in the YYYY-MM-DD format. Pass DATE as YYYY-MM-DD, "today" or "yesterday" (São Paulo days), e.g. zen-leads totals 2026-11-24.\n');
  });

  it('sent nothing across all of them', () => {
    expect(sim.log).toEqual([]);
  });
});

interface NodeCase {
  name: string;
  url?: string;
  token?: string;
  typeVersion?: 1 | 2;
  day?: unknown;
  fromDate?: unknown;
  toDate?: unknown;
  dates?: unknown[];
  output?: unknown;
  onRateLimit?: string;
  maxWaitMinutes?: number;
  timeoutSeconds?: number;
  /** What the error's message must say: the problem, naming the field as the editor shows it. */
  problem: RegExp;
  /** What its description must say: the fix, naming the node's or the credential's field. */
  fix: RegExp;
}

const SET_DATE = /^Set Date to a day such as 2026-01-31, 31\/01\/2026 \(day first\).*Days are São Paulo calendar days\.$/;
const INTEGRATION_SCREEN = 'CRM Zen \\(gear icon → Integração\\)';

const NODE_CASES: NodeCase[] = [
  { name: 'Date with slashes', dates: ['2025/06/15'], problem: /^Date "2025\/06\/15" is not a calendar day\.$/, fix: SET_DATE },
  { name: 'typeVersion 1: Date with slashes', typeVersion: 1, dates: ['2025/06/15'], problem: /^Date "2025\/06\/15" is not a calendar day\.$/, fix: SET_DATE },
  { name: 'Date 29 February 2026', dates: ['2026-02-29'], problem: /^Date "2026-02-29" is not a calendar day\.$/, fix: SET_DATE },
  { name: 'Date tomorrow', dates: [tomorrow], problem: new RegExp(`^${tomorrow} is after today in São Paulo \\(${today}\\)\\.$`), fix: /^Choose a day up to today \(São Paulo time\)\.$/ },
  { name: 'Date from an expression that gave a number', dates: [20250615], problem: /^Date 20250615 \(a number\) is not a calendar day\.$/, fix: SET_DATE },
  { name: 'Date from an expression that gave an object', dates: [{ day: '2025-06-15' }], problem: /^Date \(object\) is not a calendar day\.$/, fix: SET_DATE },
  { name: 'Day "weekly" from an imported workflow', day: 'weekly', problem: /^Day "weekly" is not one of the choices\.$/, fix: /^Set Day to Yesterday, Today, Specific Date or Date Range\.$/ },
  { name: 'Date Range with To before From', day: 'dateRange', fromDate: '2025-06-20', toDate: PAST_DAY, problem: /^To \(2025-06-15\) is before From \(2025-06-20\)\.$/, fix: /^Set From to the first day of the range and To to the last\.$/ },
  { name: 'Date Range of 40 days', day: 'dateRange', fromDate: '2025-05-01', toDate: '2025-06-09', problem: /^The range 2025-05-01 to 2025-06-09 covers 40 days, more than 31\.$/, fix: /^Split it into ranges of at most 31 days/ },
  { name: 'Date Range with From empty', day: 'dateRange', fromDate: '', toDate: PAST_DAY, problem: /^From is empty\.$/, fix: /^Set From to a day such as 2026-01-31/ },
  { name: 'credential URL ftp:', url: variant((u) => (u.protocol = 'ftp:')), problem: /^The credential's URL does not start with https:\/\/\.$/, fix: new RegExp(`^Paste the integration URL from ${INTEGRATION_SCREEN}, starting with https://, into URL\\.$`) },
  { name: 'credential URL plain http to a non-loopback host', url: 'http://crm-zen.invalid/api', problem: /^The credential's URL uses plain http:\/\/, so the token would travel unencrypted\.$/, fix: /turn on Allow Plain HTTP \(Gateway On Your Own Network\) in the credential/ },
  { name: 'credential URL with user and password', url: variant((u) => ((u.username = 'a'), (u.password = 'b'))), problem: /^The credential's URL contains a user name or password\.$/, fix: /^Remove them from URL: the token belongs in the credential's Token field/ },
  { name: 'credential URL carrying the token', url: variant((u) => u.searchParams.set('token', TOKEN)), problem: /^The credential's URL contains the token\.$/, fix: /^Remove the token from URL and keep it only in Token/ },
  { name: 'credential token empty', token: '', problem: /^The credential's Token is empty\.$/, fix: new RegExp(`^Copy the token from ${INTEGRATION_SCREEN} into the credential's Token\\.$`) },
  { name: 'credential token only spaces (trimmed to nothing)', token: '  \n', problem: /^The credential's Token is empty\.$/, fix: /into the credential's Token/ },
  { name: 'credential token with CR/LF', token: `${TOKEN}\r\nX-Injected: 1`, problem: /^The credential's Token has spaces, line breaks or non-ASCII characters inside it\.$/, fix: new RegExp(`^Copy the token again from ${INTEGRATION_SCREEN} into Token`) },
  { name: 'credential token of 5,000 characters', token: 'c'.repeat(5_000), problem: /^The credential's Token is longer than a CRM Zen token\.$/, fix: /^Check that Token holds the token and nothing else\.$/ },
  { name: 'Output "xml" from an imported workflow', output: 'xml', problem: /^Output "xml" is not one of the choices\.$/, fix: /^Set Output to Users, Breakdown, Summary or Full\.$/ },
  { name: 'On Rate Limit "retry" from an imported workflow', onRateLimit: 'retry', problem: /^On Rate Limit "retry" is not one of the choices\.$/, fix: /^Set Options → On Rate Limit to Wait or Fail\.$/ },
  { name: 'Max Wait of −5 minutes from an expression', maxWaitMinutes: -5, problem: /^Max Wait \(Minutes\) must be 0 or more, got -5\.$/, fix: /^Set Options → Max Wait \(Minutes\) to 0 \(do not wait\) or more/ },
  { name: 'Timeout of 0 seconds from an expression', timeoutSeconds: 0, problem: /^Timeout \(Seconds\) must be more than 0, got 0\.$/, fix: /^Set Options → Timeout \(Seconds\) to 1 or more \(default 30\)\.$/ },
];

describe('n8n node (the built bundle): NodeOperationError naming the problem and the field that fixes it, no request', () => {
  it.each(NODE_CASES)('$name', async (testCase) => {
    tried++;
    sim.clearLog();
    const run = await n8nNode.run({
      url: testCase.url ?? served.url,
      token: testCase.token ?? TOKEN,
      dates: testCase.dates ?? [PAST_DAY],
      output: testCase.output,
      onRateLimit: testCase.onRateLimit as 'wait',
      ...(testCase.typeVersion === undefined ? {} : { typeVersion: testCase.typeVersion }),
      ...(testCase.day === undefined ? {} : { day: testCase.day, fromDate: testCase.fromDate, toDate: testCase.toDate }),
      ...(testCase.maxWaitMinutes === undefined ? {} : { maxWaitMinutes: testCase.maxWaitMinutes }),
      ...(testCase.timeoutSeconds === undefined ? {} : { timeoutSeconds: testCase.timeoutSeconds }),
    });
    expect(run.error?.name).toBe('NodeOperationError');
    expect(run.error?.message).toMatch(testCase.problem);
    expect(run.error?.description).toMatch(testCase.fix);
    expect(run.error?.failure).toEqual({ cause: 'configuration-invalid' });
    expect(run.calls).toEqual([]);
    expect(sim.log).toEqual([]);
    expect(run.unhandled).toEqual([]);
  });
});

// Found by this suite on core v2 and fixed: a Date Range used to be fetched day by day, leaving a
// day after today to the core, so today's request went out (spending the window) before tomorrow
// was refused. The whole range is now checked before anything is sent.
it('n8n node: a Date Range ending tomorrow is refused before anything is sent, naming To', async () => {
  tried++;
  const rangeSim = createSimulator({ tokens: [TOKEN], windowMs: 0 });
  const rangeServed = await serve(rangeSim);
  try {
    const run = await runInFreshN8nProcess({ url: rangeServed.url, token: TOKEN, day: 'dateRange', fromDate: today, toDate: tomorrow, onRateLimit: 'fail' });
    expect(run.error?.name).toBe('NodeOperationError');
    expect(run.error?.message).toContain('after today in São Paulo');
    expect(run.calls).toEqual([]);
    expect(rangeSim.log).toEqual([]);
  } finally {
    await rangeServed.close();
  }
});

it('tried at least 30 hostile inputs, and left no rejection unhandled', async () => {
  await settleEventLoop();
  expect(tried).toBeGreaterThanOrEqual(30);
  expect(unhandled.seen).toEqual([]);
});
