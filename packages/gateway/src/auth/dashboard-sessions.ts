import { createHash, randomBytes } from 'node:crypto';
import type { Clock, ResponseCache } from '@zen-leads/core';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ClientKeyring } from './client-keys.js';
import type { SessionSecrets } from './session-secrets.js';

/** The dashboard's login cookie. */
export const SESSION_COOKIE = 'zen_gateway_session';
/** The longest a dashboard login lasts, however busy (the absolute lifetime). */
export const SESSION_MAX_AGE_SECONDS: number = 12 * 3600;
/** A login not used for this long ends (the idle lifetime); an open dashboard reloads itself well within it. */
export const SESSION_IDLE_SECONDS: number = 2 * 3600;
/** How stale "last seen" may get before a view writes it again: one write a minute per session at most. */
const TOUCH_EVERY_MS = 60_000;
const RECORD_KEY = 'zen-leads-gateway:session:';
const SEEN_KEY = 'zen-leads-gateway:session-seen:';
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

interface SessionRecord {
  keyId?: string;
  createdAt?: number;
  revoked?: true;
}

/**
 * Dashboard logins as server-side sessions in the store, so every replica sees the same ones:
 * the cookie holds a random session id signed by `SessionSecrets` (never the key, never anything
 * derived from the token); the store holds, under a hash of the id, which key signed in and when.
 * Signing out marks the record revoked, on every replica at once; a session also ends after
 * `SESSION_IDLE_SECONDS` unused, `SESSION_MAX_AGE_SECONDS` in all, or when its key is removed.
 * The "last seen" time is a key of its own, so a view on one replica never rewrites a record
 * another replica has just revoked. The cookie is `HttpOnly`, `SameSite=Strict`, and `Secure`
 * when the request came over https.
 */
export class DashboardSessions {
  readonly #keyring: ClientKeyring;
  readonly #secrets: SessionSecrets;
  readonly #store: ResponseCache;
  readonly #clock: Clock;

  constructor(parts: { keyring: ClientKeyring; secrets: SessionSecrets; store: ResponseCache; clock: Clock }) {
    this.#keyring = parts.keyring;
    this.#secrets = parts.secrets;
    this.#store = parts.store;
    this.#clock = parts.clock;
  }

  async open(c: Context, keyId: string): Promise<void> {
    const id = randomBytes(32).toString('base64url');
    const now = this.#clock.now();
    const record: SessionRecord = { keyId, createdAt: now };
    await this.#store.set(RECORD_KEY + hashOf(id), JSON.stringify(record), SESSION_MAX_AGE_SECONDS * 1000);
    await this.#store.set(SEEN_KEY + hashOf(id), String(now), SESSION_MAX_AGE_SECONDS * 1000);
    setCookie(c, SESSION_COOKIE, await this.#secrets.sign(id), {
      httpOnly: true,
      sameSite: 'Strict',
      secure: overHttps(c),
      path: '/',
      maxAge: SESSION_MAX_AGE_SECONDS,
    });
  }

  /** The key id of a live session (signed, not revoked, within both lifetimes, key still configured), or undefined. */
  async current(c: Context): Promise<string | undefined> {
    const id = await this.#sessionId(c);
    if (id === undefined) return undefined;
    const hash = hashOf(id);
    const [recordText, seenText] = await Promise.all([this.#store.get(RECORD_KEY + hash), this.#store.get(SEEN_KEY + hash)]);
    const record = parseRecord(recordText);
    const now = this.#clock.now();
    const seenAt = Number(seenText);
    if (record?.keyId === undefined || record.createdAt === undefined || record.revoked) return undefined;
    const endsAt = record.createdAt + SESSION_MAX_AGE_SECONDS * 1000;
    if (now >= endsAt || !(now - seenAt < SESSION_IDLE_SECONDS * 1000)) return undefined;
    if (!(await this.#keyring.has(record.keyId))) return undefined;
    if (now - seenAt >= TOUCH_EVERY_MS) await this.#store.set(SEEN_KEY + hash, String(now), endsAt - now);
    return record.keyId;
  }

  /** Signs out: the session is revoked in the store (every replica refuses its cookie from now on) and the cookie deleted. */
  async close(c: Context): Promise<void> {
    const id = await this.#sessionId(c);
    if (id !== undefined) {
      const revoked: SessionRecord = { revoked: true };
      await this.#store.set(RECORD_KEY + hashOf(id), JSON.stringify(revoked), SESSION_MAX_AGE_SECONDS * 1000);
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: overHttps(c) });
  }

  async #sessionId(c: Context): Promise<string | undefined> {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie === undefined || cookie.length > 200) return undefined;
    const id = await this.#secrets.verify(cookie);
    return id !== undefined && SESSION_ID.test(id) ? id : undefined;
  }
}

/** The store is keyed by a hash of the id: a store dump holds no cookie that would open a session. */
function hashOf(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}

function parseRecord(text: string | undefined): SessionRecord | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as SessionRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** Over https, directly or behind a proxy that says so (which only makes the cookie stricter). */
function overHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}
