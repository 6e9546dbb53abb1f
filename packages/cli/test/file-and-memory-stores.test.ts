import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serveSimulator, type ServedSimulator } from './support/served-simulator.js';

/**
 * `--store file:<dir>` keeps the window and the cache in that folder for every later run;
 * `memory:` keeps nothing past the run. Proven by what the simulator logs across two runs.
 */
describe('zen-leads totals --store file: and memory:', () => {
  let served: ServedSimulator | undefined;
  let storeDir: string | undefined;
  afterEach(async () => {
    await served?.close();
    if (storeDir) await rm(storeDir, { recursive: true, force: true });
    served = undefined;
    storeDir = undefined;
  });

  it('file:<dir> is shared by two runs: the second run for a past day sends nothing, and nothing lands in the cache dir', async () => {
    served = await serveSimulator();
    storeDir = await mkdtemp(join(tmpdir(), 'zen-cli-file-store-'));
    const first = await served.run(['totals', '2026-11-24', '--format', 'json', '--store', `file:${storeDir}`]);
    // ZEN_STORE, the same folder: the env form reaches the same store.
    const second = await served.run(['totals', '2026-11-24', '--format', 'json', '--on-rate-limit', 'fail'], { ZEN_STORE: `file:${storeDir}` });
    expect([first.code, second.code], second.stderr).toEqual([0, 0]);
    expect(second.stdout).toBe(first.stdout);
    expect(served.simulator.log).toHaveLength(1);
    expect((await readdir(storeDir)).length).toBeGreaterThan(0);
    expect(await served.cacheFiles()).toEqual([]);
  });

  it('file:<dir> holds the window too: another day inside it, in fail mode, exits 4 and sends nothing', async () => {
    served = await serveSimulator();
    storeDir = await mkdtemp(join(tmpdir(), 'zen-cli-file-store-'));
    const first = await served.run(['totals', '2026-11-24', '--store', `file:${storeDir}`]);
    const second = await served.run(['totals', '2026-11-23', '--store', `file:${storeDir}`, '--on-rate-limit', 'fail']);
    expect([first.code, second.code], second.stderr).toEqual([0, 4]);
    expect(served.simulator.log.map((entry) => entry.date)).toEqual(['2026-11-24']);
  });

  it('memory: does not persist: a second run for the same past day sends again, and no file is written', async () => {
    // No rate limit on the simulator: with nothing remembered, the second run does send, and
    // this test sees it instead of a 429.
    served = await serveSimulator({ windowMs: 0 });
    const first = await served.run(['totals', '2026-11-24', '--format', 'json', '--store', 'memory:']);
    const second = await served.run(['totals', '2026-11-24', '--format', 'json', '--on-rate-limit', 'fail'], { ZEN_STORE: 'memory:' });
    expect([first.code, second.code], second.stderr).toEqual([0, 0]);
    expect(second.stdout).toBe(first.stdout);
    expect(served.simulator.log.map((entry) => entry.status)).toEqual([200, 200]);
    expect(await served.cacheFiles()).toEqual([]);
  });

  it('backfill keeps its window and cache in the --store too (the option is shared by every command)', async () => {
    served = await serveSimulator({ windowMs: 0 });
    storeDir = await mkdtemp(join(tmpdir(), 'zen-cli-file-store-'));
    const out = join(storeDir, 'history.ndjson');
    const args = ['backfill', '--from', '2026-11-23', '--to', '2026-11-24', '--out', out, '--min-interval', '10ms', '--quiet'];
    const run = await served.run([...args, '--store', `file:${join(storeDir, 'state')}`]);
    expect(run.code, run.stderr).toBe(0);
    expect(served.simulator.log).toHaveLength(2);
    expect((await readdir(join(storeDir, 'state'))).length).toBeGreaterThan(0);
    expect(await served.cacheFiles()).toEqual([]);
  });

  it('the default is the file store in the cache dir (the documented behaviour without --store)', async () => {
    served = await serveSimulator();
    const first = await served.run(['totals', '2026-11-24']);
    const second = await served.run(['totals', '2026-11-24', '--on-rate-limit', 'fail']);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(served.simulator.log).toHaveLength(1);
    expect((await served.cacheFiles()).length).toBeGreaterThan(0);
  });
});
