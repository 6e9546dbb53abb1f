import { sha256Hex } from './sha256.js';

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
