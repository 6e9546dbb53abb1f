import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileStore } from '../src/file-store.js';
import { cooldownStoreContract } from './cooldown-store-contract.js';

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
  cooldownStoreContract(async () => {
    let now = 1_000_000;
    return { store: new FileStore({ dir: await tempDir(), now: () => now }), advance: (ms) => void (now += ms) };
  });

  it('is shared by separate store objects on one folder (as by separate processes)', async () => {
    const dir = await tempDir();
    expect((await new FileStore({ dir }).reserve('k', 60_000, 'a')).granted).toBe(true);
    expect((await new FileStore({ dir }).reserve('k', 60_000, 'b')).granted).toBe(false);
  });

  it('grants one window to many OS processes racing for it', async () => {
    const dir = await tempDir();
    const storeModule = new URL('../src/file-store.ts', import.meta.url).pathname;
    // Plain Node children cannot load TypeScript, so they import the built dist (the root test
    // command builds before it tests).
    const script = `
      const { FileStore } = await import(${JSON.stringify(storeModule.replace('/src/', '/dist/').replace(/\.ts$/, '.js'))});
      const result = await new FileStore({ dir: ${JSON.stringify(dir)} }).reserve('k', 60000, String(process.pid));
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
    await store.reserve('warmup', 1, 'x');
    const lock = join(dir, 'lock-k');
    await writeFile(lock, '');
    const old = new Date(Date.now() - 10_000);
    await utimes(lock, old, old);
    expect(await store.reserve('k', 1000, 'a')).toEqual({ granted: true });
  });

  it('writes files readable only by their owner and never a half-written file', async () => {
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

  it('refuses keys that are not hash-like, so no caller can write outside its folder', async () => {
    const store = new FileStore({ dir: await tempDir() });
    await expect(store.get('../../etc/passwd')).rejects.toThrow(TypeError);
  });
});
