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

  it('a wrong key gets 401 and the form again, with no cookie, in the browser’s language (Portuguese when it names none we speak)', async () => {
    const response = await login('client-key-nobody-was-given-zz', { 'accept-language': 'en-US,en;q=0.9' });
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await response.text()).toContain('not one of this gateway’s client keys');
    for (const language of ['pt-BR,pt;q=0.9,en;q=0.8', 'de-DE', '']) {
      const portuguese = await (await login('client-key-nobody-was-given-zz', { 'accept-language': language })).text();
      expect(portuguese).toContain('<html lang="pt-BR">');
      expect(portuguese).toContain('Essa chave não é uma das chaves de cliente deste gateway');
    }
  });

  it('a browser asking for a page that is not there gets one in its language; an API client gets JSON', async () => {
    const page = await world.get('/nowhere', { accept: 'text/html', 'accept-language': 'fr, en;q=0.5' });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Nothing here. The dashboard is at');
    const json = await world.get('/nowhere', {});
    expect(json.status).toBe(404);
    expect((await json.json()).code).toBe('not-found');
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

  it('with the session, / shows today’s chart and refreshes itself with a Refresh header that a link turns off, still without any script', async () => {
    const session = sessionOf(await login(CLIENT_KEY));
    // The dashboard's first look queues nothing for a client: today comes in an idle window.
    const firstResponse = await world.get('/', { cookie: session });
    expect(firstResponse.headers.get('refresh')).toMatch(/^\d+$/);
    const first = await firstResponse.text();
    expect(first).toContain('<a href="/?refresh=off">Parar a atualização</a>');
    // Turned off, the page says so and reloads no more.
    const still = await world.get('/?refresh=off', { cookie: session });
    expect(still.headers.get('refresh')).toBeNull();
    expect(await still.text()).toContain('A atualização automática está parada. <a href="/">Atualizar sozinha</a>');
    // Before today's first answer, the page says when it is expected.
    expect(first).toMatch(/Primeira resposta de hoje às <time datetime="[^"]+">\d{2}:\d{2}<\/time> \(horário de São Paulo\)/);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const html = await (await world.get('/', { cookie: session, 'accept-language': 'en' })).text();
    expect(html).toContain('<table class="today-users">');
    expect(html).toMatch(/Updated at <time datetime="[^"]+">\d{2}:\d{2}:\d{2}<\/time> · next update at about/);
    const portuguese = await (await world.get('/', { cookie: session })).text();
    expect(portuguese).toMatch(/Atualizado às <time datetime="[^"]+">\d{2}:\d{2}:\d{2}<\/time> · próxima atualização por volta das/);
    for (const name of ['Com erro', 'Sem agrupamento', 'Limite de contatos', 'Duplicados']) expect(portuguese).toContain(`<span>${name}</span>`);
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
