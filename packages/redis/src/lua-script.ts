import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script sent by its SHA1 (EVALSHA) and loaded on demand: the server keeps scripts in a
 * cache that a restart or SCRIPT FLUSH empties, so a NOSCRIPT answer falls back to EVAL once.
 * Kept apart from ioredis's `defineCommand` so that a client handed in by the caller is not
 * modified.
 */
export class LuaScript {
  readonly #source: string;
  readonly #sha1: string;

  constructor(source: string) {
    this.#source = source;
    // SHA1 because EVALSHA names scripts by it; this is not a secret's hash.
    this.#sha1 = createHash('sha1').update(source).digest('hex');
  }

  async run(client: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(this.#sha1, keys.length, ...keys, ...args);
    } catch (error) {
      if (!isNoScriptError(error)) throw error;
      return client.eval(this.#source, keys.length, ...keys, ...args);
    }
  }
}

function isNoScriptError(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}
