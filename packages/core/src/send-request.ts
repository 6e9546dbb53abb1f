import type { ClientSettings } from './client-settings.js';
import { isZenError, type ZenError } from './errors/zen-error.js';
import { ZenNetworkError } from './errors/zen-network-error.js';
import { ZenServerError } from './errors/zen-server-error.js';
import { redactToken } from './redact.js';
import { errorForStatus } from './response-errors.js';
import { retry } from './retry.js';
import { requestUrlFor } from './token-keys.js';
import type { TransportResponse } from './transport.js';

/** A response, with its body already scrubbed of the token. */
export interface SentRequest {
  response: TransportResponse;
  body: string;
}

/**
 * Sends the day's GET, retrying 5xx answers and network failures. `beforeAttempt` restarts the
 * window, so that it runs from the moment each attempt leaves (the API counts from arrival, and
 * may count every attempt); `onReached` is told once anything may have reached the API, so a
 * claim whose every attempt was unreachable can be given back.
 */
export async function sendRequest(
  settings: ClientSettings,
  date: string,
  signal: AbortSignal | undefined,
  window: { beforeAttempt(): Promise<void>; onReached(): void },
): Promise<SentRequest> {
  const { hooks, token } = settings;
  const url = requestUrlFor(settings.url, date);
  return retry<SentRequest, ZenError>(
    async (attempt) => {
      await window.beforeAttempt();
      hooks.onRequest?.({ date, attempt });
      const started = settings.clock.now();
      let response: TransportResponse;
      try {
        response = await settings.transport({ url, headers: { token, accept: 'application/json' }, timeoutMs: settings.timeoutMs, ...(signal ? { signal } : {}) });
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        const failure = asZenError(error, token);
        if (!(failure instanceof ZenNetworkError && failure.reason === 'unreachable')) window.onReached();
        throw failure;
      }
      window.onReached();
      hooks.onResponse?.({ date, status: response.status, durationMs: settings.clock.now() - started });
      // Scrubbed before anything reads it: a server echoing the token must not put it in an error or the cache.
      const body = redactToken(response.body, token);
      if (response.status >= 500) throw errorForStatus(response.status, body);
      return { response, body };
    },
    {
      retries: settings.retries,
      clock: settings.clock,
      ...(signal ? { signal } : {}),
      classify: (error) => (error instanceof ZenServerError || error instanceof ZenNetworkError ? { retry: true, reason: error } : { retry: false }),
      onRetry: (event) => hooks.onRetry?.({ date, attempt: event.attempt, delayMs: event.delayMs, error: event.reason }),
    },
  );
}

/** A transport's failure as a Zen error; a foreign one keeps only its (scrubbed) message. */
function asZenError(error: unknown, token: string): ZenError {
  if (isZenError(error)) return error;
  const text = redactToken(error instanceof Error ? error.message : String(error), token).replace(/\.+$/, '');
  return new ZenNetworkError(`The request failed: ${text}.`, 'Check the URL and the network, then try again.', 'connection');
}
