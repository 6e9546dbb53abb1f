/**
 * Tokens shorter than this are looked for (in URLs) and scrubbed (in text) only where they stand
 * whole: "lead" is also part of "totais_lead".
 */
export const SHORT_TOKEN = 8;

/**
 * Scrubs the token from text a server sent back, before anything reads it. A token of 8
 * characters or more goes wherever it appears; a shorter one only where it stands as a whole
 * JSON string or after `token=` / `token:`, so the payload's own words survive.
 */
export function redactToken(text: string, token: string): string {
  if (token.length >= SHORT_TOKEN) return text.split(token).join('[redacted]');
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`"${escaped}"|(token\\s*[=:]\\s*)${escaped}(?![\\w-])`, 'gi'), (match, prefix: string | undefined) =>
    prefix === undefined ? '"[redacted]"' : `${prefix}[redacted]`,
  );
}
