import type { OutputStream } from './cli-context.js';
import { historySecretsOf } from './history-location.js';
import { storeSecretsOf } from './store-spec.js';

/** Tokens at least this long are redacted wherever they appear. */
const SUBSTRING_MIN_LENGTH = 8;
/** Shorter values are no secret worth garbling every message for ("a", "to"). */
const REDACTED_MIN_LENGTH = 4;
const REDACTED = '[redacted token]';

/**
 * A last line of defence for diagnostics: whatever reaches stderr has the token replaced. Our
 * messages are built without it; this catches an unforeseen one (a runtime's own error text,
 * say) before it lands in a terminal scrollback or a CI log. A short token (`lead`) is replaced
 * only where it stands as a value — quoted, or after `token:` / `token=` — since as a word it is
 * also ours: `zen-leads:`, "the documented lead totals".
 */
export function redactingStream(stream: OutputStream, secrets: readonly (string | undefined)[]): OutputStream {
  const patterns = secrets
    .filter((secret): secret is string => typeof secret === 'string' && secret.length >= REDACTED_MIN_LENGTH)
    .flatMap(patternsFor);
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
      for (const pattern of patterns) text = text.replace(pattern, `$1${REDACTED}`);
      return stream.write(text);
    },
  };
}

/** The places a secret is replaced; group 1 keeps what stands before it (a quote, a `token:` label). */
function patternsFor(secret: string): RegExp[] {
  const escaped = secret.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  if (secret.length >= SUBSTRING_MIN_LENGTH) return [new RegExp(`()${escaped}`, 'g')];
  return [new RegExp(`(["'])${escaped}(?=\\1)`, 'g'), new RegExp(`(\\btoken\\s*[:=]\\s*)${escaped}(?![\\p{L}\\p{N}_-])`, 'giu')];
}

/**
 * Every secret a command line may carry: the token (env or --token), a Redis URL's password (env
 * or --store) and a PostgreSQL history URL's password (wherever a history is named).
 */
export function secretsOf(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): string[] {
  const histories = ['--out', '--in', '--history', '--from', '--to', '-o', '-i'].flatMap((flag) => historySecretsOf(flagValueOf(argv, flag)));
  const candidates = [env.ZEN_TOKEN, flagValueOf(argv, '--token'), ...storeSecretsOf(env.ZEN_STORE), ...storeSecretsOf(flagValueOf(argv, '--store')), ...histories];
  return candidates.filter((secret): secret is string => secret !== undefined);
}

function flagValueOf(argv: readonly string[], flag: string): string | undefined {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === flag) return argv[index + 1];
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return undefined;
}
