import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_KEY, daysAgo, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';
import { virtualClock } from './support/virtual-gateway.js';

const WRONG_KEY = 'client-key-nobody-was-given-zz-0001';
const ATTEMPTS = 10;

let world: GatewayWorld | undefined;
let logLines: string[] = [];
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** A gateway whose time stands still (so a Retry-After cannot tick between two answers), logging into `logLines`. */
async function frozenWorld(options: { trustProxy?: boolean } = {}): Promise<GatewayWorld> {
  logLines = [];
  world = await startGatewayWorld({ gateway: { clock: virtualClock(Date.now()), log: (line) => logLines.push(line), ...options } });
  return world;
}

interface Ask {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Every byte of one response on its own connection (raw HTTP/1.1), the `Date` header's value blanked: the only part that is the server's wall clock. */
function rawResponse(url: string, ask: Ask): Promise<string> {
  const { hostname, port } = new URL(url);
  const body = Buffer.from(ask.body ?? '');
  const head = [`${ask.method} ${ask.path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close', `Content-Length: ${body.length}`, ...Object.entries(ask.headers).map(([name, value]) => `${name}: ${value}`)];
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname, () => socket.end(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), body])));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1').replace(/^Date: .*$/im, 'Date: -')));
  });
}

/** The same request on each authenticated route, with the key given. */
function asks(origin: string, key: string): Record<string, Ask> {
  const form = { 'content-type': 'application/x-www-form-urlencoded', origin };
  return {
    api: { method: 'GET', path: `/api/totais_lead?data=${daysAgo(2)}`, headers: { token: key } },
    v1: { method: 'GET', path: `/v1/totals/${daysAgo(2)}`, headers: { authorization: `Bearer ${key}` } },
    csv: { method: 'GET', path: `/v1/totals/${daysAgo(2)}/users.csv?key=${key}`, headers: {} },
    metrics: { method: 'GET', path: '/metrics', headers: { authorization: `Bearer ${key}` } },
    signIn: { method: 'POST', path: '/login', headers: form, body: new URLSearchParams({ key }).toString() },
  };
}

async function presentWrongKeys(url: string, count: number, headers: Record<string, string> = {}): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push((await fetch(`${url}/api/totais_lead?data=${daysAgo(2)}`, { headers: { token: WRONG_KEY, ...headers } })).status);
  return statuses;
}

describe('wrong client keys lock the address out, on every route that takes a key', () => {
  it(`${ATTEMPTS} wrong keys lock the address out: /api, /v1, CSV links, /metrics and sign-in then give a right key and a wrong one byte-identical 429s`, async () => {
    const { url } = await frozenWorld();
    expect(await presentWrongKeys(url, ATTEMPTS)).toEqual(Array(ATTEMPTS).fill(401));
    const right = asks(url, CLIENT_KEY);
    const wrong = asks(url, WRONG_KEY);
    for (const route of Object.keys(right)) {
      const withRightKey = await rawResponse(url, right[route]!);
      const withWrongKey = await rawResponse(url, wrong[route]!);
      expect(withRightKey, route).toMatch(/^HTTP\/1\.1 429 /);
      expect(withRightKey, route).toMatch(/^Retry-After: 900\r$/im);
      expect(withWrongKey, route).toBe(withRightKey);
    }
    expect(world!.upstreamRequests()).toHaveLength(0);
  });

  it('the 429 speaks each route’s format: the API’s {"error"} on /api, a JSON problem on /v1 and /metrics, the sign-in page on /login', async () => {
    const { url } = await frozenWorld();
    await presentWrongKeys(url, ATTEMPTS);
    const api = await world!.get(`/api/totais_lead?data=${daysAgo(2)}`, { token: CLIENT_KEY });
    expect(api.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Object.keys(await api.json())).toEqual(['error']);
    for (const path of [`/v1/totals/${daysAgo(2)}`, '/metrics']) {
      const problem = (await (await world!.get(path, { authorization: `Bearer ${CLIENT_KEY}` })).json()) as Record<string, unknown>;
      expect(problem).toMatchObject({ code: 'too-many-wrong-keys', retryAt: expect.any(String) });
    }
    const signIn = await fetch(`${url}/login`, { method: 'POST', ...asks(url, CLIENT_KEY).signIn, redirect: 'manual' });
    expect(signIn.status).toBe(429);
    expect(signIn.headers.get('set-cookie')).toBeNull();
    expect(await signIn.text()).toContain('<form method="post" action="/login"');
  });

  it('wrong keys at sign-in count as well, and the lock-out is logged once per address, not once per attempt', async () => {
    const { url } = await frozenWorld();
    for (let i = 0; i < ATTEMPTS; i++) expect((await fetch(`${url}/login`, { method: 'POST', ...asks(url, WRONG_KEY).signIn, redirect: 'manual' })).status).toBe(401);
    expect(await presentWrongKeys(url, 50)).toEqual(Array(50).fill(429));
    const lockouts = logLines.filter((line) => line.includes('wrong client keys'));
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]).toMatch(/^auth: (127\.0\.0\.1|::ffff:127\.0\.0\.1|::1) presented 10 wrong client keys/);
    expect(lockouts[0]).not.toContain(WRONG_KEY);
  });

  it('without --trust-proxy, X-Forwarded-For changes nothing; with it, each forwarded address is counted on its own', async () => {
    const direct = await frozenWorld();
    await presentWrongKeys(direct.url, ATTEMPTS, { 'x-forwarded-for': '203.0.113.7' });
    expect(await presentWrongKeys(direct.url, 1, { 'x-forwarded-for': '203.0.113.8' })).toEqual([429]);
    await direct.close();

    const proxied = await frozenWorld({ trustProxy: true });
    // The proxy appends the address it saw: only the last entry counts, whatever the client wrote before it.
    await presentWrongKeys(proxied.url, ATTEMPTS, { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' });
    expect(await presentWrongKeys(proxied.url, 1, { 'x-forwarded-for': '203.0.113.7' })).toEqual([429]);
    expect(await presentWrongKeys(proxied.url, 1, { 'x-forwarded-for': '203.0.113.7, 203.0.113.8' })).toEqual([401]);
    expect(logLines.filter((line) => line.includes('wrong client keys'))[0]).toMatch(/^auth: 203\.0\.113\.7 presented/);
  });

  it('a missing key is not a guess: it never locks anyone out', async () => {
    const { url } = await frozenWorld();
    for (let i = 0; i < 3 * ATTEMPTS; i++) expect((await fetch(`${url}/v1/totals/${daysAgo(2)}`)).status).toBe(401);
    expect((await world!.get('/metrics', { authorization: `Bearer ${CLIENT_KEY}` })).status).toBe(200);
  });
});
