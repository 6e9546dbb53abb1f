import { expect, it } from 'vitest';
import type { CooldownStore, ResponseCache } from '../src/cooldown-store.js';

/**
 * The behaviour every store promises, run against each one. `advance` moves the store's clock.
 */
export function cooldownStoreContract(make: () => Promise<{ store: CooldownStore & ResponseCache; advance(ms: number): void | Promise<void> }>): void {
  it('grants a free window once, then tells how long until it frees', async () => {
    const { store, advance } = await make();
    expect(await store.reserve('k', 1000, 'a')).toEqual({ granted: true });
    const second = await store.reserve('k', 1000, 'b');
    expect(second.granted).toBe(false);
    if (!second.granted) expect(second.waitMs).toBeGreaterThan(900);
    await advance(1001);
    expect(await store.reserve('k', 1000, 'b')).toEqual({ granted: true });
  });

  it('keeps keys apart', async () => {
    const { store } = await make();
    expect(await store.reserve('k1', 1000, 'a')).toEqual({ granted: true });
    expect(await store.reserve('k2', 1000, 'a')).toEqual({ granted: true });
  });

  it('grants exactly one of many concurrent claims', async () => {
    const { store } = await make();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.reserve('k', 1000, `o${i}`)));
    expect(results.filter((result) => result.granted)).toHaveLength(1);
  });

  it('extends a cooldown but never shortens it', async () => {
    const { store } = await make();
    await store.reserve('k', 1000, 'a');
    await store.extend('k', 5000);
    const longer = await store.reserve('k', 1000, 'b');
    expect(!longer.granted && longer.waitMs > 4000).toBe(true);
    await store.extend('k', 100);
    const still = await store.reserve('k', 1000, 'b');
    expect(!still.granted && still.waitMs > 4000).toBe(true);
    await store.extend('fresh', 2000);
    const fresh = await store.reserve('fresh', 1000, 'b');
    expect(!fresh.granted && fresh.waitMs > 1000).toBe(true);
  });

  it('never lets the owner of a claim release a cooldown learned after it (a 429)', async () => {
    const { store } = await make();
    await store.reserve('k', 1000, 'a');
    await store.extend('k', 60_000);
    await store.release('k', 'a');
    await store.release('k', '');
    const after = await store.reserve('k', 1000, 'b');
    expect(!after.granted && after.waitMs > 50_000).toBe(true);
  });

  it('releases only for the owner', async () => {
    const { store } = await make();
    await store.reserve('k', 60_000, 'a');
    await store.release('k', 'someone-else');
    expect((await store.reserve('k', 60_000, 'b')).granted).toBe(false);
    await store.release('k', 'a');
    expect((await store.reserve('k', 60_000, 'b')).granted).toBe(true);
  });

  it('caches values until their time runs out', async () => {
    const { store, advance } = await make();
    expect(await store.get('c')).toBeUndefined();
    await store.set('c', '{"data":"x"}', 1000);
    expect(await store.get('c')).toBe('{"data":"x"}');
    await advance(1001);
    expect(await store.get('c')).toBeUndefined();
  });
}
