import { changeNoticeContract, windowStoreContract } from '@zen-leads/test-support/window-store-contract';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe } from 'vitest';
import { isolatedRedis } from './support/isolated-redis.js';

describe('RedisStore keeps the store contract (on Redis time: advancing is waiting)', () => {
  const make = async () => ({ store: isolatedRedis().newStore(), advance: (ms: number) => sleep(ms) });
  windowStoreContract(make);
  changeNoticeContract(make);
});
