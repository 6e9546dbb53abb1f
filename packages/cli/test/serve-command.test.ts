import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, todayInSaoPaulo } from '@zen-leads/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { serveInProcess, startServe, type ServedGateway } from './support/served-gateway.js';
import { DISTINCTIVE_TOKEN, serveSimulator, type ServedSimulator } from './support/served-simulator.js';

const KEY = 'serve-test-client-key-4f1e9d';
const day = addDays(todayInSaoPaulo(), -3);

let served: ServedSimulator;
let folder: string;
let gateway: ServedGateway | undefined;
beforeEach(async () => {
  served = await serveSimulator({ windowMs: 500 });
  folder = await mkdtemp(join(tmpdir(), 'zen-serve-test-'));
});
afterEach(async () => {
  await gateway?.stop('SIGKILL');
  gateway = undefined;
  await served.close();
  await rm(folder, { recursive: true, force: true });
});

describe('zen-leads serve refuses to start on a bad setup, with exit 2 and a message naming the fix', () => {
  it.each([
    ['no client key at all', [], {}, /no client keys.*--keys-file.*ZEN_GATEWAY_KEYS.*--new-key/],
    ['a key that is too short', [], { ZEN_GATEWAY_KEYS: `${KEY},tiny-key` }, /ZEN_GATEWAY_KEYS entry 2: the key is shorter than 16 characters/],
    ['the token on the command line', ['--token', DISTINCTIVE_TOKEN], { ZEN_GATEWAY_KEYS: KEY }, /only from ZEN_TOKEN or ZEN_TOKEN_FILE/],
    ['--fill-from without --history', ['--fill-from', day], { ZEN_GATEWAY_KEYS: KEY }, /--fill-from needs --history/],
    ['--fill-from today', ['--fill-from', todayInSaoPaulo(), '--history', 'h.ndjson'], { ZEN_GATEWAY_KEYS: KEY }, /--fill-from must be a closed day/],
    ['a port out of range', ['--port', '70000'], { ZEN_GATEWAY_KEYS: KEY }, /--port must be a port number from 0 to 65535/],
    ['a client rate without a period', ['--client-rate', '600'], { ZEN_GATEWAY_KEYS: KEY }, /--client-rate expects requests per duration, like 600\/1m/],
    ['an option of another command', ['--on-rate-limit', 'fail'], { ZEN_GATEWAY_KEYS: KEY }, /zen-leads serve --help/],
  ])('%s', async (_name, args, env, message) => {
    const run = await served.run(['serve', '--port', '0', ...args], env);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toContain(DISTINCTIVE_TOKEN);
    expect(served.simulator.log).toHaveLength(0);
  });

  it('a keys file line that is not a key is named by its line number, never repeated', async () => {
    const file = join(folder, 'keys.txt');
    await writeFile(file, `# keys\n${KEY}\nsha256:not-hex-at-all\n`);
    const run = await served.run(['serve', '--port', '0', '--keys-file', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--keys-file ${file} line 3: a sha256: line needs 64 hexadecimal digits`);
    expect(run.stderr).not.toContain('not-hex-at-all');
  });

  it('ZEN_TOKEN and ZEN_TOKEN_FILE together are ambiguous', async () => {
    const run = await served.run(['serve'], { ZEN_GATEWAY_KEYS: KEY, ZEN_TOKEN_FILE: join(folder, 'token') });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('both ZEN_TOKEN and ZEN_TOKEN_FILE are set');
  });
});

describe('zen-leads serve', () => {
  it('--new-key prints a fresh key and the sha256: line of it', async () => {
    const run = await runCli(['serve', '--new-key']);
    expect(run.code).toBe(0);
    const [key, line] = run.stdout.trim().split('\n');
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(line).toBe(`sha256:${createHash('sha256').update(key ?? '').digest('hex')}`);
  });

  it('serves with the token from ZEN_TOKEN_FILE and a keys file of sha256: lines, then drains on SIGTERM and exits 0; no output holds the token', async () => {
    const tokenFile = join(folder, 'token');
    await writeFile(tokenFile, `${DISTINCTIVE_TOKEN}\n`);
    const keysFile = join(folder, 'keys.txt');
    await writeFile(keysFile, `sha256:${createHash('sha256').update(KEY).digest('hex')}\n`);
    gateway = await startServe(['--keys-file', keysFile, '--min-interval', '500ms'], { ...served.env, ZEN_TOKEN: undefined, ZEN_TOKEN_FILE: tokenFile });
    expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(gateway.stdout()).toContain(`dashboard ${gateway.url}/`);
    const response = await fetch(`${gateway.url}/api/totais_lead?data=${day}`, { headers: { token: KEY } });
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(JSON.parse(body).data).toBe(day);
    expect(body).not.toContain(DISTINCTIVE_TOKEN);
    // A request held for a window, when SIGTERM arrives: answered at once, then exit 0.
    const held = fetch(`${gateway.url}/api/totais_lead?data=${addDays(day, -1)}`, { headers: { token: KEY, prefer: 'wait=60' } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const code = await gateway.stop('SIGTERM');
    expect([(await held).status, code]).toEqual([429, 0]);
    expect(gateway.stderr()).toContain('SIGTERM: draining');
    expect(gateway.stderr()).toContain('stopped');
    expect(gateway.stderr()).toContain(`upstream: ${day} → 200`);
    expect(`${gateway.stdout()}${gateway.stderr()}`).not.toContain(DISTINCTIVE_TOKEN);
    gateway = undefined;
  }, 30_000);

  it('a port already in use is a usage error (exit 2) that says so', async () => {
    gateway = await serveInProcess([], { ...served.env, ZEN_GATEWAY_KEYS: KEY });
    const port = new URL(gateway.url).port;
    const run = await served.run(['serve', '--port', port], { ZEN_GATEWAY_KEYS: KEY });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
  }, 30_000);
});
