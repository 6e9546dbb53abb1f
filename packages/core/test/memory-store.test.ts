import { changeNoticeContract, windowStoreContract } from '@zen-leads/test-support/window-store-contract';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../src/window-store.js';

describe('MemoryStore', () => {
  const make = async () => {
    let now = 1_000_000;
    return { store: new MemoryStore({ now: () => now }), advance: (ms: number) => void (now += ms) };
  };
  windowStoreContract(make);
  changeNoticeContract(make);

  it('drops the oldest cached responses past its size limit', async () => {
    const store = new MemoryStore({ maxCacheEntries: 2 });
    await store.set('a', '1', 60_000);
    await store.set('b', '2', 60_000);
    await store.set('c', '3', 60_000);
    expect([await store.get('a'), await store.get('b'), await store.get('c')]).toEqual([undefined, '2', '3']);
  });
});
