import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Debian's Chromium, which the test command installs (never a browser downloaded by a test tool). */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, as root, and quiet on this closed network (no background requests, no updates). */
export const CHROMIUM_ARGS: readonly string[] = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * True when Chromium is there, installing it (.ci/steps/chromium.sh) when missing. Outside CI a
 * machine without it skips the browser test, loudly; in CI (`CI` set) a missing browser fails it.
 */
export function chromiumAvailable(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  try {
    execFileSync('bash', [join(repoRoot, '.ci/steps/chromium.sh')], { stdio: 'inherit', timeout: 300_000 });
  } catch {
    // Reported below.
  }
  if (existsSync(CHROMIUM)) return true;
  const message = `${what} needs Debian's chromium at ${CHROMIUM}: apt-get install -y chromium (or bash .ci/steps/chromium.sh).`;
  if (process.env.CI) throw new Error(message);
  console.warn(`\n!! SKIPPED: ${message}\n`);
  return false;
}
