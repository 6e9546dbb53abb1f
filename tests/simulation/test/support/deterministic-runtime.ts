import { createHash } from 'node:crypto';
import type { Prng } from './prng.js';

/**
 * The two sources of non-determinism the core reaches outside the clock, pinned for one seed (as
 * FoundationDB's simulator replaces every source of randomness and I/O):
 * - `Math.random` (retry backoff jitter, holder ids) draws from the seed's stream;
 * - `crypto.subtle.digest` (the store keys' SHA-256) resolves from `node:crypto` on the microtask
 *   queue, same bytes: WebCrypto completes on a thread pool, in an order no seed controls.
 * Returns the undo.
 */
export function pinRuntime(random: Prng): () => void {
  const subtle = globalThis.crypto.subtle as unknown as { digest: SubtleCrypto['digest'] };
  const digest = subtle.digest;
  const mathRandom = Math.random;
  const stackTraceLimit = Error.stackTraceLimit;
  Math.random = () => random.next();
  // Each scheduler nap ends with an AbortController's abort, whose DOMException captures a stack:
  // that capture was a third of a seed's time. Failures are reported by message, not stack.
  Error.stackTraceLimit = 0;
  subtle.digest = async (algorithm: AlgorithmIdentifier, data: BufferSource): Promise<ArrayBuffer> => {
    const name = typeof algorithm === 'string' ? algorithm : algorithm.name;
    if (name.toUpperCase() !== 'SHA-256') return digest.call(globalThis.crypto.subtle, algorithm, data);
    const bytes = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
    const hash = createHash('sha256').update(bytes).digest();
    return hash.buffer.slice(hash.byteOffset, hash.byteOffset + hash.byteLength) as ArrayBuffer;
  };
  return () => {
    Math.random = mathRandom;
    Error.stackTraceLimit = stackTraceLimit;
    subtle.digest = digest;
  };
}
