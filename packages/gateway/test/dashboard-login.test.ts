import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../src/index.js';
import { CLIENT_KEY, UPSTREAM_TOKEN, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';

let world: GatewayWorld;
beforeAll(async () => {
  world = await startGatewayWorld();
});
afterAll(() => world.close());

async function login(key: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${world.url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: world.url, ...headers },
    body: new URLSearchParams({ key }).toString(),
    redirect: 'manual',
  });
}

function sessionOf(response: Response): string {
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

describe('the dashboard’s login', () => {
  it('without a session, / is the login form only: no data, no script, security headers set', async () => {
    const response = await world.get('/', {});
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<form method="post" action="/login"');
    expect(html).not.toMatch(/<svg|kpis|usuarios|totalLeads/);
    expect(html).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(world.upstreamRequests()).toHaveLength(0);
  });

  it('a wrong key gets 401 and the form again, with no cookie', async () => {
    const response = await login('client-key-nobody-was-given-zz');
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await response.text()).toContain('not one of this gateway’s client keys');
  });

  it('a right key sets an HttpOnly SameSite=Strict session cookie (Secure only over https) holding neither the key nor the token', async () => {
    const response = await login(CLIENT_KEY);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
    expect(cookie).not.toContain(CLIENT_KEY);
    expect(cookie).not.toContain(UPSTREAM_TOKEN);
    const overHttps = await login(CLIENT_KEY, { 'x-forwarded-proto': 'https' });
    expect(overHttps.headers.get('set-cookie')).toContain('Secure');
  });

  it('with the session, / shows today’s chart and refreshes itself with a meta refresh, still without any script', async () => {
    const session = sessionOf(await login(CLIENT_KEY));
    // The dashboard's first look queues nothing for a client: today comes in an idle window.
    const first = await (await world.get('/', { cookie: session })).text();
    expect(first).toMatch(/<meta http-equiv="refresh" content="\d+">/);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const html = await (await world.get('/', { cookie: session })).text();
    expect(html).toContain('class="chart today-users"');
    expect(html).toMatch(/Updated at <time datetime="[^"]+">\d{2}:\d{2}:\d{2}<\/time> · next update at about/);
    expect(html).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
  });

  it('a forged or altered cookie is a login form again', async () => {
    const session = sessionOf(await login(CLIENT_KEY));
    // The session id (before the signature's dot) with its first character changed.
    const altered = session.replace(/=(.)/, (_match, first: string) => `=${first === 'A' ? 'B' : 'A'}`);
    expect(altered).not.toBe(session);
    for (const cookie of [altered, `${SESSION_COOKIE}=${'A'.repeat(43)}.c2lnbmF0dXJl`]) {
      expect(await (await world.get('/', { cookie })).text()).toContain('action="/login"');
    }
  });

  it('a login posted from another origin is refused', async () => {
    const response = await login(CLIENT_KEY, { origin: 'http://evil.invalid' });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('signing out clears the cookie', async () => {
    const session = sessionOf(await login(CLIENT_KEY));
    const response = await fetch(`${world.url}/logout`, { method: 'POST', headers: { cookie: session, origin: world.url, 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`));
  });
});
