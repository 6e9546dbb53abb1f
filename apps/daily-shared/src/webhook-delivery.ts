/**
 * POSTs a JSON body to the webhook with its idempotency key, retrying what may pass on a second
 * try (network failures, timeouts, 408, 425, 429, 5xx) a bounded number of times. A 4xx other
 * than those is the receiver saying no: it is not retried.
 */
export interface DeliveryOptions {
  url: string;
  body: unknown;
  idempotencyKey: string;
  retries: number;
  backoffMs: number;
  timeoutMs?: number;
  onAttemptFailed?(event: { attempt: number; reason: string; delayMs: number | undefined }): void;
}

export interface Delivery {
  status: number;
  attempts: number;
}

/** The webhook refused or kept failing; `attempts` says how many were made. */
export class WebhookDeliveryError extends Error {
  override name = 'WebhookDeliveryError';
  constructor(
    message: string,
    readonly attempts: number,
    readonly status?: number,
  ) {
    super(message);
  }
}

const RETRYABLE_STATUS = new Set([408, 425, 429]);
const MAX_RETRY_AFTER_MS = 30_000;

export async function deliverToWebhook(options: DeliveryOptions): Promise<Delivery> {
  const body = JSON.stringify(options.body);
  for (let attempt = 1; ; attempt++) {
    let reason: string;
    let retryAfterMs: number | undefined;
    let status: number | undefined;
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': options.idempotencyKey },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await response.body?.cancel();
      if (response.ok) return { status: response.status, attempts: attempt };
      status = response.status;
      reason = `HTTP ${response.status}`;
      if (!RETRYABLE_STATUS.has(status) && status < 500) {
        throw new WebhookDeliveryError(`The webhook refused the day (${reason}); not retried.`, attempt, status);
      }
      retryAfterMs = retryAfterOf(response.headers.get('retry-after'));
    } catch (error) {
      if (error instanceof WebhookDeliveryError) throw error;
      reason = error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : `network error (${(error as Error).message})`;
    }
    if (attempt > options.retries) {
      throw new WebhookDeliveryError(`The webhook failed ${attempt} time(s); last: ${reason}.`, attempt, status);
    }
    const delayMs = Math.min(MAX_RETRY_AFTER_MS, retryAfterMs ?? options.backoffMs * 2 ** (attempt - 1));
    options.onAttemptFailed?.({ attempt, reason, delayMs });
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}

/** `Retry-After` in seconds (dates are rare from webhooks; they fall back to the backoff). */
function retryAfterOf(header: string | null): number | undefined {
  if (header === null || !/^\d{1,6}$/.test(header.trim())) return undefined;
  return Number(header.trim()) * 1_000;
}
