import { expect, it } from 'vitest';

type Ticket = { id: string; day: string };
type Reservation = { granted: true } | { granted: false; waitMs: number; queue: readonly Ticket[]; holding?: string };

/**
 * The store contract of `@zen-leads/core` (its `WindowStore & ResponseCache`), restated here
 * structurally: this package cannot depend on the core, which depends on it for its tests.
 */
export interface StoreShape {
  reserve(key: string, claim: { holder: string; day: string; windowMs: number }): Promise<Reservation>;
  enqueue(key: string, ticket: Ticket, options: { leaseMs: number; front?: boolean }): Promise<void>;
  dequeue(key: string, ticketId: string): Promise<void>;
  hold(key: string, ms: number, options: { replace: boolean }): Promise<void>;
  release(key: string, holder: string): Promise<void>;
  watch?(key: string, listener: () => void): () => void;
  notify?(key: string): Promise<void>;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
}

/** A fresh store and a way to move its clock (or, for Redis, to wait that long). */
export type StoreUnderTest = () => Promise<{ store: StoreShape; advance(ms: number): void | Promise<void> }>;

const claim = (holder: string, day = '2026-11-20', windowMs = 1_000) => ({ holder, day, windowMs });
const ticket = (id: string, day = '2026-11-20') => ({ id, day });
const LEASE = { leaseMs: 60_000 };

/**
 * The behaviour every store promises (memory, file, Redis), run against each one: the window,
 * the first-come-first-served queue with leases, and the cache.
 */
export function windowStoreContract(make: StoreUnderTest): void {
  it('grants a free window once, then tells how long until it frees and which day its holder fetches', async () => {
    const { store, advance } = await make();
    const reservedAt = performance.now();
    expect(await store.reserve('k', claim('a', '2026-11-18'))).toEqual({ granted: true });
    const second = await store.reserve('k', claim('b'));
    expect(second).toMatchObject({ granted: false, holding: '2026-11-18', queue: [] });
    // The window's rest: on Redis's real time, less what a busy machine took between the calls.
    const elapsed = performance.now() - reservedAt;
    if (!second.granted) expect(second.waitMs).toBeGreaterThan(1_000 - elapsed - 100);
    if (!second.granted) expect(second.waitMs).toBeLessThanOrEqual(1_000);
    await advance(1_050);
    expect(await store.reserve('k', claim('b'))).toEqual({ granted: true });
  });

  it('keeps keys apart', async () => {
    const { store } = await make();
    expect(await store.reserve('k1', claim('a'))).toEqual({ granted: true });
    expect(await store.reserve('k2', claim('a'))).toEqual({ granted: true });
  });

  it('grants exactly one of many concurrent claims', async () => {
    const { store } = await make();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.reserve('k', claim(`o${i}`))));
    expect(results.filter((result) => result.granted)).toHaveLength(1);
  });

  it('serves the queue first come first served: only its head may claim a free window', async () => {
    const { store } = await make();
    await store.enqueue('k', ticket('first', '2026-11-01'), LEASE);
    await store.enqueue('k', ticket('second', '2026-11-02'), LEASE);
    const jumping = await store.reserve('k', claim('second'));
    expect(jumping).toMatchObject({ granted: false, waitMs: 0, queue: [ticket('first', '2026-11-01'), ticket('second', '2026-11-02')] });
    expect(await store.reserve('k', claim('outsider'))).toMatchObject({ granted: false });
    expect(await store.reserve('k', claim('first'))).toEqual({ granted: true });
    const after = await store.reserve('k', claim('second'));
    expect(after).toMatchObject({ granted: false, queue: [ticket('second', '2026-11-02')] });
  });

  it('puts a ticket that rejoins at the front ahead of everyone, and renewing keeps a ticket in place', async () => {
    const { store } = await make();
    await store.enqueue('k', ticket('a'), LEASE);
    await store.enqueue('k', ticket('b'), LEASE);
    await store.enqueue('k', ticket('a'), LEASE);
    await store.enqueue('k', ticket('again'), { ...LEASE, front: true });
    const state = await store.reserve('k', claim('nobody'));
    expect(!state.granted && state.queue.map((t) => t.id)).toEqual(['again', 'a', 'b']);
  });

  it('drops a ticket whose lease ran out, so a dead process does not block the queue', async () => {
    const { store, advance } = await make();
    await store.enqueue('k', ticket('dead'), { leaseMs: 300 });
    await store.enqueue('k', ticket('alive'), LEASE);
    expect(await store.reserve('k', claim('alive'))).toMatchObject({ granted: false });
    await advance(400);
    expect(await store.reserve('k', claim('alive'))).toEqual({ granted: true });
  });

  it('forgets a ticket that left the queue', async () => {
    const { store } = await make();
    await store.enqueue('k', ticket('gone'), LEASE);
    await store.dequeue('k', 'gone');
    await store.dequeue('k', 'never-there');
    expect(await store.reserve('k', claim('next'))).toEqual({ granted: true });
  });

  it('restarts a window without ever shortening it, and keeps its holder', async () => {
    const { store } = await make();
    await store.reserve('k', claim('a'));
    await store.hold('k', 5_000, { replace: false });
    await store.hold('k', 100, { replace: false });
    const longer = await store.reserve('k', claim('b'));
    expect(!longer.granted && longer.waitMs > 4_000).toBe(true);
    await store.release('k', 'a');
    expect(await store.reserve('k', claim('b'))).toEqual({ granted: true });
  });

  it("replaces the window with the server's time after a 429, even a shorter one, held by nobody", async () => {
    const { store } = await make();
    await store.reserve('k', claim('a', '2026-11-20', 60_000));
    await store.hold('k', 3_000, { replace: true });
    const shorter = await store.reserve('k', claim('b'));
    expect(shorter).toMatchObject({ granted: false });
    expect(!shorter.granted && shorter.waitMs <= 3_000 && shorter.waitMs > 2_000).toBe(true);
    expect(!shorter.granted && shorter.holding).toBeUndefined();
    await store.release('k', 'a');
    await store.release('k', '');
    expect((await store.reserve('k', claim('b'))).granted).toBe(false);
    await store.hold('fresh', 2_000, { replace: true });
    const fresh = await store.reserve('fresh', claim('b'));
    expect(!fresh.granted && fresh.waitMs > 1_000).toBe(true);
  });

  it('releases only for the holder', async () => {
    const { store } = await make();
    await store.reserve('k', claim('a', '2026-11-20', 60_000));
    await store.release('k', 'someone-else');
    expect((await store.reserve('k', claim('b'))).granted).toBe(false);
    await store.release('k', 'a');
    expect((await store.reserve('k', claim('b'))).granted).toBe(true);
  });

  it('caches values until their time runs out', async () => {
    const { store, advance } = await make();
    expect(await store.get('c')).toBeUndefined();
    await store.set('c', '{"data":"x"}', 1_000);
    expect(await store.get('c')).toBe('{"data":"x"}');
    await advance(1_050);
    expect(await store.get('c')).toBeUndefined();
  });
}

/** For stores that push changes: a notice reaches every watcher of the key, and only them. */
export function changeNoticeContract(make: StoreUnderTest): void {
  it('tells every watcher of a key about a change, and stops after unwatching', async () => {
    const { store } = await make();
    if (!store.watch || !store.notify) throw new Error('this store does not push changes');
    const seen: string[] = [];
    const stopA = store.watch('k', () => seen.push('a'));
    const stopOther = store.watch('other', () => seen.push('other'));
    const arrived = new Promise<void>((resolve) => store.watch!('k', () => resolve()));
    await settleSubscriptions();
    await store.notify('k');
    await arrived;
    await expect.poll(() => seen).toEqual(['a']);
    stopA();
    stopOther();
    await settleSubscriptions();
    await store.notify('k');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toEqual(['a']);
  });
}

/** Redis subscriptions are asynchronous: give them a moment to be in place. */
async function settleSubscriptions(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 100));
}
