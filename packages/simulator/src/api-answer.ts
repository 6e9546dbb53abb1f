import { API_MESSAGES, rateLimitMessage } from './api-messages.js';
import { isCalendarDate } from './calendar-date.js';
import { delay, type FaultKind } from './fault-modes.js';
import { emptyLeadTotalsPayload } from './lead-totals-payload.js';
import { formatSaoPauloDateTime, saoPauloDateOf } from './sao-paulo-time.js';
import type { SimulatorOptions, TokenStatus } from './simulator-options.js';
import type { TokenWindows } from './token-windows.js';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** What the API itself knows: its clock, tokens, windows and data. */
export interface ApiState {
  now: () => number;
  tokens: Map<string, TokenStatus>;
  windows: TokenWindows;
  options: SimulatorOptions;
  payloadFor(token: string, date: string): Promise<unknown>;
}

/** A response as the API sends them: JSON (or the given type), with the server's `Date`. */
export function respond(state: ApiState, status: number, body: string, contentType: string = JSON_CONTENT_TYPE): Response {
  return new Response(body, { status, headers: { 'content-type': contentType, date: new Date(state.now()).toUTCString() } });
}

function errorResponse(state: ApiState, status: number, message: string): Response {
  return respond(state, status, JSON.stringify({ error: message }));
}

/** The token's verdict: undefined when it may proceed, else the 401. */
function tokenRefusal(state: ApiState, token: string | null): Response | undefined {
  if (!token) return errorResponse(state, 401, API_MESSAGES.tokenMissing);
  const status = state.tokens.get(token);
  if (!status) return errorResponse(state, 401, API_MESSAGES.tokenInvalid);
  if (status.disabled) return errorResponse(state, 401, API_MESSAGES.tokenDisabled);
  if (status.unauthorized) return errorResponse(state, 401, API_MESSAGES.accessUnauthorized);
  return undefined;
}

/** The API itself: method, token, date, window, payload, in that order. */
export async function answerApi(state: ApiState, request: Request, url: URL, fault: FaultKind | undefined): Promise<Response> {
  if (request.method !== 'GET') return errorResponse(state, 405, API_MESSAGES.methodNotAllowed);
  const token = request.headers.get('token');
  const refusal = tokenRefusal(state, token);
  if (refusal || !token) return refusal ?? errorResponse(state, 401, API_MESSAGES.tokenMissing);

  const date = dataParameter(url);
  if (!date) return errorResponse(state, 400, API_MESSAGES.dateMissing);
  if (!isCalendarDate(date)) return errorResponse(state, 400, API_MESSAGES.dateInvalid);
  const at = state.now();
  const isFuture = date > saoPauloDateOf(at);
  if (isFuture && state.options.futureDates === 'reject') return errorResponse(state, 400, API_MESSAGES.dateInvalid);

  // Only a request that gets this far spends the window; 405, 401 and 400 never do.
  if (fault === 'rate-limited') state.windows.spend(token, at);
  const blockingAt = fault === 'rate-limited' ? at : state.windows.blockingRequestAt(token, at);
  if (blockingAt !== undefined) {
    // Seconds as PHP prints them: the last request rounded down, the next slot rounded up, so a
    // client that waits until the printed time is always let through.
    const nextAt = Math.ceil((blockingAt + state.windows.windowMs) / 1000) * 1000;
    return errorResponse(state, 429, rateLimitMessage(formatSaoPauloDateTime(blockingAt), formatSaoPauloDateTime(nextAt)));
  }
  state.windows.spend(token, at);
  if (state.options.latencyMs) await delay(state.options.latencyMs, request.signal);

  let payload: unknown;
  try {
    payload = isFuture ? emptyLeadTotalsPayload(date) : await state.payloadFor(token, date);
  } catch {
    return errorResponse(state, 500, API_MESSAGES.serverError);
  }
  return respond(state, 200, JSON.stringify(payload));
}

export function serverErrorResponse(state: ApiState): Response {
  return errorResponse(state, 500, API_MESSAGES.serverError);
}

/** `data` as PHP's `$_GET` reads it: of `?data=A&data=B`, the last one. */
export function dataParameter(url: URL): string | null {
  return url.searchParams.getAll('data').at(-1) ?? null;
}
