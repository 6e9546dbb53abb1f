import { createHash, createHmac } from 'node:crypto';
import { MemoryStore } from '@zen-leads/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createGateway, isGatewayConfigError, type GatewayOptions } from '../src/index.js';
import { CLIENT_KEY, UPSTREAM_TOKEN, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';
import { opensDashboard, signIn } from './support/sign-in.js';

const SECRET_ONE = 'session-secret-one-4bQ9zW7mKx2pL8vR3tY6nJ1c';
const SECRET_TWO = 'session-secret-two-Hs5dF0gA9kE2wU7iO4yT1rP8';
const SECRET_THREE = 'session-secret-three-Zq3Xc6Vb9Nm2Lk5Jh8Gf1Dd';

const worlds: GatewayWorld[] = [];
afterEach(async () => {
  // Each world's close() also scans every byte it sent for the token.
  for (const world of worlds.splice(0)) await world.close();
});

async function gatewayWith(options: Partial<GatewayOptions>): Promise<GatewayWorld> {
  const world = await startGatewayWorld({ gateway: options });
  worlds.push(world);
  return world;
}

/** The cookie's value split at its last dot: what was signed, and the signature. */
function partsOf(cookie: string): { value: string; signature: string } {
  const raw = decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1));
  const dot = raw.lastIndexOf('.');
  return { value: raw.slice(0, dot), signature: raw.slice(dot + 1) };
}

/** Every signature of `value` an attacker holding a guess of the token could compute offline. */
function signaturesFromToken(token: string, value: string): string[] {
  const keys = [createHash('sha256').update(`zen-leads gateway dashboard session\n${token}`).digest(), createHash('sha256').update(token).digest(), Buffer.from(token)];
  const messages = [value, `zen-leads gateway session\n${value}`];
  return keys.flatMap((key) => messages.flatMap((message) => ['base64', 'base64url'].map((encoding) => createHmac('sha256', key).update(message).digest(encoding as 'base64'))));
}

describe('the session cookie gives no offline test of the token', () => {
  it('no key derived from the token (the old SHA-256 of a prefix and the token, its hash, the token itself) reproduces the cookie’s signature', async () => {
    const world = await gatewayWith({});
    const { value, signature } = partsOf(await signIn(world.url));
    expect(signature.length).toBeGreaterThan(20);
    expect(signaturesFromToken(UPSTREAM_TOKEN, value)).not.toContain(signature);
  });

  it('with a given secret, the signature is the HMAC-SHA-256 of the random session id under that secret: the token is no input to it', async () => {
    const world = await gatewayWith({ sessionSecret: SECRET_ONE });
    const { value, signature } = partsOf(await signIn(world.url));
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(signature).toBe(createHmac('sha256', SECRET_ONE).update(`zen-leads gateway session\n${value}`).digest('base64url'));
  });

  it('two gateways with the same token and keys on one store but different secrets refuse each other’s cookies', async () => {
    const store = new MemoryStore();
    const one = await gatewayWith({ store, sessionSecret: SECRET_ONE });
    const two = await gatewayWith({ store, sessionSecret: SECRET_TWO });
    const cookie = await signIn(one.url);
    expect(await opensDashboard(one.url, cookie)).toBe(true);
    expect(await opensDashboard(two.url, cookie)).toBe(false);
  });

  it('generated secrets are random: two gateways with the same token on separate stores refuse each other’s cookies; on one store they share theirs', async () => {
    const apart = [await gatewayWith({ store: new MemoryStore() }), await gatewayWith({ store: new MemoryStore() })];
    const cookie = await signIn(apart[0]!.url);
    expect(await opensDashboard(apart[0]!.url, cookie)).toBe(true);
    expect(await opensDashboard(apart[1]!.url, cookie)).toBe(false);

    const store = new MemoryStore();
    const together = [await gatewayWith({ store }), await gatewayWith({ store })];
    expect(await opensDashboard(together[1]!.url, await signIn(together[0]!.url))).toBe(true);
  });
});

describe('rotating the session secret signs nobody out', () => {
  it('a gateway given [new, old] accepts cookies the old secret signed and signs new ones with the new secret', async () => {
    const store = new MemoryStore();
    const before = await gatewayWith({ store, sessionSecret: [SECRET_ONE] });
    const oldCookie = await signIn(before.url);
    const after = await gatewayWith({ store, sessionSecret: [SECRET_THREE, SECRET_ONE] });
    expect(await opensDashboard(after.url, oldCookie)).toBe(true);
    const { value, signature } = partsOf(await signIn(after.url));
    expect(signature).toBe(createHmac('sha256', SECRET_THREE).update(`zen-leads gateway session\n${value}`).digest('base64url'));
    // Once the old secret is dropped, so are the sessions it signed.
    const later = await gatewayWith({ store, sessionSecret: [SECRET_THREE] });
    expect(await opensDashboard(later.url, oldCookie)).toBe(false);
  });

  it('a secret that holds the token, or is shorter than 32 characters, is refused before anything is served', () => {
    const base = { url: 'http://127.0.0.1:9', token: UPSTREAM_TOKEN, clientKeys: [CLIENT_KEY] };
    for (const sessionSecret of [`prefix-${UPSTREAM_TOKEN}`, 'too-short-secret', [SECRET_ONE, UPSTREAM_TOKEN]]) {
      let caught: unknown;
      try {
        createGateway({ ...base, sessionSecret }).close();
      } catch (error) {
        caught = error;
      }
      expect(isGatewayConfigError(caught) && caught.field).toBe('sessionSecret');
      expect(String((caught as Error).message)).not.toContain(UPSTREAM_TOKEN);
    }
  });
});
