/**
 * A throwaway redis-server for the token-leak audit, started with scripts/redis (which installs it
 * when missing) and handed to the tests as `inject('redisUrl')`. ZEN_TEST_REDIS_URL points the
 * suite at a server you already run; the audit only touches keys under its own random prefix.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

const run = promisify(execFile);
const scripts = fileURLToPath(new URL('../../../../scripts/redis/', import.meta.url));

export default async function startRedisServer(project: TestProject): Promise<() => Promise<void>> {
  const existing = process.env.ZEN_TEST_REDIS_URL;
  if (existing) {
    project.provide('redisUrl', existing);
    return async () => {};
  }
  const { stdout } = await run('bash', [`${scripts}start-redis-server.sh`], { timeout: 600_000 });
  const started = Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((line) => line.split('=', 2) as [string, string]),
  );
  if (!started.REDIS_URL || !started.REDIS_DIR) throw new Error(`start-redis-server.sh printed no URL: ${stdout}`);
  project.provide('redisUrl', started.REDIS_URL);
  return async () => {
    await run('bash', [`${scripts}stop-redis-server.sh`, started.REDIS_DIR as string]);
  };
}
