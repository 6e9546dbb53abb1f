import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '@zen-leads/test-support/postgres-server';
import { openHistory, serializeLeadTotals } from '../src/index.js';

const WRITER = new URL('./fixtures/snapshot-writer.mjs', import.meta.url);
const KILLS = 4;

let dir: string;
const databases: Awaited<ReturnType<typeof createTestDatabase>>[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zen-snapshots-killed-'));
});
afterEach(async () => {
  await Promise.all(databases.splice(0).map((database) => database.drop()));
  await rm(dir, { recursive: true, force: true });
});

async function historyFor(kind: string): Promise<string> {
  if (kind !== 'postgres') return join(dir, kind);
  const database = await createTestDatabase(inject('postgresUrl'));
  databases.push(database);
  return database.url;
}

/** Runs the writer until it has stored `atLeast` more snapshots (and a random bit more), then SIGKILLs it. */
async function runAndKill(history: string, atLeast: number, about: Map<string, string>, stored: Set<string>): Promise<void> {
  const child = spawn(process.execPath, [WRITER.pathname], { env: { ...process.env, HISTORY: history }, stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  let count = 0;
  let buffered = '';
  // 'close': after the exit and after every line the writer printed was read (stdout is a pipe).
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  let reachedThreshold: () => void = () => undefined;
  const threshold = new Promise<void>((resolve, reject) => {
    reachedThreshold = resolve;
    child.on('exit', () => reject(new Error(`the writer ended by itself: ${errors}`)));
  });
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const [word, at, hash] = line.split(' ') as [string, string, string?];
      if (word === 'about') about.set(at, hash ?? '');
      if (word === 'stored') stored.add(at);
      if (word === 'stored') count++;
      // Past the threshold, kill at the next "about": a write is then under way, or about to be.
      if (word === 'about' && count >= atLeast) reachedThreshold();
    }
  });
  await threshold;
  child.kill('SIGKILL');
  await closed;
}

describe.each(['leads.ndjson', 'leads.sqlite', 'postgres'])('a snapshot writer killed with SIGKILL and run again (%s)', (kind) => {
  it('keeps every snapshot it reported stored, each whole and as it was sent, and the chain continues', async () => {
    const path = await historyFor(kind);
    const about = new Map<string, string>();
    const stored = new Set<string>();
    for (let kill = 0; kill < KILLS; kill++) await runAndKill(path, 3 + kill * 2, about, stored);

    const history = await openHistory(path, { readOnly: true });
    try {
      const snapshots = await history.readSnapshots();
      const times = snapshots.map((snapshot) => snapshot.fetchedAt.toISOString());
      for (const at of stored) expect(times).toContain(at);
      for (const snapshot of snapshots) {
        const hash = createHash('sha256').update(serializeLeadTotals(snapshot.totals)).digest('hex');
        expect(hash, `the snapshot of ${snapshot.fetchedAt.toISOString()}`).toBe(about.get(snapshot.fetchedAt.toISOString()));
      }
      // One per step, none lost in the middle: a kill costs at most the snapshot being written.
      expect(times).toEqual([...times].sort());
      expect(new Set(times).size).toBe(times.length);
      expect(history.issues().filter((issue) => issue.kind !== 'torn-last-line')).toEqual([]);
    } finally {
      await history.close();
    }
    // Four child processes, each starting Node and loading the packages: generous under a loaded machine.
  }, 90_000);
});
