import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { ClientRateLimiter } from '../http/client-rate-limiter.js';
import type { ClientKeyring } from './client-keys.js';

/** The dashboard's login cookie. */
export const SESSION_COOKIE = 'zen_gateway_session';
/** How long a dashboard login lasts. */
export const SESSION_MAX_AGE_SECONDS: number = 12 * 3600;

/**
 * Dashboard logins: a signed cookie naming the key id and an expiry, never the key. It is
 * `HttpOnly` (no script reads it), `SameSite=Strict` (no other site sends it) and `Secure` when the
 * request came over https. The signing secret is derived from the upstream token, so every
 * replica accepts every other's cookies and a new token ends all sessions; removing a key from
 * the gateway ends its sessions too.
 */
export class DashboardSessions {
  readonly #keyring: ClientKeyring;
  readonly #secret: Promise<ArrayBuffer>;
  /** Wrong keys, for everyone together: 20 a minute is plenty for typos, nothing for guessing. */
  readonly #failedLogins = new ClientRateLimiter({ requests: 20, perMs: 60_000 });

  constructor(keyring: ClientKeyring, upstreamToken: string) {
    this.#keyring = keyring;
    this.#secret = crypto.subtle.digest('SHA-256', new TextEncoder().encode(`zen-leads gateway dashboard session\n${upstreamToken}`));
  }

  async open(c: Context, keyId: string): Promise<void> {
    const expires = Math.floor(Date.now() / 1000) + SESSION_MAX_AGE_SECONDS;
    await setSignedCookie(c, SESSION_COOKIE, `${keyId}.${expires}`, await this.#secret, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: overHttps(c),
      path: '/',
      maxAge: SESSION_MAX_AGE_SECONDS,
    });
  }

  /** The key id of a valid, unexpired session, or undefined. */
  async current(c: Context): Promise<string | undefined> {
    const value = await getSignedCookie(c, await this.#secret, SESSION_COOKIE);
    if (typeof value !== 'string') return undefined;
    const match = /^([0-9a-f]{16})\.(\d{1,12})$/.exec(value);
    if (!match || Number(match[2]) * 1000 <= Date.now()) return undefined;
    const keyId = match[1] as string;
    return (await this.#keyring.has(keyId)) ? keyId : undefined;
  }

  /** Counts a sign-in with a wrong key; true when too many came in the last minute. */
  tooManyWrongKeys(): boolean {
    return this.#failedLogins.take('all') !== undefined;
  }

  close(c: Context): void {
    deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: overHttps(c) });
  }
}

/** Over https, directly or behind a proxy that says so (which only makes the cookie stricter). */
function overHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}
