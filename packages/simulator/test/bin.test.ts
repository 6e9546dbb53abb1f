import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type LeadTotalsWirePayload, saoPauloDateOf, todayLeadsAt } from '../src/index.js';

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

describe('the zen-simulator bin: today', () => {
  const HOUR = 3_600_000;
  const SPEED = 3_600; // an hour a second
  const totalOf = (payload: LeadTotalsWirePayload): number => payload.usuarios.reduce((sum, user) => sum + Number(user.total_lead), 0);

  it('--today-from and --today-speed run the day fast; --seller-stops stops the busiest seller', async () => {
    const spawnedAt = Date.now();
    const bin = await startBin(['--window', '0', '--quiet', '--today-from', '10:00', '--today-speed', String(SPEED), '--seller-stops', '10:00']);
    const printedAt = Date.now();
    const today = saoPauloDateOf(Date.now());
    const ask = async () => {
      const sentAt = Date.now();
      const payload = (await (await get(bin.url, 'demo-token', today)).json()) as LeadTotalsWirePayload;
      // The bin's clock started between its spawn and its first line: the day's time lies in these bounds.
      const bounds = [10 * HOUR + (sentAt - printedAt) * SPEED, 10 * HOUR + (Date.now() - spawnedAt) * SPEED];
      return { payload, bounds: bounds.map((ms) => todayLeadsAt('demo-token', today, ms, { faults: [{ kind: 'seller-stops', from: '10:00' }] })) };
    };
    const first = await ask();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const second = await ask();
    for (const { payload, bounds } of [first, second]) {
      expect(payload.data).toBe(today);
      expect(totalOf(payload)).toBeGreaterThanOrEqual(totalOf(bounds[0] as LeadTotalsWirePayload));
      expect(totalOf(payload)).toBeLessThanOrEqual(totalOf(bounds[1] as LeadTotalsWirePayload));
    }
    expect(totalOf(second.payload)).toBeGreaterThanOrEqual(totalOf(first.payload));
    // The stopped seller (the day's busiest) keeps the count they had at 10:00.
    const final = todayLeadsAt('demo-token', today, 24 * HOUR);
    const busiest = [...final.usuarios].sort((a, b) => Number(b.total_lead) - Number(a.total_lead))[0];
    const countOf = (payload: LeadTotalsWirePayload) => payload.usuarios.find((user) => user.nome === busiest?.nome)?.total_lead;
    expect(countOf(second.payload)).toBe(countOf(todayLeadsAt('demo-token', today, 10 * HOUR)));
  });

  it('a malformed today flag exits 2 naming the flag', () => {
    for (const [flag, value, problem] of [
      ['--seller-stops', '25:00', '--seller-stops must be a São Paulo time HH:MM'],
      ['--today-speed', 'fast', '--today-speed must be a positive number'],
      ['--problems-pile-up', 'many@10:00', '--problems-pile-up takes N@HH:MM[-HH:MM]'],
    ] as const) {
      const bad = spawnSync(process.execPath, [BIN, flag, value], { encoding: 'utf8' });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain(problem);
    }
  });
});
