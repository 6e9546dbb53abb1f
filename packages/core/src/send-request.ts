/**
 * One send of the day's GET over the transport, and the retry that repeats only what provably
 * never left this machine (no window was spent).
 */
import type { ClientSettings } from './client-settings.js';
import { isZenError, type ZenError, ZenNetworkError } from './errors.js';
import { redactToken, requestUrlFor } from './token.js';
import type { TransportResponse } from './transport.js';
import type { Clock } from './clock.js';

/** A response, with its body already scrubbed of the token. */
export interface SentRequest {
  response: TransportResponse;
  body: string;
}

/** How one send is made and what it tells its window. */
export interface SendOptions {
  signal?: AbortSignal | undefined;
  /** Extra request headers (`prefer` for a gateway). */
  headers?: Record<string, string>;
  /** Replaces the settings' timeout (a gateway may hold the request for its wait). */
  timeoutMs?: number;
  /** Before each attempt: the window restarts from the moment a request leaves. */
  beforeAttempt(): Promise<void>;
  /** Once anything may have reached the API (the window is then spent, whatever comes back). */
  onReached(): void;
}

/**
 * Sends the day's GET once, as far as the API can tell: attempts that provably never left
 * (refused, unknown host) are retried at once with backoff, since no window was spent; anything
 * else — every status, a timeout, a reset — is the caller's to judge, because the API may have
 * counted it and a second send now would land in the same window (a 429 of our own making).
 */
export async function sendRequest(settings: ClientSettings, date: string, options: SendOptions): Promise<SentRequest> {
  const { hooks, token, clock } = settings;
  const { signal } = options;
  const url = requestUrlFor(settings.url, date);
  return retry<SentRequest, ZenError>(
    async (attempt) => {
      await options.beforeAttempt();
      hooks.onRequest?.({ date, attempt });
      const started = clock.now();
      let response: TransportResponse;
      try {
        response = await settings.transport({
          url,
          headers: { token, accept: 'application/json', ...options.headers },
          timeoutMs: options.timeoutMs ?? settings.timeoutMs,
          maxBodyBytes: settings.maxBodyBytes,
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        if (signal?.aborted) {
          // The caller gave up while the request was on its way: it may have arrived, so the window stays spent.
          options.onReached();
          throw signal.reason;
        }
        const failure = asZenError(error, token);
        if (!neverLeft(failure)) options.onReached();
        throw failure;
      }
      options.onReached();
      hooks.onResponse?.({ date, status: response.status, durationMs: clock.now() - started });
      // Scrubbed before anything reads it: a server echoing the token must not put it in an error or the cache.
      return { response, body: redactToken(response.body, token) };
    },
    {
      retries: settings.retries,
      clock,
      ...(signal ? { signal } : {}),
      classify: (error) => (isZenError(error) && neverLeft(error) ? { retry: true, reason: error } : { retry: false }),
      onRetry: (event) => hooks.onRetry?.({ date, attempt: event.attempt, delayMs: event.delayMs, error: event.reason }),
    },
  );
}

/** True for a failure that proves the request never left this machine: no window was spent. */
export function neverLeft(error: ZenError): boolean {
  return error instanceof ZenNetworkError && error.reason === 'unreachable';
}

/** A transport's failure as a Zen error; a foreign one keeps only its (scrubbed) message. */
function asZenError(error: unknown, token: string): ZenError {
  if (isZenError(error)) return error;
  const text = redactToken(error instanceof Error ? error.message : String(error), token).replace(/\.+$/, '');
  return new ZenNetworkError(`The request failed: ${text}.`, 'Check the URL and the network, then try again.', 'connection');
}

/** How `retry` repeats an attempt. */
export interface RetryOptions<E> {
  /** Attempts after the first. */
  retries: number;
  /** Reads a failure: retry it (after `delayMs`, or the default backoff) or give up (`false`). */
  classify(error: unknown, attempt: number): { retry: false } | { retry: true; delayMs?: number; reason: E };
  clock: Pick<Clock, 'sleep'>;
  signal?: AbortSignal;
  /** Told before each wait, e.g. to print "retrying in 1.2s". */
  onRetry?(event: { attempt: number; delayMs: number; reason: E }): void;
}

/**
 * Runs `attempt` until it succeeds, a failure is not worth retrying, or the retries run out (then
 * the last failure is thrown). The one retry loop of the repository: the client's requests (the
 * rate-limit window restarts before each attempt, inside `attempt`, which is why ofetch's own
 * retry is not used) and the apps' webhook deliveries.
 */
export async function retry<T, E>(attempt: (attemptNumber: number) => Promise<T>, options: RetryOptions<E>): Promise<T> {
  for (let attemptNumber = 0; ; attemptNumber++) {
    options.signal?.throwIfAborted();
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (attemptNumber >= options.retries) throw error;
      const verdict = options.classify(error, attemptNumber);
      if (!verdict.retry) throw error;
      const delayMs = verdict.delayMs ?? backoffMs(attemptNumber);
      options.onRetry?.({ attempt: attemptNumber + 1, delayMs, reason: verdict.reason });
      await options.clock.sleep(delayMs, options.signal);
    }
  }
}

/** 0.5 s, 1 s, 2 s … (capped at 30 s), each scaled by a random factor in [0.5, 1.5), so that many clients do not retry in step. */
export function backoffMs(attempt: number): number {
  const base = Math.min(30_000, 500 * 2 ** attempt);
  return Math.round(base * (0.5 + Math.random()));
}
