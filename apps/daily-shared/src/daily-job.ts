/**
 * The job: fetch the day through @zen-leads/core (the token's window and cache in the state
 * folder, shared by every run on this machine), store it in the history, POST it to the webhook
 * with its idempotency key, then record the delivery. The same for Bun and Deno: SQLite is the
 * runtime's own, found by @zen-leads/history.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createZenClient, summarize, toUserRows } from '@zen-leads/core';
import { FileStore } from '@zen-leads/core/file-store';
import type { DailyConfig } from './config.ts';
import { storeDay, type HistoryOutcome } from './day-history.ts';
import { DeliveryLog } from './delivery-log.ts';
import { idempotencyKeyOf } from './idempotency-key.ts';
import { deliverToWebhook, WebhookDeliveryError } from './webhook-delivery.ts';

export interface DailyReport {
  date: string;
  idempotencyKey: string;
  users: number;
  totalLeads: number;
  fromCache: boolean;
  history: HistoryOutcome;
  delivered: boolean;
  attempts: number;
}

export async function runDailyJob(config: DailyConfig, log: (line: string) => void): Promise<DailyReport> {
  // The folder holds the client's cache and the history: only its owner may read them.
  mkdirSync(config.stateDir, { recursive: true, mode: 0o700 });
  const client = createZenClient({
    url: config.zenUrl,
    token: config.zenToken,
    store: new FileStore({ dir: join(config.stateDir, 'zen-client') }),
    hooks: {
      onWait: ({ waitMs, position }) => log(`waiting about ${Math.ceil(waitMs / 1000)} s for the API's window (${position === 1 ? 'next in line' : `place ${position} in line`})`),
    },
  });
  const { totals, fromCache } = await client.getTotalsResult(config.date);
  const summary = summarize(totals);
  const idempotencyKey = await idempotencyKeyOf(totals);
  const historyPath = join(config.stateDir, 'history.sqlite');
  const history = await storeDay(historyPath, totals);
  if (history === 'not-closed') log(`${totals.date} is not over in São Paulo yet: delivered, not stored (the history keeps closed days)`);

  const deliveries = DeliveryLog.open(historyPath);
  try {
    const delivery = await deliverToWebhook({
      url: config.webhookUrl,
      body: { date: totals.date, idempotencyKey, summary, users: toUserRows(totals), totals },
      idempotencyKey,
      retries: config.webhookRetries,
      backoffMs: config.webhookBackoffMs,
      onAttemptFailed: ({ attempt, reason, delayMs }) => log(`webhook attempt ${attempt} failed (${reason}); retrying in ${delayMs} ms`),
    });
    deliveries.record(totals.date, idempotencyKey, delivery.attempts, new Date(), { delivered: true });
    return { date: totals.date, idempotencyKey, users: summary.users, totalLeads: summary.totalLeads, fromCache, history, delivered: true, attempts: delivery.attempts };
  } catch (error) {
    if (error instanceof WebhookDeliveryError) deliveries.record(totals.date, idempotencyKey, error.attempts, new Date(), { delivered: false, error: error.message });
    throw error;
  } finally {
    deliveries.close();
  }
}
