import type { Simulator } from '../src/index.js';

/** A host that never resolves: in-process requests only, nothing can leave the machine. */
export const API_URL = 'https://crm-zen.invalid/api/totais_lead';

export interface ApiRequest {
  token?: string;
  date?: string;
  method?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Sends one request to the simulator's handler in-process. */
export function callApi(simulator: Simulator, request: ApiRequest = {}): Promise<Response> {
  const url = new URL(API_URL);
  if (request.date !== undefined) url.searchParams.set('data', request.date);
  const headers = new Headers(request.headers);
  if (request.token !== undefined) headers.set('token', request.token);
  return simulator.handler(new Request(url, { method: request.method ?? 'GET', headers, signal: request.signal }));
}

export async function errorOf(response: Response): Promise<string> {
  const body = (await response.json()) as { error?: unknown };
  if (typeof body.error !== 'string') throw new Error(`not an error body: ${JSON.stringify(body)}`);
  return body.error;
}

/** A clock the test moves by hand. */
export function manualClock(start: number): { now: () => number; advance: (ms: number) => void; set: (ms: number) => void } {
  let current = start;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (ms) => {
      current = ms;
    },
  };
}
