import { createFetch } from 'ofetch';
import { ZenNetworkError } from './errors/zen-network-error.js';
import type { TransportRequest, TransportResponse, ZenTransport } from './transport.js';

/**
 * The default transport: ofetch over the platform's `fetch` (or one the host injects). Status
 * codes are the client's business, so ofetch is told not to throw on them and not to retry.
 */
export function ofetchTransport(fetchImpl?: typeof fetch): ZenTransport {
  const $fetch = createFetch(fetchImpl ? { fetch: fetchImpl } : {});
  return async (request: TransportRequest): Promise<TransportResponse> => {
    // Our own timer, cleared only once the body is in: ofetch's `timeout` stops at the headers,
    // and a transferable AbortSignal.timeout() costs more per request.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), request.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, deadline.signal]) : deadline.signal;
    try {
      const response = await $fetch.raw<string, 'text'>(request.url, {
        method: 'GET',
        headers: request.headers,
        responseType: 'text',
        ignoreResponseError: true,
        retry: 0,
        signal,
      });
      return { status: response.status, headers: response.headers, body: response._data ?? '' };
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      if (deadline.signal.aborted) {
        throw new ZenNetworkError(`No complete response within ${request.timeoutMs} ms. Raise the timeout if the API is slow today.`, 'timeout');
      }
      // Only the low-level reason is kept: ofetch's error object holds the request headers.
      throw new ZenNetworkError(`Connection failed: ${lowLevelReason(error)}. Check the URL and the network.`, 'connection');
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The innermost error message (undici nests the socket error as `cause`), never the error object. */
function lowLevelReason(error: unknown): string {
  let current: unknown = error;
  let reason = 'unknown error';
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    reason = typeof code === 'string' ? `${code} (${current.message})` : current.message;
    current = current.cause;
  }
  return reason.replace(/\[GET\] "[^"]*":\s*/, '').replace(/\.+$/, '');
}
