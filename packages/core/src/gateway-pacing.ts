import type { TotalsResult } from './answer-cache.js';
import type { ClientSettings } from './client-settings.js';
import { RateLimitedError, type ZenError, ZenResponseError } from './errors.js';
import { parseLeadTotalsBody, apiMessageOf, errorForStatus } from './response.js';
import type { WaitEvent } from './window-scheduler.js';
import { retryAfterMs } from './api-messages.js';
import { backoffMs, sendRequest, type SentRequest } from './send-request.js';
import { formatSaoPauloDateTime } from './sao-paulo-calendar.js';

/**
 * The header a `zen-leads serve` gateway puts on every answer. A client that sees it leaves the
 * pacing to the gateway, which owns the token's window: applying the 5-minute window here as
 * well would make two cached days in a row cost five minutes.
 */
export const GATEWAY_HEADER = 'zen-gateway';
/** The longest hold a gateway grants (`Prefer: wait=600`): two real windows. */
export const MAX_PREFER_WAIT_SECONDS = 600;
/** How long it is remembered that a URL is a gateway. */
const GATEWAY_MEMORY_MS = 86_400_000;

type Answer = Omit<TotalsResult, 'waitedMs'>;

/** True when the response came from a gateway. */
export function fromGateway(response: { headers: { get(name: string): string | null } }): boolean {
  return response.headers.get(GATEWAY_HEADER) !== null;
}

/** Whether the client's URL is known to be a gateway: remembered in the shared cache, or here. */
export class GatewayMemory {
  #known = false;
  constructor(
    readonly settings: ClientSettings,
    readonly key: string,
  ) {}

  async known(): Promise<boolean> {
    if (this.#known) return true;
    const marked = await this.settings.cache?.get(this.key).catch(() => undefined);
    this.#known = marked !== undefined;
    return this.#known;
  }

  async remember(): Promise<void> {
    this.#known = true;
    await this.settings.cache?.set(this.key, '1', GATEWAY_MEMORY_MS).catch(() => undefined);
  }
}

/**
 * One day from a gateway: no window is claimed here; the request asks to be held until the day
 * is there (`Prefer: wait`, within `maxWaitMs`), and a 429 is waited out by its `Retry-After`.
 * Failures are retried with backoff: the gateway sends upstream at most once per window whatever
 * its clients do, so no retry of ours can spend the token's window.
 */
export async function fetchFromGateway(settings: ClientSettings, date: string, deadline: number, signal: AbortSignal | undefined, onWait: (event: WaitEvent) => void): Promise<Answer> {
  const { clock } = settings;
  for (let failures = 0; ; ) {
    const waitSeconds = settings.mode === 'wait' ? Math.max(0, Math.min(MAX_PREFER_WAIT_SECONDS, Math.floor((deadline - clock.now()) / 1000))) : 0;
    let sent: SentRequest | undefined;
    let failure: ZenError | undefined;
    try {
      sent = await sendRequest(settings, date, {
        signal,
        ...(waitSeconds > 0 ? { headers: { prefer: `wait=${waitSeconds}` } } : {}),
        timeoutMs: settings.timeoutMs + waitSeconds * 1000,
        beforeAttempt: async () => undefined,
        onReached: () => undefined,
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      failure = error as ZenError;
    }
    if (sent?.response.status === 200) return answerOf(settings, date, sent.body);
    if (sent?.response.status === 429) {
      const limited = gatewayRateLimit(settings, sent);
      if (settings.mode === 'fail' || clock.now() + limited.retryAfterMs > deadline) throw limited;
      const pauseMs = limited.retryAfterMs + retryJitterMs(limited.retryAfterMs);
      onWait({ date, reason: 'queue', position: 1, waitMs: pauseMs, retryAt: new Date(clock.now() + pauseMs) });
      await clock.sleep(pauseMs, signal);
      continue;
    }
    failure ??= errorForStatus(sent?.response.status ?? 500, sent?.body ?? '');
    const retryable = failure.code === 'ZEN_SERVER' || failure.code === 'ZEN_NETWORK';
    if (!retryable || failures >= settings.retries) throw failure;
    const delayMs = backoffMs(failures++);
    settings.hooks.onRetry?.({ date, attempt: failures, delayMs, error: failure });
    await clock.sleep(delayMs, signal);
  }
}

/**
 * Up to a tenth of the wait (at most a second) added to a `Retry-After`: the workers of one n8n
 * (or any clients) told the same time would otherwise all ask again at the same instant.
 */
export function retryJitterMs(retryAfterMs: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(1_000, retryAfterMs / 10));
}

function answerOf(settings: ClientSettings, date: string, body: string): Answer {
  const { totals, raw } = parseLeadTotalsBody(body, 200);
  if (totals.date !== date) {
    throw new ZenResponseError(`The gateway answered with the totals of ${totals.date} when asked for ${date}; nothing was kept.`, 'Try again later.', { status: 200, path: 'data' });
  }
  return { totals, raw, body, fromCache: false, fetchedAt: new Date(settings.clock.now()) };
}

/** A gateway's 429: the day is queued there, expected after `Retry-After` (its estimate, any length). */
function gatewayRateLimit(settings: ClientSettings, { response, body }: SentRequest): RateLimitedError {
  const now = settings.clock.now();
  const afterMs = Math.max(1_000, retryAfterMs(response.headers.get('retry-after'), response.headers.get('date'), now) ?? settings.windowMs);
  const retryAt = new Date(now + afterMs);
  const apiMessage = apiMessageOf(body);
  const at = `${formatSaoPauloDateTime(retryAt)} (America/Sao_Paulo)`;
  return new RateLimitedError(`The gateway has the day queued for the token's window (429): it expects it at ${at}.`, `Try again after ${at}, or raise maxWaitMs to wait for it.`, {
    reason: 'api',
    status: 429,
    ...(apiMessage === undefined ? {} : { apiMessage }),
    retryAt,
    retryAfterMs: afterMs,
    windowMs: settings.apiWindowMs,
  });
}
