import type { TransportResponse } from '@zen-leads/core';
import type { Prng } from './prng.js';
import type { VirtualClock } from './virtual-clock.js';

/** The API's window: one counted request per 5 minutes per token (docs/spec). */
export const API_WINDOW_MS = 300_000;

/** Who sent a request: one of our clients, or someone else holding the same token. */
export type Source = 'ours' | 'outside';

/** One request as the API saw it, decided at its arrival. */
export interface Arrival {
  id: number;
  source: Source;
  at: number;
  date: string;
  status: number;
  /** Counted against the window (200 and 500: the API counted it, then answered or failed). */
  counted: boolean;
  /** For a 429: the counted request whose window it fell in. */
  windowOpenedBy?: { id: number; source: Source; at: number };
  /** Our client's flight (one day's shared fetch) that sent it. */
  flight?: number;
}

/** Faults of the API itself, drawn per seed. */
export interface ApiFaults {
  /** The server's clock minus ours (its `Date` header and 429 message use its clock). */
  skewMs: number;
  /** Chance that a counted request fails with 500. */
  serverErrorRate: number;
  /** From this virtual instant the token is revoked: 401, not counted. */
  revokedAt: number;
}

/** São Paulo wall-clock time as PHP's `Y-m-d H:i:s` (UTC−3, no daylight saving since 2019). */
function saoPauloText(ms: number): string {
  return new Date(ms - 3 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The CRM Zen API as the spec describes it, written here independently of `@zen-leads/simulator`:
 * it checks the token, then counts the request at its arrival (its own clock), one per window.
 */
export class SimulatedApi {
  readonly arrivals: Arrival[] = [];
  #lastCounted: Arrival | undefined;
  #ids = 0;

  constructor(
    private readonly clock: VirtualClock,
    private readonly random: Prng,
    readonly faults: ApiFaults,
  ) {}

  /** A request arrives now; the decision is made now, the response rendered when it leaves. */
  arrive(source: Source, date: string, flight?: number): { arrival: Arrival; respond: () => TransportResponse } {
    const at = this.clock.now();
    const arrival: Arrival = { id: ++this.#ids, source, at, date, status: 200, counted: false, ...(flight === undefined ? {} : { flight }) };
    this.arrivals.push(arrival);
    const last = this.#lastCounted;
    if (at >= this.faults.revokedAt) {
      arrival.status = 401;
      return { arrival, respond: () => this.#response(401, { error: 'Token desabilitado' }) };
    }
    if (last && at - last.at < API_WINDOW_MS) {
      arrival.status = 429;
      arrival.windowOpenedBy = { id: last.id, source: last.source, at: last.at };
      const skew = this.faults.skewMs;
      const error =
        'Você excedeu o número de requisições. ' +
        `Sua última requisição foi em "${saoPauloText(last.at + skew)}". ` +
        `Sua próxima requisição estará disponível em "${saoPauloText(last.at + API_WINDOW_MS + skew)}"`;
      return { arrival, respond: () => this.#response(429, { error }) };
    }
    arrival.counted = true;
    this.#lastCounted = arrival;
    if (this.random.chance(this.faults.serverErrorRate)) {
      arrival.status = 500;
      return { arrival, respond: () => this.#response(500, { error: 'Ocorreu um erro interno do servidor. Por favor, tente novamente.' }) };
    }
    return { arrival, respond: () => this.#response(200, { data: date, usuarios: [], erros: {} }) };
  }

  #response(status: number, body: unknown): TransportResponse {
    const headers = new Map([
      ['content-type', 'application/json'],
      // The server's clock, one-second resolution, when the response leaves.
      ['date', new Date(this.clock.now() + this.faults.skewMs).toUTCString()],
    ]);
    return { status, headers: { get: (name) => headers.get(name.toLowerCase()) ?? null }, body: JSON.stringify(body) };
  }
}
