/**
 * The defaults the main entry wires in, and `@zen-leads/core/base` never reaches: the ofetch
 * transport and the real clock (timers). Hosts with their own (n8n) leave both out of their bundle.
 */
import { createFetch } from 'ofetch';
import { isUnreachableCode, ZenNetworkError, ZenResponseError } from './errors.js';
import type { Clock } from './clock.js';
import type { TransportRequest, TransportResponse, ZenTransport } from './transport.js';

/**
 * The default transport: ofetch over the platform's `fetch` (or one the host injects). Statuses
 * are the client's business (`ignoreResponseError`), and retries too (`retry: 0`): the client
 * restarts the rate-limit window between attempts. ofetch's `timeout` stops at the headers and
 * is ignored beside a signal, so the timeout is a signal of our own that also covers the body.
 */
export function ofetchTransport(fetchImpl?: typeof fetch): ZenTransport {
  const $fetch = createFetch(fetchImpl ? { fetch: fetchImpl } : {});
  return async (request: TransportRequest): Promise<TransportResponse> => {
    // A timer of our own, cleared once the body is in (AbortSignal.timeout costs more per request).
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), request.timeoutMs);
    const timeout = deadline.signal;
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    try {
      const response = await $fetch.raw<ReadableStream<Uint8Array> | undefined, 'stream'>(request.url, {
        method: 'GET',
        headers: request.headers,
        responseType: 'stream',
        ignoreResponseError: true,
        retry: 0,
        signal,
      });
      const body = await readCapped(response._data, response.headers.get('content-length'), request.maxBodyBytes);
      return { status: response.status, headers: response.headers, body };
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      if (error instanceof ZenResponseError) throw error;
      if (timeout.aborted) {
        throw new ZenNetworkError(`No complete response within ${request.timeoutMs} ms.`, 'Raise timeoutMs if the API is slow today.', 'timeout');
      }
      // Only the low-level reason is kept: ofetch's error object holds the request headers.
      const { code, text } = lowLevelReason(error);
      // fetch refuses some ports outright ("bad port", the Fetch standard's list): nothing left either.
      const unreachable = isUnreachableCode(code) || text === 'bad port';
      throw new ZenNetworkError(
        `${unreachable ? 'Could not reach the API' : 'The connection failed'}: ${text}.`,
        'Check the URL and the network, then try again.',
        unreachable ? 'unreachable' : 'connection',
      );
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The innermost error's code and message (undici nests the socket error as `cause`), never the error object. */
function lowLevelReason(error: unknown): { code: string | undefined; text: string } {
  let current: unknown = error;
  let code: string | undefined;
  let text = 'unknown error';
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const own = (current as { code?: unknown }).code;
    if (typeof own === 'string') code = own;
    text = typeof own === 'string' ? `${own} (${current.message})` : current.message;
    current = current.cause;
  }
  return { code, text: text.replace(/\[GET\] "[^"]*":\s*/, '').replace(/\.+$/, '') };
}

/** The body as UTF-8 text, read no further than `maxBytes` (a declared or streamed size past it is refused). */
async function readCapped(stream: ReadableStream<Uint8Array> | undefined, declared: string | null, maxBytes: number): Promise<string> {
  if (!stream) return '';
  const tooLarge = (): ZenResponseError =>
    new ZenResponseError(
      `The API's answer is larger than ${Math.round(maxBytes / 1_048_576)} MiB; it was not read to the end and nothing was kept.`,
      'Check that the URL is the integration URL; raise maxBodyBytes if a day of your account is really that large.',
      { reason: 'too-large' },
    );
  if (declared !== null && Number(declared) > maxBytes) {
    await stream.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** The real clock: `Date.now()` and timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
