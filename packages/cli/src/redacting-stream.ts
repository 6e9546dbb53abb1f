import type { OutputStream } from './cli-context.js';

/**
 * A last line of defence for diagnostics: whatever reaches stderr has every occurrence of the
 * token replaced. Our messages are built without it; this catches an unforeseen one (a runtime's
 * own error text, say) before it lands in a terminal scrollback or a CI log.
 */
export function redactingStream(stream: OutputStream, secrets: readonly (string | undefined)[]): OutputStream {
  const known = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 4);
  return {
    get isTTY() {
      return stream.isTTY;
    },
    write(chunk: string) {
      let text = chunk;
      for (const secret of known) text = text.split(secret).join('[redacted token]');
      return stream.write(text);
    },
  };
}
