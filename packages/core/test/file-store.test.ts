import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileStore, ensureDirectory } from '../src/file-store.js';
import { changeNoticeContract, windowStoreContract } from '@zen-leads/test-support/window-store-contract';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'zen-file-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('FileStore', () => {
  windowStoreContract(async () => {
    let now = 1_000_000;
    return { store: new FileStore({ dir: await tempDir(), now: () => now }), advance: (ms) => void (now += ms) };
  });

  changeNoticeContract(async () => ({ store: new FileStore({ dir: await tempDir() }), advance: () => undefined }));

  it('tells watchers on other store objects of the folder (as in other processes), once per notice, with one folder watch each', async () => {
    const dir = await tempDir();
    const [a, b] = [new FileStore({ dir }), new FileStore({ dir })];
    const heard: string[] = [];
    const stops = [b.watch('k', () => heard.push('b1')), b.watch('k', () => heard.push('b2')), a.watch('k', () => heard.push('a'))];
    await new Promise((resolve) => setTimeout(resolve, 100));
    heard.length = 0;
    await a.notify('k');
    await expect.poll(() => [...heard].sort(), { timeout: 2_000 }).toEqual(['a', 'b1', 'b2']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toHaveLength(3);
    for (const stop of stops) stop();
  });

  it('is shared by separate store objects on one folder (as by separate processes)', async () => {
    const dir = await tempDir();
    const claim = (holder: string) => ({ holder, day: '2026-11-20', windowMs: 60_000 });
    await new FileStore({ dir }).enqueue('k', { id: 'queued', day: '2026-11-21' }, { leaseMs: 60_000 });
    expect((await new FileStore({ dir }).reserve('k', claim('queued'))).granted).toBe(true);
    expect(await new FileStore({ dir }).reserve('k', claim('b'))).toMatchObject({ granted: false, holding: '2026-11-20' });
  });

  it('grants one window to many OS processes racing for it', async () => {
    const dir = await tempDir();
    const storeModule = new URL('../src/file-store.ts', import.meta.url).pathname;
    // Plain Node children cannot load TypeScript, so they import the built dist (the root test
    // command builds before it tests).
    const script = `
      const { FileStore } = await import(${JSON.stringify(storeModule.replace('/src/', '/dist/').replace(/\.ts$/, '.js'))});
      const result = await new FileStore({ dir: ${JSON.stringify(dir)} }).reserve('k', { holder: String(process.pid), day: '2026-11-20', windowMs: 60000 });
      process.stdout.write(JSON.stringify(result));
    `;
    const run = (): Promise<string> =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`child exited ${code}`))));
      });
    const results = (await Promise.all(Array.from({ length: 6 }, run))).map((out) => JSON.parse(out) as { granted: boolean });
    expect(results.filter((result) => result.granted)).toHaveLength(1);
  });

  it('breaks a lock left behind by a killed process', async () => {
    const dir = await tempDir();
    const store = new FileStore({ dir, staleLockMs: 1000 });
    await store.reserve('warmup', { holder: 'x', day: '2026-11-20', windowMs: 1 });
    const lock = join(dir, 'lock-k');
    await writeFile(lock, '');
    const old = new Date(Date.now() - 10_000);
    await utimes(lock, old, old);
    expect(await store.reserve('k', { holder: 'a', day: '2026-11-20', windowMs: 1000 })).toEqual({ granted: true });
  });

  it.skipIf(process.platform === 'win32')('creates its folder 0700 and its files 0600 (POSIX modes)', async () => {
    const dir = join(await tempDir(), 'nested', 'store');
    const store = new FileStore({ dir });
    await store.set('c', '{}', 60_000);
    await store.reserve('k', { holder: 'a', day: '2026-11-20', windowMs: 1000 });
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    for (const file of await readdir(dir)) expect(((await stat(join(dir, file))).mode & 0o777).toString(8)).toBe('600');
  });

  it('never leaves a half-written file, even with many writers at once', async () => {
    const dir = await tempDir();
    const store = new FileStore({ dir });
    await Promise.all(Array.from({ length: 30 }, (_, i) => store.set('c', JSON.stringify({ i, pad: 'x'.repeat(10_000) }), 60_000)));
    const value = await store.get('c');
    expect(() => JSON.parse(value ?? '')).not.toThrow();
    const files = await readdir(dir);
    expect(files.filter((file) => file.endsWith('.tmp'))).toEqual([]);
    const raw = await readFile(join(dir, files.find((file) => file.startsWith('cache-'))!), 'utf8');
    expect(JSON.parse(raw)).toHaveProperty('expires');
  });

  it('fails at once, with the system error, for a folder it cannot create (where a recursive mkdir would spin, under /proc)', async () => {
    const started = Date.now();
    await expect(new FileStore({ dir: '/proc/zen-leads-nope/cache' }).get('k')).resolves.toBeUndefined();
    await expect(new FileStore({ dir: '/proc/zen-leads-nope/cache' }).set('k', 'v', 1000)).rejects.toMatchObject({ code: 'ENOENT' });
    const file = join(await tempDir(), 'a-file');
    await writeFile(file, '');
    await expect(ensureDirectory(join(file, 'below'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses keys that are not hash-like, so no caller can write outside its folder', async () => {
    const store = new FileStore({ dir: await tempDir() });
    await expect(store.get('../../etc/passwd')).rejects.toThrow(TypeError);
  });
});
