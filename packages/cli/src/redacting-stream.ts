import type { OutputStream } from './cli-context.js';

/** Tokens at least this long are redacted wherever they appear. */
const SUBSTRING_MIN_LENGTH = 8;
/** Shorter values are no secret worth garbling every message for ("a", "to"). */
const REDACTED_MIN_LENGTH = 4;
const REDACTED = '[redacted token]';

/**
 * A last line of defence for diagnostics: whatever reaches stderr has the token replaced. Our
 * messages are built without it; this catches an unforeseen one (a runtime's own error text,
 * say) before it lands in a terminal scrollback or a CI log. A short token (`lead`) is replaced
 * only where it stands alone, not inside a word, or `zen-leads:` would lose its name.
 */
export function redactingStream(stream: OutputStream, secrets: readonly (string | undefined)[]): OutputStream {
  const patterns = secrets
    .filter((secret): secret is string => typeof secret === 'string' && secret.length >= REDACTED_MIN_LENGTH)
    .map(patternFor);
  return {
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
    on(event, listener) {
      return stream.on?.(event, listener);
    },
    off(event, listener) {
      return stream.off?.(event, listener);
    },
    write(chunk: string) {
      let text = chunk;
      for (const pattern of patterns) text = text.replace(pattern, REDACTED);
      return stream.write(text);
    },
  };
}

function patternFor(secret: string): RegExp {
  const escaped = secret.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  if (secret.length >= SUBSTRING_MIN_LENGTH) return new RegExp(escaped, 'g');
  // Standing alone: not touching a letter, digit, `_` or `-` (the characters words and names are made of).
  return new RegExp(`(?<![\\p{L}\\p{N}_-])${escaped}(?![\\p{L}\\p{N}_-])`, 'gu');
}
