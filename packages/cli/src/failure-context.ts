import type { FailureContext } from './describe-error.js';
import type { ConnectionSettings } from './global-options.js';

const contexts = new WeakMap<object, FailureContext>();

/**
 * Runs a request and, when it fails, remembers the settings it ran with, so the message in
 * `main` can say "longer than --max-wait 1m" instead of a bare "rate limited".
 */
export async function withFailureContext<T>(context: FailureContext, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (typeof error === 'object' && error !== null) {
      contexts.set(error, { ...context });
    }
    throw error;
  }
}

export function failureContextOf(error: unknown): FailureContext {
  return (typeof error === 'object' && error !== null && contexts.get(error)) || {};
}

/** The parts of the settings a failure message may mention: never the token, never the URL's path or query. */
export function pickFailureContext(settings: ConnectionSettings): FailureContext {
  let origin: string | undefined;
  try {
    origin = new URL(settings.url).origin;
  } catch {
    origin = undefined;
  }
  return {
    onRateLimit: settings.onRateLimit,
    maxWaitMs: settings.maxWaitMs,
    timeoutMs: settings.timeoutMs,
    minIntervalMs: settings.minIntervalMs,
    ...(origin && origin !== 'null' ? { origin } : {}),
  };
}
