/**
 * The packages as a user gets them: each built, packed into a tarball as `pnpm publish` would
 * (`pnpm pack` turns `workspace:` ranges into versions, which `npm pack` leaves as they are), and
 * installed into an empty prefix with the machine's npm — no workspace, no store, no NODE_PATH.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildPackages } from '@zen-leads/test-support/build-packages';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
/** The CLI, what it depends on, and the simulator for its `zen-simulator` bin. */
const PACKAGES = ['core', 'history', 'redis', 'gateway', 'cli', 'simulator'];

export interface PackedPrefix {
  dir: string;
  /** npm's whole output, with install scripts in the foreground so any build would show. */
  installLog: string;
  zenLeads: string;
  zenSimulator: string;
}

export async function installPackedPackages(): Promise<PackedPrefix> {
  await buildPackages('@zen-leads/cli...');
  await buildPackages('@zen-leads/simulator');
  const work = mkdtempSync(join(tmpdir(), 'zen-packed-'));
  const tarballs = join(work, 'tarballs');
  for (const name of PACKAGES) {
    await run(join(repoRoot, 'node_modules', '.bin', 'pnpm'), ['pack', '--pack-destination', tarballs], { cwd: join(repoRoot, 'packages', name) });
  }
  const dir = join(work, 'prefix');
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  const files = readdirSync(tarballs).map((file) => join(tarballs, file));
  const { stdout, stderr } = await run('npm', ['install', '--no-audit', '--no-fund', '--foreground-scripts', '--loglevel=info', ...files], {
    cwd: dir,
    env: withoutNodePath(process.env),
    timeout: 300_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return {
    dir,
    installLog: `${stdout}\n${stderr}`,
    zenLeads: join(dir, 'node_modules', '@zen-leads', 'cli', 'dist', 'bin.js'),
    zenSimulator: join(dir, 'node_modules', '@zen-leads', 'simulator', 'dist', 'bin.js'),
  };
}

/** The environment without NODE_PATH: the test run points it at a cached better-sqlite3 on Node 20. */
export function withoutNodePath(env: NodeJS.ProcessEnv): Record<string, string> {
  const { NODE_PATH: _, ...rest } = env;
  return Object.fromEntries(Object.entries(rest).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
