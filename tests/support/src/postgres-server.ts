import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
// Nothing here imports 'vitest' itself; this names it so the augmentation below has a module to extend.
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

const run = promisify(execFile);
const scripts = fileURLToPath(new URL('../../../scripts/postgres/', import.meta.url));

export interface TestPostgresServer {
  /** `postgres://postgres:<password>@127.0.0.1:<port>/postgres`: a superuser, for making databases. */
  url: string;
  stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL cluster on a free loopback port, from scripts/postgres (which installs it
 * when missing). ZEN_TEST_POSTGRES_URL (set by `pnpm test`, which starts one cluster for every
 * project) points the tests at a running server instead. Never skipped: without PostgreSQL the
 * start fails, and so do the tests that need it.
 */
export async function startTestPostgresServer(): Promise<TestPostgresServer> {
  const existing = process.env.ZEN_TEST_POSTGRES_URL;
  if (existing) return { url: existing, stop: async () => {} };
  const { stdout } = await run('bash', [`${scripts}start-postgres-server.sh`], { timeout: 600_000 });
  const started = Object.fromEntries(stdout.trim().split('\n').map((line) => line.split('=', 2) as [string, string]));
  const { POSTGRES_URL: url, POSTGRES_DIR: dir } = started;
  if (!url || !dir) throw new Error('start-postgres-server.sh printed no URL');
  return { url, stop: async () => void (await run('bash', [`${scripts}stop-postgres-server.sh`, dir])) };
}

/** A vitest globalSetup: one server for the project run, handed to the tests as `inject('postgresUrl')`. */
export default async function postgresServerGlobalSetup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestPostgresServer();
  project.provide('postgresUrl', server.url);
  return server.stop;
}

/**
 * A new, empty database of the test's own on the server (`admin` is the superuser URL), and its
 * URL; `drop` removes it. Tests never share tables.
 */
export async function createTestDatabase(admin: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const { default: postgres } = await import('postgres');
  const name = `zen_test_${randomBytes(6).toString('hex')}`;
  const sql = postgres(admin, { max: 1, onnotice: () => undefined });
  try {
    await sql.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await sql.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const sql = postgres(admin, { max: 1, onnotice: () => undefined });
      try {
        await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await sql.end();
      }
    },
  };
}
