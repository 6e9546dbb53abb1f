import { describe } from 'vitest';
import { MemorySnapshots, type HistoryStore } from '../src/index.js';
import { snapshotStoreContract } from './support/snapshot-store-contract.js';

/** The in-memory store as a history of no days, so the shared contract runs on it as on the others. */
function memoryHistory(snapshots: MemorySnapshots, readOnly = false): HistoryStore {
  return {
    path: 'memory:',
    format: 'ndjson',
    has: async () => false,
    storedDays: async () => new Set(),
    append: async () => false,
    read: async () => [],
    issues: () => [],
    close: async () => undefined,
    appendSnapshot: readOnly ? async () => Promise.reject(new Error('opened read-only')) : (totals, fetchedAt) => snapshots.appendSnapshot(totals, fetchedAt),
    readSnapshots: (range) => snapshots.readSnapshots(range),
    pruneSnapshots: (before) => snapshots.pruneSnapshots(before),
  };
}

describe('in-memory snapshots (a host without a history)', () => {
  snapshotStoreContract({
    async open() {
      const snapshots = new MemorySnapshots();
      return { history: memoryHistory(snapshots), again: async (options) => memoryHistory(snapshots, options?.readOnly) };
    },
  });
});
