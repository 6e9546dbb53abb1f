import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// The built bin, as `zen-simulator` runs it: the global setup keeps dist up to date.
const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

interface RunningBin {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function startBin(args: string[], env: Record<string, string> = {}): Promise<RunningBin> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bin did not start: ${stderr}`)), 10_000);
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      const url = /^(http:\/\/\S+)$/m.exec(stdout)?.[1];
      if (url && stdout.includes('window:')) {
        clearTimeout(timer);
        resolve({ child, url, stdout: () => stdout, stderr: () => stderr, exited });
      }
    });
    child.on('exit', () => reject(new Error(`bin exited early: ${stderr}`)));
  });
}

const get = (url: string, token: string | undefined, date = '2026-01-05') =>
  fetch(`${url}?data=${date}`, { headers: token === undefined ? {} : { token } });

describe('the zen-simulator bin', () => {
  it('prints the URL and the demo token, serves the API, and exits 0 on SIGTERM', async () => {
    const bin = await startBin(['--port', '0', '--window', '1s']);
    expect(bin.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/totais_lead$/);
    expect(bin.stdout().split('\n')[0]).toBe(bin.url);
    expect(bin.stdout()).toContain('token: demo-token');
    expect((await get(bin.url, 'demo-token')).status).toBe(200);
    const limited = await get(bin.url, 'demo-token');
    expect(limited.status).toBe(429);
    const message = ((await limited.json()) as { error: string }).error;
    const [last, next] = [...message.matchAll(/"([^"]+)"/g)].map((match) => Date.parse(`${match[1]}Z`));
    expect((next as number) - (last as number)).toBeGreaterThanOrEqual(1_000);
    expect((next as number) - (last as number)).toBeLessThanOrEqual(2_000);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await get(bin.url, 'demo-token')).status).toBe(200);
    expect(bin.stderr()).toMatch(/GET \/api\/totais_lead data=2026-01-05 token#[0-9a-f]{8} -> 429/);
    bin.child.kill('SIGTERM');
    expect(await bin.exited).toBe(0);
  });

  it('accepts --token and --disabled-token, and never prints a token it was given', async () => {
    const secret = 'tok-9d8e7f6a5b4c';
    const bin = await startBin(['--token', secret, '--token', `${secret}-2`, '--disabled-token', `${secret}-old`, '--window', '0']);
    expect(await (await get(bin.url, 'demo-token')).json()).toEqual({ error: 'Token inválido' });
    expect((await get(bin.url, secret)).status).toBe(200);
    expect((await get(bin.url, `${secret}-2`)).status).toBe(200);
    expect(await (await get(bin.url, `${secret}-old`)).json()).toEqual({ error: 'Token desabilitado' });
    bin.child.kill('SIGINT');
    expect(await bin.exited).toBe(0);
    expect(bin.stdout()).toContain('2 token(s)');
    expect(bin.stdout() + bin.stderr()).not.toContain(secret);
  });

  it('prints São Paulo times whatever the machine time zone', async () => {
    const bin = await startBin(['--quiet'], { TZ: 'Asia/Tokyo' });
    await get(bin.url, 'demo-token');
    const message = ((await (await get(bin.url, 'demo-token')).json()) as { error: string }).error;
    const last = /foi em "([^"]+)"/.exec(message)?.[1] as string;
    // São Paulo has been UTC-3 all year since 2019: an offset computed without Intl.
    const saoPauloNow = Date.now() - 3 * 3_600_000;
    expect(Math.abs(Date.parse(`${last.replace(' ', 'T')}Z`) - saoPauloNow)).toBeLessThan(5_000);
    expect(bin.stderr()).toBe('');
  });

  it('starts under a fault with --fault kind:n', async () => {
    const bin = await startBin(['--fault', 'server-error:1', '--window', '0']);
    expect((await get(bin.url, 'demo-token')).status).toBe(500);
    expect((await get(bin.url, 'demo-token')).status).toBe(200);
  });

  it('--help prints the usage and exits 0; a bad duration exits 2', () => {
    const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    for (const flag of ['--port', '--window', '--token', '--host', '--help']) expect(help.stdout).toContain(flag);
    const bad = spawnSync(process.execPath, [BIN, '--window', 'five minutes'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Not a duration');
  });
});
