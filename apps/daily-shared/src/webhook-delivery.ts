import { retry, retryAfterMs, systemClock } from '@zen-leads/core/internal';

/**
 * POSTs a JSON body to the webhook with its idempotency key, retrying what may pass on a second
 * try (network failures, timeouts, 408, 425, 429, 5xx) a bounded number of times, with the
 * core's retry loop. A 4xx other than those is the receiver saying no: it is not retried.
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

/** One attempt that may pass on another try. */
class RetryableFailure extends Error {
  constructor(
    readonly reason: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(reason);
  }
}

const RETRYABLE_STATUS = new Set([408, 425, 429]);
const MAX_RETRY_AFTER_MS = 30_000;

export async function deliverToWebhook(options: DeliveryOptions): Promise<Delivery> {
  const body = JSON.stringify(options.body);
  let attempts = 0;
  const attempt = async (): Promise<number> => {
    attempts++;
    let response: Response;
    try {
      response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': options.idempotencyKey },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new RetryableFailure(error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : `network error (${(error as Error).message})`);
    }
    await response.body?.cancel();
    if (response.ok) return response.status;
    const reason = `HTTP ${response.status}`;
    if (!RETRYABLE_STATUS.has(response.status) && response.status < 500) {
      throw new WebhookDeliveryError(`The webhook refused the day (${reason}); not retried.`, attempts, response.status);
    }
    throw new RetryableFailure(reason, response.status, retryAfterMs(response.headers.get('retry-after'), response.headers.get('date'), Date.now()));
  };
  try {
    const status = await retry<number, string>(attempt, {
      retries: options.retries,
      clock: systemClock,
      classify: (error, attemptNumber) =>
        error instanceof RetryableFailure
          ? { retry: true, reason: error.reason, delayMs: Math.min(MAX_RETRY_AFTER_MS, error.retryAfterMs ?? options.backoffMs * 2 ** attemptNumber) }
          : { retry: false },
      onRetry: ({ attempt: failed, delayMs, reason }) => options.onAttemptFailed?.({ attempt: failed, reason, delayMs }),
    });
    return { status, attempts };
  } catch (error) {
    if (error instanceof RetryableFailure) {
      throw new WebhookDeliveryError(`The webhook failed ${attempts} time(s); last: ${error.reason}.`, attempts, error.status);
    }
    throw error;
  }
}
