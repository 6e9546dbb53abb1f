/** How many wrong keys an address may present, in how long, before it is locked out, and for how long. */
export interface WrongKeyLimit {
  attempts: number;
  perMs: number;
  lockoutMs: number;
}

/** 10 wrong keys in 15 minutes lock the address out for 15 minutes: plenty for typos, nothing for guessing. */
export const DEFAULT_WRONG_KEY_LIMIT: WrongKeyLimit = { attempts: 10, perMs: 15 * 60_000, lockoutMs: 15 * 60_000 };

/** Addresses remembered at most: beyond, the oldest entries go first (a flood of addresses cannot fill the memory). */
const MAX_ADDRESSES = 50_000;

interface AddressRecord {
  failures: number;
  firstFailureAt: number;
  lockedUntil: number;
}

/**
 * Wrong client keys counted per client address, for every route that takes a key (sign-in,
 * `/api`, `/v1`, `/metrics`). Once an address has presented `attempts` wrong keys within `perMs`,
 * it is locked out for `lockoutMs`: during the lock-out every request of it that takes a key is
 * refused before its key is even looked at, so a right key and a wrong one get the same answer
 * and a guess can no longer be told from a hit. Each replica counts for itself (in memory).
 */
export class WrongKeyThrottle {
  readonly #limit: WrongKeyLimit;
  readonly #log: (line: string) => void;
  readonly #addresses = new Map<string, AddressRecord>();

  constructor(limit: WrongKeyLimit, log: (line: string) => void) {
    this.#limit = limit;
    this.#log = log;
  }

  /** When the address's lock-out ends, or undefined when it is not locked out. */
  lockedUntil(address: string, now: number): number | undefined {
    const record = this.#addresses.get(address);
    return record && record.lockedUntil > now ? record.lockedUntil : undefined;
  }

  /** Counts a wrong key from `address`; the one that reaches the limit starts the lock-out and its one log line. */
  failed(address: string, now: number): void {
    let record = this.#addresses.get(address);
    if (!record || now - record.firstFailureAt >= this.#limit.perMs || (record.lockedUntil !== 0 && record.lockedUntil <= now)) {
      record = { failures: 0, firstFailureAt: now, lockedUntil: 0 };
    }
    record.failures += 1;
    // Re-inserted, so the map stays in order of last failure and the oldest are evicted first.
    this.#addresses.delete(address);
    this.#addresses.set(address, record);
    if (record.failures === this.#limit.attempts) {
      record.lockedUntil = now + this.#limit.lockoutMs;
      this.#log(
        `auth: ${address} presented ${record.failures} wrong client keys in ${Math.ceil((now - record.firstFailureAt) / 1000)} s; every request of it that takes a key is refused (429) until ${new Date(record.lockedUntil).toISOString()}`,
      );
    }
    this.#evict();
  }

  #evict(): void {
    for (const address of this.#addresses.keys()) {
      if (this.#addresses.size <= MAX_ADDRESSES) return;
      this.#addresses.delete(address);
    }
  }
}
