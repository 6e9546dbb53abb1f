import { readFileSync } from 'node:fs';

/**
 * True once core v2 (issues 10 and 11) is what the CLI runs on: it adds the `./internal` entry.
 * Tests of behaviour only v2 provides (queue position, loopback 127.0.0.0/8, the token-in-URL
 * check on query and userinfo only, the reasons behind input errors) run from then on, with no edit.
 */
export const CORE_V2: boolean = (() => {
  const manifest = JSON.parse(readFileSync(new URL('../../../core/package.json', import.meta.url), 'utf8')) as { exports?: Record<string, unknown> };
  return manifest.exports?.['./internal'] !== undefined;
})();
