/**
 * Days waiting their turn to be handed to the core, one list per client key, served round-robin:
 * a key's second day goes after every other key's first. The core's own queue is first come
 * first served (across replicas too), so the gateway hands it one day at a time from here: a key
 * that queues 280 days moves another key's day back by one turn, not by 280 windows.
 */
export class FairDayQueue {
  /** Key id → its days, oldest first. */
  readonly #byKey = new Map<string, string[]>();
  /** Key id → when it was last served (a sequence number): the least recently served goes next. */
  readonly #servedAt = new Map<string, number>();
  #served = 0;

  /** `order()`'s result, kept until the queue changes. */
  #order: Map<string, number> | undefined;

  get size(): number {
    return this.#positions().size;
  }

  /** How many days `take` hands out before `date` (-1 when it is not waiting). */
  position(date: string): number {
    return this.#positions().get(date) ?? -1;
  }

  has(date: string): boolean {
    for (const days of this.#byKey.values()) if (days.includes(date)) return true;
    return false;
  }

  /** Adds `date` to `key`'s list (a day several keys want sits in each list; it is taken once). */
  add(key: string, date: string): void {
    this.#order = undefined;
    const days = this.#byKey.get(key);
    if (!days) this.#byKey.set(key, [date]);
    else if (!days.includes(date)) days.push(date);
  }

  /** Takes the next day in round-robin order, or undefined when none waits. */
  take(): string | undefined {
    const key = this.#rotation()[0];
    const date = key === undefined ? undefined : this.#byKey.get(key)?.[0];
    if (key === undefined || date === undefined) return undefined;
    this.remove(date);
    // Served: this key goes to the back of the rotation.
    this.#servedAt.set(key, ++this.#served);
    this.#order = undefined;
    return date;
  }

  /** Drops `date` from every key's list. */
  remove(date: string): void {
    this.#order = undefined;
    for (const [key, days] of this.#byKey) {
      const index = days.indexOf(date);
      if (index >= 0) days.splice(index, 1);
      if (days.length === 0) this.#byKey.delete(key);
    }
  }

  /** Every waiting day in the order `take` would hand them out if nothing new came. */
  order(): string[] {
    const seen = new Set<string>();
    const lists = this.#rotation().map((key) => this.#byKey.get(key) ?? []);
    const longest = Math.max(0, ...lists.map((days) => days.length));
    for (let round = 0; round < longest; round++) {
      for (const days of lists) {
        const date = days[round];
        if (date !== undefined) seen.add(date);
      }
    }
    return [...seen];
  }

  /** The days that are still waiting and `key` asked for. */
  daysOf(key: string): readonly string[] {
    return this.#byKey.get(key) ?? [];
  }

  #positions(): Map<string, number> {
    this.#order ??= new Map(this.order().map((date, index) => [date, index]));
    return this.#order;
  }

  /** Keys with days waiting, least recently served first (a key never served before all others). */
  #rotation(): string[] {
    const servedAt = (key: string): number => this.#servedAt.get(key) ?? 0;
    return [...this.#byKey.keys()].sort((a, b) => servedAt(a) - servedAt(b));
  }

  /** Empties the queue, returning every day that was waiting. */
  clear(): string[] {
    const all = this.order();
    this.#byKey.clear();
    this.#order = undefined;
    return all;
  }
}
