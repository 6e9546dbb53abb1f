import { createHash } from 'node:crypto';
import type { Prng } from './prng.js';

/**
 * The two sources of non-determinism the core reaches outside the clock, pinned for one seed (as
 * FoundationDB's simulator replaces every source of randomness and I/O):
 * - `Math.random` (retry backoff jitter, holder ids) draws from the seed's stream;
 * - `crypto.subtle.digest` (the store keys' SHA-256) resolves from `node:crypto` on the microtask
 *   queue, same bytes: WebCrypto completes on a thread pool, in an order no seed controls.
 * With `webCrypto`, hashing stays on the platform's WebCrypto and is only counted, so the clock can
 * wait for it (`inFlight`): the check that pinning changes nothing but the order.
 */
export function pinRuntime(random: Prng, options: { webCrypto?: boolean } = {}): { undo(): void; inFlight(): number } {
  let inFlight = 0;
  const subtle = globalThis.crypto.subtle as unknown as { digest: SubtleCrypto['digest'] };
  const digest = subtle.digest;
  const mathRandom = Math.random;
  const stackTraceLimit = Error.stackTraceLimit;
  Math.random = () => random.next();
  // Each scheduler nap ends with an AbortController's abort, whose DOMException captures a stack:
  // that capture was a third of a seed's time. Failures are reported by message, not stack.
  Error.stackTraceLimit = 0;
  subtle.digest = async (algorithm: AlgorithmIdentifier, data: BufferSource): Promise<ArrayBuffer> => {
    if (options.webCrypto) {
      inFlight++;
      try {
        return await digest.call(globalThis.crypto.subtle, algorithm, data);
      } finally {
        inFlight--;
      }
    }
    const name = typeof algorithm === 'string' ? algorithm : algorithm.name;
    if (name.toUpperCase() !== 'SHA-256') return digest.call(globalThis.crypto.subtle, algorithm, data);
    const bytes = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
    const hash = createHash('sha256').update(bytes).digest();
    return hash.buffer.slice(hash.byteOffset, hash.byteOffset + hash.byteLength) as ArrayBuffer;
  };
  return {
    undo: () => {
      Math.random = mathRandom;
      Error.stackTraceLimit = stackTraceLimit;
      subtle.digest = digest;
    },
    inFlight: () => inFlight,
  };
}
