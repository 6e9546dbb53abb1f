/**
 * One test's world: the simulator served on loopback (its real 5-minute window), a webhook
 * receiver, and an empty state folder. `env()` is the environment the app documents.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulator, type Simulator } from '@zen-leads/simulator';
import { serve } from '@zen-leads/simulator/node';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';

export const TOKEN = 'daily-test-token-5b1e7c';

export interface DailyFixture {
  sim: Simulator;
  zenUrl: string;
  receiver: WebhookReceiver;
  stateDir: string;
  env(extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

export async function startDailyFixture(): Promise<DailyFixture> {
  const sim = createSimulator({ tokens: [TOKEN], seed: 'daily-apps' });
  const server = await serve(sim, { port: 0, hostname: '127.0.0.1' });
  const receiver = await startWebhookReceiver();
  const stateDir = mkdtempSync(join(tmpdir(), 'zen-daily-'));
  return {
    sim,
    zenUrl: server.url,
    receiver,
    stateDir,
    env: (extra = {}) => ({ ZEN_URL: server.url, ZEN_TOKEN: TOKEN, WEBHOOK_URL: receiver.url, ZEN_DAILY_STATE_DIR: stateDir, ...extra }),
    close: async () => {
      await Promise.all([server.close(), receiver.close()]);
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
