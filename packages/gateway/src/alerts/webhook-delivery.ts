/**
 * Posts each alert as JSON to every webhook of the rules file (an n8n Webhook node, a Slack-style
 * incoming webhook: both read the JSON, Slack its `text`), with an `Idempotency-Key` header, in
 * the background: `deliver` only queues. Network errors, 5xx and 429 (after its Retry-After) are
 * retried with backoff; other 4xx are not. A webhook URL is a secret (Slack's is): logs name its
 * host only.
 */
import type { Alert } from './alert.js';
import type { AlertWebhook } from './alert-rules.js';

export type DeliveryOutcome = 'delivered' | 'failed' | 'dropped';

export interface WebhookDeliveryOptions {
  webhooks: readonly Pick<AlertWebhook, 'url'>[];
  log: (line: string) => void;
  /** Called once per alert and webhook when its fate is known (metrics). */
  onOutcome?: (outcome: DeliveryOutcome, alert: Alert) => void;
  fetch?: typeof fetch;
  /** Posts per alert and webhook, the first included. Default 6. */
  attempts?: number;
  /** Wait before the first retry, doubled each time up to `maxRetryDelayMs`. Default 1 s. */
  retryDelayMs?: number;
  /** Longest wait between two tries, a 429's Retry-After included. Default 60 s. */
  maxRetryDelayMs?: number;
  /** One post's time limit. Default 10 s. */
  timeoutMs?: number;
  /** Alerts waiting per webhook (besides the one being posted); past it the oldest is dropped (counted). Default 100. */
  maxQueue?: number;
}

interface Target {
  readonly url: string;
  /** The host alone, for logs. */
  readonly host: string;
  /** Alerts waiting; the one being posted is no longer in it. */
  readonly queue: Alert[];
  running: boolean;
}

export class WebhookDelivery {
  readonly #options: Required<Omit<WebhookDeliveryOptions, 'onOutcome' | 'fetch'>> & Pick<WebhookDeliveryOptions, 'onOutcome' | 'fetch'>;
  readonly #targets: Target[];
  readonly #counts: Record<DeliveryOutcome, number> = { delivered: 0, failed: 0, dropped: 0 };
  readonly #stopping = new AbortController();
  /** Aborted when stop()'s grace ends: posts still in flight give up. */
  readonly #abortInFlight = new AbortController();
  readonly #workers = new Set<Promise<void>>();

  constructor(options: WebhookDeliveryOptions) {
    this.#options = {
      ...options,
      attempts: options.attempts ?? 6,
      retryDelayMs: options.retryDelayMs ?? 1_000,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 60_000,
      timeoutMs: options.timeoutMs ?? 10_000,
      maxQueue: options.maxQueue ?? 100,
    };
    this.#targets = options.webhooks.map((hook) => ({ url: hook.url, host: new URL(hook.url).host, queue: [], running: false }));
  }

  /** Queues the alert for every webhook and returns at once. */
  readonly deliver = (alert: Alert): void => {
    if (this.#stopping.signal.aborted) return;
    for (const target of this.#targets) {
      target.queue.push(alert);
      if (target.queue.length > this.#options.maxQueue) this.#settle('dropped', target.queue.shift()!, target, 'the queue was full');
      if (!target.running) this.#start(target);
    }
  };

  /** Outcomes so far, per alert and webhook. */
  counts(): Readonly<Record<DeliveryOutcome, number>> {
    return { ...this.#counts };
  }

  /**
   * Stops: no new alerts, no more retries; posts in flight get up to `graceMs` to finish, then are
   * aborted. Alerts still queued count as dropped.
   */
  async stop(graceMs = 5_000): Promise<void> {
    this.#stopping.abort();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.allSettled([...this.#workers]), grace]);
    clearTimeout(timer);
    this.#abortInFlight.abort();
    await Promise.allSettled([...this.#workers]);
    for (const target of this.#targets) for (const alert of target.queue.splice(0)) this.#settle('dropped', alert, target, 'the gateway stopped');
  }

  #start(target: Target): void {
    target.running = true;
    const worker = this.#drain(target).finally(() => {
      target.running = false;
      this.#workers.delete(worker);
    });
    this.#workers.add(worker);
  }

  /** One alert at a time per webhook, in order: a slow webhook delays only its own queue. */
  async #drain(target: Target): Promise<void> {
    while (target.queue.length > 0 && !this.#stopping.signal.aborted) {
      const alert = target.queue.shift()!;
      const outcome = await this.#post(target, alert);
      this.#settle(outcome.ok ? 'delivered' : 'failed', alert, target, outcome.reason);
    }
  }

  async #post(target: Target, alert: Alert): Promise<{ ok: boolean; reason: string }> {
    const { attempts, retryDelayMs, maxRetryDelayMs } = this.#options;
    let reason = '';
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      const result = await this.#once(target, alert);
      if (result.ok) return { ok: true, reason: '' };
      reason = result.reason;
      if (!result.retry || attempt === attempts || this.#stopping.signal.aborted) break;
      const backoff = Math.min(maxRetryDelayMs, retryDelayMs * 2 ** (attempt - 1));
      const wait = Math.min(maxRetryDelayMs, Math.max(backoff, result.retryAfterMs ?? 0));
      if (!(await sleep(wait, this.#stopping.signal))) break;
    }
    return { ok: false, reason };
  }

  async #once(target: Target, alert: Alert): Promise<{ ok: boolean; retry: boolean; reason: string; retryAfterMs?: number }> {
    const signal = AbortSignal.any([AbortSignal.timeout(this.#options.timeoutMs), this.#abortInFlight.signal]);
    try {
      const response = await (this.#options.fetch ?? fetch)(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': alert.id },
        body: JSON.stringify({ ...alert, text: alert.text }),
        signal,
        redirect: 'error', // A redirect would resend the alert elsewhere; a webhook answers where it is.
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.ok) return { ok: true, retry: false, reason: '' };
      const retryAfterMs = response.status === 429 ? retryAfterOf(response.headers.get('retry-after')) : undefined;
      return { ok: false, retry: response.status >= 500 || response.status === 429, reason: `HTTP ${response.status}`, retryAfterMs };
    } catch (error) {
      // The error's message may quote the URL (its path is the secret): only its kind is kept.
      const reason = signal.aborted ? 'timed out or stopped' : `network error (${error instanceof Error ? error.name : 'unknown'}${codeOf(error)})`;
      return { ok: false, retry: true, reason };
    }
  }

  #settle(outcome: DeliveryOutcome, alert: Alert, target: Target, reason: string): void {
    this.#counts[outcome] += 1;
    if (outcome !== 'delivered') this.#options.log(`alerts: alert ${alert.rule} ${outcome === 'failed' ? 'not delivered' : 'dropped'} to webhook at ${target.host}: ${reason}`);
    this.#options.onOutcome?.(outcome, alert);
  }
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
function retryAfterOf(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (header.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function codeOf(error: unknown): string {
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return typeof code === 'string' ? ` ${code}` : '';
}

/** Waits `ms`; false when stopped first. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
