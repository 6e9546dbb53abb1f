/**
 * The keys under which stores keep a token's window and its cached answers: hashes, so that no
 * store ever holds the token.
 *
 * - The window is keyed by the token alone: the API counts one request per 5 minutes *per token*,
 *   whatever spelling of the URL reached it.
 * - Cached answers are keyed by token, normalised URL and day: a test server that accepts the
 *   production token must never serve its data as production's (and vice versa).
 */
export interface TokenKeys {
  window: string;
  /** Where a 401 for this token is remembered (the token alone: a refused token is refused at every URL). */
  refusal: string;
  /** Where it is remembered that the URL is a `zen-leads serve` gateway (URL and token). */
  gateway: string;
  cacheFor(date: string): Promise<string>;
}

export async function tokenKeysOf(url: URL, token: string): Promise<TokenKeys> {
  const window = await sha256Hex(`zen-leads window\n${token}`);
  const account = await sha256Hex(`zen-leads cache\n${normalisedUrl(url)}\n${token}`);
  // A client asks for few distinct days; each key is hashed once.
  const byDate = new Map<string, Promise<string>>();
  const cacheFor = (date: string): Promise<string> => {
    let key = byDate.get(date);
    if (!key) {
      key = sha256Hex(`${account}\n${date}`);
      byDate.set(date, key);
    }
    return key;
  };
  return { window, refusal: `refusal-${window}`, gateway: await sha256Hex(`${account}\ngateway`), cacheFor };
}

/** Scheme, lower-case host, port and path: the parts that name the endpoint (query and fragment do not). */
export function normalisedUrl(url: URL): string {
  const port = url.port === '' ? (url.protocol === 'https:' ? '443' : '80') : url.port;
  return `${url.protocol}//${url.hostname.toLowerCase()}:${port}${url.pathname}`;
}

/**
 * The request URL for a day: the integration URL with its own query kept, any `data` replaced,
 * and the fragment dropped. `date` is a validated `YYYY-MM-DD`, so nothing needs escaping.
 */
export function requestUrlFor(url: URL, date: string): string {
  const request = new URL(url.href);
  request.hash = '';
  request.searchParams.delete('data');
  request.searchParams.append('data', date);
  return request.href;
}

/**
 * SHA-256 of a text as hex, from the platform's WebCrypto (Node ≥ 20, Bun, Deno). Alone in its
 * file so that a bundle for a host without the global (n8n's) can swap in `node:crypto`.
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

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
