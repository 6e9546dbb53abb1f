import { createZenClient, zenErrorOf, type ZenClient, type ZenClientOptions, type ZenError } from '@zen-leads/core';
import type { CliContext } from './cli-context.js';
import { WaitCountdown } from './countdown.js';
import { messagesLang, type ConnectionSettings } from './global-options.js';
import { cliMessages, type CliMessages } from './messages/index.js';
import { openStore, type OpenStore } from './open-store.js';
import { formatDuration } from '@zen-leads/core/internal';

/** A client plus what must be cleaned up after the run. */
export interface OpenClient {
  client: ZenClient;
  /** Stops the countdown and closes the store (a Redis connection would keep the process up). Await it. */
  close(): Promise<void>;
}

/**
 * The client every command uses: window state and cache in the store `--store` names (default a
 * `FileStore` in the cache dir), so the 5-minute window and past-day answers hold across runs —
 * on this machine (file), or on every machine that shares the Redis. `--no-cache` drops the
 * response cache only; the window always stays.
 */
export async function openClient(settings: ConnectionSettings, context: CliContext): Promise<OpenClient> {
  const { store, close: closeStore } = await openStore(settings.store, settings.cacheDirSetting);
  const countdown = new WaitCountdown(context.stderr, context.now, cliMessages(messagesLang(context)));
  const client = createCliClient(settings, store, {
    onWait: (event) => countdown.update(event),
    onRequest: () => countdown.stop(),
    // A retry is worth a line: the run is slower than usual, and the person should know why.
    onRetry: (event) => {
      const say = cliMessages(messagesLang(context)).retry;
      const line = isUnreachable(event.error) ? say.soon : say.nextWindow;
      context.stderr.write(`${line(retryReason(event.error, say), formatDuration(event.delayMs), event.attempt + 1)}\n`);
    },
  });
  return {
    client,
    close: async () => {
      countdown.stop();
      await closeStore();
    },
  };
}

/**
 * The client on the run's connection settings and an open store (window state, and the response
 * cache unless `--no-cache`): one place for what every command's client shares, whatever the
 * hooks it reports progress through.
 */
export function createCliClient(settings: ConnectionSettings, store: OpenStore['store'], hooks: NonNullable<ZenClientOptions['hooks']>): ZenClient {
  return createZenClient({
    url: settings.url,
    token: settings.token,
    store,
    cache: settings.cache ? store : false,
    onRateLimit: settings.onRateLimit,
    maxWaitMs: settings.maxWaitMs,
    minIntervalMs: settings.minIntervalMs,
    allowInsecureHttp: settings.allowInsecureHttp,
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
    hooks,
  });
}

/** Why a request is tried again, in words: the HTTP status, or what happened to the connection. */
export function retryReason(error: ZenError, say: CliMessages['retry']): string {
  if (error.status !== undefined) return say.status(error.status);
  const known = zenErrorOf(error);
  if (known?.code !== 'ZEN_NETWORK') return say.connection;
  return say[known.reason];
}

function isUnreachable(error: ZenError): boolean {
  const known = zenErrorOf(error);
  return known?.code === 'ZEN_NETWORK' && known.reason === 'unreachable';
}
