import type { Clock } from './clock.js';
import type { ResponseCache } from './window-store.js';
import { ZenAuthError, type ZenAuthReason } from './errors/zen-auth-error.js';
import { formatSaoPauloDateTime } from './sao-paulo-calendar.js';

/** What is kept of a 401: never the token, only what the API said and when. */
interface Refusal {
  at: number;
  reason: ZenAuthReason;
  apiMessage?: string;
}

/**
 * A refused token is not asked about again for a while: a revoked token would otherwise draw a
 * 401 for every caller, and a gateway would hammer the API on behalf of every client. Kept in the
 * shared cache when there is one (every process on the store learns it at once), else here.
 */
export class RefusalMemory {
  readonly #cache: ResponseCache | undefined;
  readonly #key: string;
  readonly #clock: Clock;
  readonly #memoryMs: number;
  #local: Refusal | undefined;

  constructor(options: { cache: ResponseCache | undefined; key: string; clock: Clock; memoryMs: number }) {
    this.#cache = options.cache;
    this.#key = options.key;
    this.#clock = options.clock;
    this.#memoryMs = options.memoryMs;
  }

  /** Throws the remembered refusal, if the API refused this token less than the memory ago. */
  async check(): Promise<void> {
    const refusal = await this.#recall();
    if (!refusal) return;
    const refusedAt = `${formatSaoPauloDateTime(new Date(refusal.at))} (America/Sao_Paulo)`;
    const retryAt = new Date(refusal.at + this.#memoryMs);
    throw new ZenAuthError(
      `The API refused this token (401${refusal.apiMessage === undefined ? '' : `: "${refusal.apiMessage}"`}) at ${refusedAt}; nothing was sent.`,
      `Copy the token again from CRM Zen → Integração. The API is asked again after ${formatSaoPauloDateTime(retryAt)}.`,
      refusal.reason,
      { remembered: true, retryAt, ...(refusal.apiMessage === undefined ? {} : { apiMessage: refusal.apiMessage }) },
    );
  }

  async remember(error: ZenAuthError): Promise<void> {
    const refusal: Refusal = { at: this.#clock.now(), reason: error.reason, ...(error.apiMessage === undefined ? {} : { apiMessage: error.apiMessage }) };
    this.#local = refusal;
    // A cache that cannot write still leaves this process's memory.
    await this.#cache?.set(this.#key, JSON.stringify(refusal), this.#memoryMs).catch(() => undefined);
  }

  async #recall(): Promise<Refusal | undefined> {
    const now = this.#clock.now();
    let refusal = this.#local;
    if (this.#cache) {
      const text = await this.#cache.get(this.#key).catch(() => undefined);
      try {
        if (text !== undefined) refusal = JSON.parse(text) as Refusal;
      } catch {
        // A damaged entry counts as none.
      }
    }
    return refusal && typeof refusal.at === 'number' && now - refusal.at < this.#memoryMs ? refusal : undefined;
  }
}
