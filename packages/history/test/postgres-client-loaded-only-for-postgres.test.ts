import { join } from 'node:path';
import { expect, inject, it, vi } from 'vitest';
import { useTempFolder } from '@zen-leads/test-support/temp-folder';
import { openHistory } from '../src/index.js';
import { day } from './support/lead-totals-samples.js';

// Counts every load of the `postgres` client: the factory runs only when something imports it.
const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('postgres', async (importOriginal) => {
  loads.count++;
  return importOriginal();
});

const folder = useTempFolder('zen-history-lazy-');

it('NDJSON and SQLite histories never load the PostgreSQL client; a postgres:// URL does', async () => {
  for (const name of ['a.ndjson', 'a.sqlite']) {
    const history = await openHistory(join(folder(), name));
    await history.append(day('2026-01-02'));
    await history.read();
    await history.close();
  }
  expect(loads.count).toBe(0);
  // A database that does not exist: the open must load the client to find that out.
  const url = new URL(inject('postgresUrl'));
  url.pathname = '/zen_no_such_database';
  await expect(openHistory(url.toString())).rejects.toThrow(/zen_no_such_database/);
  expect(loads.count).toBe(1);
});
