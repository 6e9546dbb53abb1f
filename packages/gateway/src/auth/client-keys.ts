import { createHash, timingSafeEqual } from 'node:crypto';
import { GatewayConfigError, type GatewayConfigReason } from '../gateway-options.js';

/** The shortest plain client key accepted: shorter ones can be guessed. */
export const CLIENT_KEY_MIN_LENGTH = 16;
const CLIENT_KEY_MAX_LENGTH = 512;
const DIGEST_ENTRY = /^sha256:([0-9a-f]{64})$/i;
// Keys travel in headers, cookies and query strings: printable ASCII without spaces.
const KEY_CHARACTERS = /^[\x21-\x7e]+$/;

/** Why a client-key entry is refused, or undefined when it is fine. */
export function clientKeyProblem(entry: string): GatewayConfigReason | undefined {
  if (entry.toLowerCase().startsWith('sha256:')) return DIGEST_ENTRY.test(entry) ? undefined : 'format';
  if (!KEY_CHARACTERS.test(entry)) return 'characters';
  if (entry.length < CLIENT_KEY_MIN_LENGTH) return 'too-short';
  if (entry.length > CLIENT_KEY_MAX_LENGTH) return 'too-long';
  return undefined;
}

/**
 * The entries of a keys file: one per line, blank lines and `#` comments skipped, each with its
 * 1-based line number (for messages that must not repeat the key itself).
 */
export function parseClientKeysFile(text: string): { entry: string; line: number }[] {
  return text
    .split(/\r?\n/)
    .map((raw, index) => ({ entry: raw.trim(), line: index + 1 }))
    .filter(({ entry }) => entry !== '' && !entry.startsWith('#'));
}

/** The entries of a comma-separated list (`ZEN_GATEWAY_KEYS`). */
export function parseClientKeysList(text: string): string[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** `sha256:<hex>` of a key: the line to put in a keys file so that the file holds no secret. */
export async function clientKeyDigestLine(key: string): Promise<string> {
  return `sha256:${toHex(sha256(key))}`;
}

/**
 * The gateway's client keys, kept only as SHA-256 digests. A presented key is hashed and compared
 * with every digest in constant time (no early exit, whichever matches), so response times tell
 * nothing about the keys.
 */
export class ClientKeyring {
  readonly #digests: Uint8Array[];
  /** How many distinct keys. */
  readonly size: number;

  constructor(entries: readonly string[]) {
    if (!Array.isArray(entries) || entries.length === 0) {
      throw new GatewayConfigError('clientKeys', 'missing', 'No client key is configured, so no client could use the gateway.', 'Pass clientKeys: one or more keys of 16+ characters, or sha256:<hex> digests of them.');
    }
    entries.forEach((entry, index) => {
      const reason = typeof entry === 'string' ? clientKeyProblem(entry) : 'type';
      if (reason) throw keyError(reason, index);
    });
    const digests = entries.map((entry) => {
      const digest = DIGEST_ENTRY.exec(entry)?.[1];
      return digest ? Uint8Array.from(Buffer.from(digest, 'hex')) : sha256(entry);
    });
    // A key given twice (or as itself and as its digest) is one key.
    this.#digests = digests.filter((digest, index) => digests.findIndex((other) => Buffer.compare(other, digest) === 0) === index);
    this.size = this.#digests.length;
  }

  /** The id of the key presented (a hash prefix, safe to log), or undefined for no match. */
  async identify(presented: string): Promise<string | undefined> {
    if (presented.length === 0 || presented.length > CLIENT_KEY_MAX_LENGTH) return undefined;
    const digest = sha256(presented);
    let match: Uint8Array | undefined;
    for (const known of this.#digests) if (timingSafeEqual(known, digest)) match = known;
    return match ? toHex(match.subarray(0, 8)) : undefined;
  }

  /** Whether `id` (from `identify`) is still one of the configured keys. */
  async has(id: string): Promise<boolean> {
    return this.#digests.some((digest) => toHex(digest.subarray(0, 8)) === id);
  }
}

function keyError(reason: GatewayConfigReason, index: number): GatewayConfigError {
  const which = `Client key #${index + 1}`;
  switch (reason) {
    case 'format':
      return new GatewayConfigError('clientKeys', reason, `${which} starts with sha256: but is not followed by 64 hexadecimal digits.`, 'Write sha256: and the hex SHA-256 of the key, e.g. the output of: printf %s "$KEY" | sha256sum.', index);
    case 'characters':
      return new GatewayConfigError('clientKeys', reason, `${which} has a space or a character outside printable ASCII.`, 'Use letters, digits and punctuation only (a random hex or base64url string).', index);
    case 'too-short':
      return new GatewayConfigError('clientKeys', reason, `${which} is shorter than ${CLIENT_KEY_MIN_LENGTH} characters, short enough to guess.`, 'Use a random key of 32 characters or more.', index);
    case 'too-long':
      return new GatewayConfigError('clientKeys', reason, `${which} is longer than ${CLIENT_KEY_MAX_LENGTH} characters.`, 'Use a random key of 32 to 128 characters.', index);
    default:
      return new GatewayConfigError('clientKeys', reason, `${which} is not a string.`, 'Pass clientKeys as an array of strings.', index);
  }
}

// node:crypto (Node, Bun and Deno all have it): synchronous, so a busy gateway does not queue
// every request's hash on the thread pool as WebCrypto's digest would.
function sha256(text: string): Uint8Array {
  return createHash('sha256').update(text, 'utf8').digest();
}

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
