import { answerApi, dataParameter, respond, serverErrorResponse, type ApiState } from './api-answer.js';
import { ConnectionDroppedError } from './connection-dropped-error.js';
import { BAD_GATEWAY_HTML, DEFAULT_SLOW_DELAY_MS, delay, type FaultSpec, truncateBody } from './fault-modes.js';
import { FaultSwitch } from './fault-switch.js';
import { generateLeadTotalsPayload } from './lead-totals-payload.js';
import type { RequestLogEntry } from './request-log.js';
import { DEFAULT_WINDOW_MS, DEMO_TOKEN, type Simulator, type SimulatorOptions, type TokenStatus } from './simulator-options.js';
import { tokenHash } from './token-hash.js';
import { GrowingToday } from './today/growing-today.js';
import { TokenWindows } from './token-windows.js';

export { DEFAULT_WINDOW_MS, DEMO_TOKEN, type Simulator, type SimulatorOptions, type TokenSpec, type TokenStatus } from './simulator-options.js';

/** Creates a simulated CRM Zen "Totais de Distribuição de Leads por usuários" v1.0 endpoint. */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  if (!(Number.isFinite(windowMs) && windowMs >= 0)) throw new RangeError('windowMs must be a non-negative number');
  const tokens = new Map<string, TokenStatus>();
  for (const entry of options.tokens ?? [DEMO_TOKEN]) {
    if (typeof entry === 'string') tokens.set(entry, {});
    else tokens.set(entry.token, { disabled: entry.disabled, unauthorized: entry.unauthorized });
  }
  const seedOf = (token: string): string => (options.seed === undefined ? token : `${String(options.seed)}/${token}`);
  const now = options.now ?? Date.now;
  const today = new GrowingToday(options.today, now);
  const state: ApiState = {
    now,
    tokens,
    windows: new TokenWindows(windowMs),
    options,
    payloadFor: async (token, date) => {
      const custom = await options.dataFor?.(token, date);
      if (custom !== undefined) return custom;
      return today.payloadFor(seedOf(token), date) ?? generateLeadTotalsPayload(seedOf(token), date);
    },
  };
  const faults = new FaultSwitch(options.fault, options.faultHeader !== false);
  const log: RequestLogEntry[] = [];
  const handler = (request: Request): Promise<Response> => handle(state, faults, log, request);
  return {
    handler,
    fetch: (input, init) => handler(new Request(input, init)),
    get log() {
      return log;
    },
    clearLog: () => {
      log.length = 0;
    },
    setFault: (fault) => faults.set(fault),
    setToday: (next) => today.set(next),
    addToken: (token, status = {}) => {
      tokens.set(token, { ...status });
    },
    resetWindows: () => state.windows.reset(),
    payloadFor: state.payloadFor,
    windowMs,
  };
}

/** One request: its fault (if any) first, then the API; every request is logged, aborted ones too. */
async function handle(state: ApiState, faults: FaultSwitch, log: RequestLogEntry[], request: Request): Promise<Response> {
  const url = new URL(request.url);
  const token = request.headers.get('token');
  const entry: RequestLogEntry = {
    at: state.now(),
    method: request.method,
    path: url.pathname,
    date: dataParameter(url) ?? undefined,
    tokenHash: undefined,
    status: 0,
  };
  let fault: FaultSpec | undefined;
  try {
    fault = faults.forRequest(request);
  } catch (error) {
    return respond(state, 400, JSON.stringify({ error: (error as Error).message }));
  }
  entry.tokenHash = token ? await tokenHash(token) : undefined;
  if (fault) entry.fault = fault.kind;
  const finish = (response: Response): Response => {
    entry.status = response.status;
    log.push(entry);
    return response;
  };

  switch (fault?.kind) {
    case 'drop-connection':
      log.push(entry);
      throw new ConnectionDroppedError();
    case 'server-error':
      return finish(serverErrorResponse(state));
    case 'html-502':
      return finish(respond(state, 502, BAD_GATEWAY_HTML, 'text/html; charset=utf-8'));
    case 'slow':
      try {
        await delay(fault.delayMs ?? DEFAULT_SLOW_DELAY_MS, request.signal);
      } catch (reason) {
        entry.aborted = true;
        log.push(entry);
        throw reason;
      }
      break;
    default:
      break;
  }

  let response: Response;
  try {
    response = await answerApi(state, request, url, fault?.kind);
  } catch (reason) {
    // The client gave up while a counted request was being answered (latencyMs): the API counted it all the same.
    entry.aborted = true;
    log.push(entry);
    throw reason;
  }
  if (fault?.kind !== 'truncated-json') return finish(response);
  const cut = truncateBody(await response.text());
  return finish(new Response(cut, { status: response.status, headers: response.headers }));
}
