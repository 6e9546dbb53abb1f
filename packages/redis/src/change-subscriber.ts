import type { Redis } from 'ioredis';

/**
 * Listeners for change notices published on Redis channels, over one subscriber connection
 * opened on first use (a connection in subscribe mode can run no other command).
 */
export class ChangeSubscriber {
  readonly #open: () => Redis;
  readonly #listeners = new Map<string, Set<() => void>>();
  #connection: Redis | undefined;

  constructor(open: () => Redis) {
    this.#open = open;
  }

  add(channel: string, listener: () => void): () => void {
    const connection = this.#connect();
    let listeners = this.#listeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.#listeners.set(channel, listeners);
      // A failed subscribe leaves the waiter on its fallback poll: nothing to report here.
      connection.subscribe(channel).catch(() => undefined);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size > 0 || this.#listeners.get(channel) !== listeners) return;
      this.#listeners.delete(channel);
      connection.unsubscribe(channel).catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    const connection = this.#connection;
    this.#connection = undefined;
    this.#listeners.clear();
    if (!connection || connection.status === 'end') return;
    connection.disconnect();
  }

  #connect(): Redis {
    if (this.#connection) return this.#connection;
    const connection = this.#open();
    connection.on('error', () => {});
    connection.on('message', (channel: string) => {
      for (const listener of [...(this.#listeners.get(channel) ?? [])]) listener();
    });
    this.#connection = connection;
    return connection;
  }
}
