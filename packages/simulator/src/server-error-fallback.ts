import { API_MESSAGES } from './api-messages.js';
import { isConnectionDropped } from './connection-dropped-error.js';

/**
 * For servers other than the Node adapter: pass as Bun's `error` or Deno's `onError`.
 * A dropped connection becomes a response whose body fails at once, so Bun and Deno abort the
 * connection (they may have sent the status line first: a best effort, unlike Node's reset);
 * anything else becomes the API's 500.
 */
export function serverErrorFallback(error: unknown): Response {
  if (isConnectionDropped(error)) {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.error(error);
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
  }
  return new Response(JSON.stringify({ error: API_MESSAGES.serverError }), {
    status: 500,
    headers: { 'content-type': 'application/json; charset=utf-8', date: new Date().toUTCString() },
  });
}
