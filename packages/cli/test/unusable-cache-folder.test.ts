import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSimulator, type ServedSimulator } from './support/served-simulator.js';

/**
 * A cache folder that cannot be created or written ends the run at once with exit 2, the folder,
 * the reason and the settings that fix it — never a spin, a stack trace or "this is a bug" —
 * and spends no request.
 */
const NOBODY = 65_534;
// Generous: the check is a handful of syscalls; the bound only tells a hang from an answer.
const HANG = 15_000;
const FIX = 'Set --cache-dir or ZEN_CACHE_DIR to a writable folder, or pass --store memory:';

let served: ServedSimulator;
let scratch: string;
beforeAll(async () => {
  served = await serveSimulator();
  scratch = await mkdtemp(join(tmpdir(), 'zen-cli-cache-folder-'));
  await writeFile(join(scratch, 'a-file'), '');
  await symlink(join(scratch, 'missing-target'), join(scratch, 'dangling'));
});
afterAll(async () => {
  expect(served.simulator.log).toEqual([]);
  await served.close();
  await rm(scratch, { recursive: true, force: true });
});

function expectRefusal(run: { code: number | null; stdout: string; stderr: string }, folder: string, reason: RegExp, fix = FIX): void {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.startsWith(`zen-leads: cannot use the cache folder ${folder}: `)).toBe(true);
  expect(run.stderr).toMatch(reason);
  expect(run.stderr).toContain(fix);
  expect(run.stderr).not.toMatch(/bug|\n\s+at /);
}

describe('an unusable cache folder', () => {
  it('under /proc (where Node\'s recursive mkdir spins forever): exit 2 at once', async () => {
    const run = await served.run(['totals', '2026-11-20'], { ZEN_CACHE_DIR: '/proc/nope' }, { killAfterMs: HANG });
    expectRefusal(run, '/proc/nope', /\/proc does not allow new folders \(ENOENT\)\./);
  });

  it('under /sys: exit 2 naming EPERM', async () => {
    const run = await served.run(['totals', '2026-11-20'], { ZEN_CACHE_DIR: '/sys/zen-leads-x' }, { killAfterMs: HANG });
    expectRefusal(run, '/sys/zen-leads-x', /cannot create \/sys\/zen-leads-x: operation not permitted \(EPERM\)/);
  });

  it('under a regular file (--cache-dir): exit 2 saying which part is a file', async () => {
    const folder = join(scratch, 'a-file', 'zen');
    const run = await served.run(['totals', '2026-11-20', '--cache-dir', folder], {}, { killAfterMs: HANG });
    expectRefusal(run, folder, new RegExp(`${join(scratch, 'a-file')} is a file, not a folder`));
  });

  it('XDG_CACHE_HOME a dangling symbolic link: exit 2 naming where it points', async () => {
    const env = { ZEN_CACHE_DIR: undefined, XDG_CACHE_HOME: join(scratch, 'dangling') };
    const run = await served.run(['totals', '2026-11-20'], env, { killAfterMs: HANG });
    expectRefusal(run, join(scratch, 'dangling', 'zen-leads'), /is a symbolic link to .*missing-target, which does not exist/);
  });

  it('a file: store under a file names --store as the setting to change', async () => {
    const folder = join(scratch, 'a-file', 'store');
    const run = await served.run(['totals', '2026-11-20', '--store', `file:${folder}`], {}, { killAfterMs: HANG });
    expectRefusal(run, folder, /is a file, not a folder/, 'Set --store (or ZEN_STORE) to file:<a writable folder>, or pass --store memory:');
  });

  // Root may create anything; the cron account's EACCES is seen by an unprivileged user.
  const asRoot = process.getuid?.() === 0;
  const nobodyCanRunNode = asRoot && spawnSync(process.execPath, ['-e', ''], { uid: NOBODY, gid: NOBODY }).status === 0;
  it.skipIf(asRoot && !nobodyCanRunNode)('HOME=/nonexistent on a cron account: exit 2 naming EACCES', async () => {
    const env = { ZEN_CACHE_DIR: undefined, HOME: '/nonexistent', XDG_CACHE_HOME: undefined };
    const run = await served.run(['totals', '2026-11-20'], env, { killAfterMs: HANG, ...(asRoot ? { uid: NOBODY } : {}) });
    expectRefusal(run, '/nonexistent/.cache/zen-leads', /cannot create \/nonexistent: permission denied \(EACCES\)/);
  });

  it('--store memory: needs no cache folder at all', async () => {
    const run = await served.run(['totals', '2026-11-20', '--store', 'memory:', '--on-rate-limit', 'fail'], { ZEN_CACHE_DIR: '/proc/nope', ZEN_URL: 'crm.zen/api' }, { killAfterMs: HANG });
    // Refused for the URL, not the folder: the folder was never looked at.
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).not.toContain('cache folder');
  });
});
