import { MemoryStore, type WindowStore, type ResponseCache } from '@zen-leads/core';
import { FileStore } from '@zen-leads/core/file-store';
import { cacheFolderError, storeUnavailableError, type CacheFolderSetting } from './cli-error.js';
import { describeStoreSpec, type StoreSpec } from './store-spec.js';
import { folderProblem } from './usable-folder.js';

/** The store a run uses, and how to let go of it: a Redis connection must close or the process stays up. */
export interface OpenStore {
  store: WindowStore & ResponseCache;
  close(): Promise<void>;
}

/**
 * Opens the store `--store` names. The Redis client is imported only here, only for a Redis
 * URL, so a run on the file or memory store never loads it (nor needs it installed under Deno).
 * A file store's folder is checked first: one that cannot be used ends the run before anything
 * is sent, naming the setting (`cacheDirSetting` when the folder is the cache dir) to change.
 */
export async function openStore(spec: StoreSpec, cacheDirSetting: CacheFolderSetting = 'default'): Promise<OpenStore> {
  switch (spec.kind) {
    case 'memory':
      return { store: new MemoryStore(), close: async () => {} };
    case 'file': {
      const problem = await folderProblem(spec.dir);
      if (problem !== undefined) throw cacheFolderError(spec.dir, problem, spec.setting ?? cacheDirSetting);
      return { store: new FileStore({ dir: spec.dir }), close: async () => {} };
    }
    case 'redis': {
      const { RedisStore } = await import('@zen-leads/redis');
      const store = new RedisStore({ url: spec.url });
      // A refused connection surfaces on commands only as "max retries reached"; the
      // connection's own error says why.
      let connectionError: Error | undefined;
      store.client.on('error', (error: Error) => (connectionError = error));
      return {
        store: reportingFailuresAs(store, describeStoreSpec(spec), () => connectionError),
        close: () => store.close(),
      };
    }
  }
}

/**
 * A remote store's failures (refused connection, wrong password) become `a CliError (exit 5)`,
 * which names the store without its password and exits 5 with a hint, instead of surfacing as
 * an unexplained library error that reads like a bug in zen-leads.
 */
function reportingFailuresAs(
  store: WindowStore & ResponseCache,
  description: string,
  connectionError: () => Error | undefined,
): WindowStore & ResponseCache {
  const reported = async <T>(operation: () => Promise<T>): Promise<T> => {
    try {
      return await operation();
    } catch (error) {
      throw storeUnavailableError(description, error, connectionError());
    }
  };
  // A store's own description ("Redis at redis://host:port/db", no password) names it in the gateway's log lines.
  const named = (store as { description?: unknown }).description;
  return {
    ...(typeof named === 'string' ? { description: named } : {}),
    reserve: (key, claim) => reported(() => store.reserve(key, claim)),
    enqueue: (key, ticket, options) => reported(() => store.enqueue(key, ticket, options)),
    dequeue: (key, ticketId) => reported(() => store.dequeue(key, ticketId)),
    hold: (key, ms, options) => reported(() => store.hold(key, ms, options)),
    release: (key, holder) => reported(() => store.release(key, holder)),
    ...(store.watch ? { watch: store.watch.bind(store) } : {}),
    ...(store.notify ? { notify: (key: string) => reported(() => store.notify!(key)) } : {}),
    get: (key) => reported(() => store.get(key)),
    set: (key, value, ttlMs) => reported(() => store.set(key, value, ttlMs)),
  };
}
