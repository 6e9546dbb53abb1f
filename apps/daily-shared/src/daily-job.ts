/**
 * The job: fetch the day through @zen-leads/core (rate-limit guard and cache in the state
 * folder, shared by every run on this machine), record it in the history, POST it to the
 * webhook with its idempotency key, then record the delivery. The same for Bun and Deno: only
 * opening the SQLite history differs, so the app passes `openHistory`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createZenClient, summarize, toUserRows } from '@zen-leads/core';
import { FileStore } from '@zen-leads/core/file-store';
import type { DailyConfig } from './config.ts';
import type { DailyHistory } from './daily-history.ts';
import { idempotencyKeyOf } from './idempotency-key.ts';
import { deliverToWebhook, WebhookDeliveryError } from './webhook-delivery.ts';

export interface DailyReport {
  date: string;
  idempotencyKey: string;
  users: number;
  totalLeads: number;
  fromCache: boolean;
  history: 'inserted' | 'updated';
  delivered: boolean;
  attempts: number;
}

export async function runDailyJob(config: DailyConfig, log: (line: string) => void, openHistory: (path: string) => DailyHistory): Promise<DailyReport> {
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

  const history = openHistory(join(config.stateDir, 'history.sqlite'));
  try {
    const existed = history.recordFetched(totals, summary, idempotencyKey, new Date());
    const report: DailyReport = {
      date: totals.date,
      idempotencyKey,
      users: summary.users,
      totalLeads: summary.totalLeads,
      fromCache,
      history: existed ? 'updated' : 'inserted',
      delivered: false,
      attempts: 0,
    };
    try {
      const delivery = await deliverToWebhook({
        url: config.webhookUrl,
        body: { date: totals.date, idempotencyKey, summary, users: toUserRows(totals), totals },
        idempotencyKey,
        retries: config.webhookRetries,
        backoffMs: config.webhookBackoffMs,
        onAttemptFailed: ({ attempt, reason, delayMs }) => log(`webhook attempt ${attempt} failed (${reason}); retrying in ${delayMs} ms`),
      });
      history.recordDelivery(totals.date, delivery.attempts, new Date());
      return { ...report, delivered: true, attempts: delivery.attempts };
    } catch (error) {
      if (error instanceof WebhookDeliveryError) history.recordDelivery(totals.date, error.attempts, null);
      throw error;
    }
  } finally {
    history.close();
  }
}
