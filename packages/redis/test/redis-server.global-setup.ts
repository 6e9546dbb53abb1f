/**
 * Starts a throwaway redis-server for this package's tests with scripts/redis (which installs it
 * when missing) and hands its URL to the tests as `inject('redisUrl')`. Set ZEN_TEST_REDIS_URL to
 * use a server you already run instead; tests only touch keys under their own random prefix.
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
const scripts = fileURLToPath(new URL('../../../scripts/redis/', import.meta.url));

export default async function startRedisServer(project: TestProject): Promise<() => Promise<void>> {
  const existing = process.env.ZEN_TEST_REDIS_URL;
  if (existing) {
    project.provide('redisUrl', existing);
    return async () => {};
  }
  // The install, when needed, takes a while; a running server answers in well under a second.
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
