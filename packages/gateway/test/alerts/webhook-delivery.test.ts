import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/alerts/alert.js';
import { WebhookDelivery, type DeliveryOutcome } from '../../src/alerts/webhook-delivery.js';

interface Received {
  at: number;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A real webhook receiver on a random port: `answer` decides each response (by its 0-based number). */
async function receiver(answer: (index: number, response: ServerResponse) => void): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ at: Date.now(), url: request.url ?? '', headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      answer(received.length - 1, response);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/s3cr3t-path?token=abc`, received, server };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

const ALERT: Alert = {
  id: 'a'.repeat(64),
  rule: 'quiet',
  kind: 'seller-silent',
  date: '2026-12-01',
  at: '2026-12-01T13:00:00.000Z',
  seller: 'Ana',
  value: 30,
  threshold: 30,
  text: 'Ana não recebe leads novos há 30 minutos, enquanto os outros vendedores receberam 6.',
};

function deliveryTo(url: string, extra: { lines?: string[]; outcomes?: DeliveryOutcome[]; maxQueue?: number; attempts?: number } = {}): WebhookDelivery {
  return new WebhookDelivery({
    webhooks: [{ url }],
    log: (line) => extra.lines?.push(line),
    onOutcome: (outcome) => extra.outcomes?.push(outcome),
    retryDelayMs: 50,
    maxRetryDelayMs: 3_000,
    timeoutMs: 2_000,
    maxQueue: extra.maxQueue,
    attempts: extra.attempts,
  });
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('WebhookDelivery over a real socket', () => {
  it('posts the alert as JSON with its idempotency key, and retries after a 500', async () => {
    const hook = await receiver((index, response) => response.writeHead(index === 0 ? 500 : 204).end());
    const outcomes: DeliveryOutcome[] = [];
    const lines: string[] = [];
    const delivery = deliveryTo(hook.url, { outcomes, lines });
    delivery.deliver(ALERT);
    await until(() => outcomes.length === 1);
    expect(lines).toEqual([]);
    expect(outcomes).toEqual(['delivered']);
    expect(hook.received).toHaveLength(2);
    for (const post of hook.received) {
      expect(post.headers['idempotency-key']).toBe(ALERT.id);
      expect(post.headers['content-type']).toBe('application/json');
      expect(post.body).toEqual(ALERT); // Slack reads its `text`; n8n the whole object
    }
    expect(delivery.counts()).toEqual({ delivered: 1, failed: 0, dropped: 0 });
    await delivery.stop();
  });

  it('honours a 429’s Retry-After, and never retries another 4xx', async () => {
    const limited = await receiver((index, response) => (index === 0 ? response.writeHead(429, { 'retry-after': '1' }).end() : response.writeHead(200).end('ok')));
    const refused = await receiver((_index, response) => response.writeHead(404).end());
    const outcomes: DeliveryOutcome[] = [];
    const lines: string[] = [];
    const delivery = new WebhookDelivery({ webhooks: [{ url: limited.url }, { url: refused.url }], log: (line) => lines.push(line), onOutcome: (outcome) => outcomes.push(outcome), retryDelayMs: 50 });
    delivery.deliver(ALERT);
    await until(() => outcomes.length === 2);
    expect(limited.received).toHaveLength(2);
    // The retry waited the second the receiver asked for (not the 50 ms backoff); a margin for timer slack only.
    expect(limited.received[1]!.at - limited.received[0]!.at).toBeGreaterThanOrEqual(950);
    expect(refused.received).toHaveLength(1);
    expect(delivery.counts()).toEqual({ delivered: 1, failed: 1, dropped: 0 });
    // The log names the host that failed, never the URL's path or query (a Slack URL's secret).
    expect(lines).toEqual([`alerts: alert quiet not delivered to webhook at ${new URL(refused.url).host}: HTTP 404`]);
    expect(lines.join('\n')).not.toMatch(/s3cr3t|token=abc/);
    await delivery.stop();
  });

  it('gives up after its attempts at a receiver that keeps failing or is gone, logging the host only', async () => {
    const failing = await receiver((_index, response) => response.writeHead(503).end());
    const lines: string[] = [];
    const outcomes: DeliveryOutcome[] = [];
    const delivery = deliveryTo(failing.url, { lines, outcomes, attempts: 3 });
    delivery.deliver(ALERT);
    await until(() => outcomes.length === 1);
    expect(failing.received).toHaveLength(3);
    const closed = await receiver(() => {});
    closed.server.close();
    await once(closed.server, 'close');
    const gone = deliveryTo(closed.url, { lines, outcomes, attempts: 2 });
    gone.deliver(ALERT);
    await until(() => outcomes.length === 2);
    expect(outcomes).toEqual(['failed', 'failed']);
    expect(lines[1]).toMatch(/^alerts: alert quiet not delivered to webhook at 127\.0\.0\.1:\d+: network error/);
    expect(lines.join('\n')).not.toMatch(/s3cr3t|token=abc/);
    await Promise.all([delivery.stop(), gone.stop()]);
  });

  it('never blocks deliver, keeps a bounded queue, and stops within its grace with a post hanging', async () => {
    const hanging = await receiver(() => {}); // never answers
    const outcomes: DeliveryOutcome[] = [];
    const delivery = deliveryTo(hanging.url, { outcomes, maxQueue: 2 });
    // deliver returns at once: five calls in one synchronous run, with no turn of the event loop in
    // which a post could start (a deliver that awaited its post could not return before it left).
    const returned = Array.from({ length: 5 }, (_, index) => delivery.deliver({ ...ALERT, id: String(index).repeat(64) }));
    expect(returned).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(hanging.received).toHaveLength(0);
    await until(() => hanging.received.length === 1);
    // One in flight and 2 queued: the oldest of the others were dropped.
    expect(delivery.counts().dropped).toBe(2);
    const stopping = performance.now();
    await delivery.stop(200);
    expect(performance.now() - stopping).toBeLessThan(1_500);
    expect(delivery.counts()).toEqual({ delivered: 0, failed: 1, dropped: 4 });
    delivery.deliver(ALERT); // after stop: nothing happens
    expect(hanging.received).toHaveLength(1);
  });
});
