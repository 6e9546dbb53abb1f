import { addDays, todayInSaoPaulo } from '@zen-leads/core';
import type { Simulator } from '@zen-leads/simulator';
import { redisUrlWith, startTestRedisServer, type TestRedisServer } from '@zen-leads/test-support/redis-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveInProcess, startServe, type ServedGateway } from './support/served-gateway.js';
import { DISTINCTIVE_TOKEN, serveSimulator, type ServedSimulator } from './support/served-simulator.js';

const KEY = 'replica-test-client-key-3b9f0a';
const WINDOW_MS = 500;
/** A database of its own on the test server; keys are hashes unique to each simulator anyway. */
const DB = 9;

let redis: TestRedisServer;
let served: ServedSimulator | undefined;
let replicas: ServedGateway[] = [];
beforeAll(async () => {
  redis = await startTestRedisServer();
}, 600_000);
afterAll(() => redis?.stop());
afterEach(async () => {
  await Promise.all(replicas.map((replica) => replica.stop('SIGKILL')));
  replicas = [];
  await served?.close();
  served = undefined;
});

/** `count` replicas; in this process unless one must be killable (SIGKILL needs a process of its own). */
async function startReplicas(count: number, start: typeof serveInProcess = serveInProcess): Promise<ServedGateway[]> {
  const store = redisUrlWith(redis.url, { db: DB });
  replicas = await Promise.all(
    Array.from({ length: count }, () => start(['--store', store, '--min-interval', `${WINDOW_MS}ms`], { ...served!.env, ZEN_GATEWAY_KEYS: KEY })),
  );
  return replicas;
}

/** Asks `replicas` in turn, as a load balancer would, moving on when one is gone. */
async function askAny(replicasInOrder: readonly ServedGateway[], day: string): Promise<{ status: number; body: string; replica: string }> {
  for (let attempt = 0; attempt < replicasInOrder.length * 2; attempt++) {
    const index = attempt % replicasInOrder.length;
    try {
      const response = await fetch(`${replicasInOrder[index]!.url}/api/totais_lead?data=${day}`, { headers: { token: KEY, prefer: 'wait=120' } });
      return { status: response.status, body: await response.text(), replica: replicasInOrder[index]!.url };
    } catch {
      // Connection refused or reset: that replica is gone.
    }
  }
  throw new Error(`no replica answered for ${day}`);
}

const bodyOf = (simulator: Simulator, day: string): Promise<string> => simulator.payloadFor(DISTINCTIVE_TOKEN, day).then((payload) => JSON.stringify(payload));

describe('zen-leads serve: replicas sharing one Redis share the token’s window', () => {
  it('3 replicas, 20 distinct days asked across them: 20 upstream requests, one per window, 0 × 429, every client served the upstream’s bytes', async () => {
    served = await serveSimulator({ windowMs: WINDOW_MS });
    const all = await startReplicas(3);
    const days = Array.from({ length: 20 }, (_, index) => addDays(todayInSaoPaulo(), -1 - index));
    const answers = await Promise.all(days.map((day, index) => askAny([...all.slice(index % 3), ...all.slice(0, index % 3)], day)));
    const log = served.simulator.log;
    expect(log.filter((entry) => entry.status === 429)).toEqual([]);
    expect(log.map((entry) => entry.date).sort()).toEqual([...days].sort());
    for (let index = 1; index < log.length; index++) expect(log[index]!.at - log[index - 1]!.at).toBeGreaterThanOrEqual(WINDOW_MS);
    for (const [index, day] of days.entries()) {
      expect(answers[index]?.status).toBe(200);
      expect(answers[index]?.body).toBe(await bodyOf(served.simulator, day));
    }
    // Every replica served clients.
    expect(new Set(answers.map((answer) => answer.replica))).toEqual(new Set(all.map((replica) => replica.url)));
  }, 180_000);

  it('a replica killed (SIGKILL) in the middle of an upstream request loses nothing: its clients, retrying, are served by the others', async () => {
    let killAt: ((date: string) => void) | undefined;
    // The API takes 1.5 s to answer; the first request for the doomed day triggers the kill.
    served = await serveSimulator({ windowMs: WINDOW_MS }, (simulator) => async (request) => {
      const date = new URL(request.url).searchParams.get('data') ?? '';
      killAt?.(date);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      return simulator.handler(request);
    });
    const [doomed, ...others] = await startReplicas(3, startServe);
    const inFlight = addDays(todayInSaoPaulo(), -2);
    const queuedBehind = addDays(todayInSaoPaulo(), -3);
    killAt = (date) => {
      if (date !== inFlight) return;
      killAt = undefined;
      void doomed!.stop('SIGKILL');
    };
    const answers = await Promise.all([askAny([doomed!, ...others], inFlight), askAny([doomed!, ...others], queuedBehind)]);
    expect(await doomed!.stop()).toBe('SIGKILL');
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(answers[0]?.body).toBe(await bodyOf(served.simulator, inFlight));
    expect(answers[1]?.body).toBe(await bodyOf(served.simulator, queuedBehind));
    expect(answers.map((answer) => answer.replica)).not.toContain(doomed!.url);
    const log = served.simulator.log;
    expect(log.filter((entry) => entry.status === 429)).toEqual([]);
    // The killed request spent its window at the API; the day was fetched again for its clients.
    expect(log.filter((entry) => entry.date === inFlight).length).toBeGreaterThanOrEqual(2);
    for (const replica of others) expect(`${replica.stdout()}${replica.stderr()}`).not.toContain(DISTINCTIVE_TOKEN);
  }, 120_000);
});
