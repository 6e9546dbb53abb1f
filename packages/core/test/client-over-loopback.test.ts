import { createServer, type AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { mapWireByHand, type WirePayloadByHand } from '@zen-leads/test-support/map-wire-by-hand';
import { describe, expect, it } from 'vitest';
import {
  RateLimitedError,
  ZenAuthError,
  ZenBadRequestError,
  ZenInputError,
  ZenMethodError,
  ZenNetworkError,
  ZenResponseError,
  ZenServerError,
  createZenClient,
  type ZenClientOptions,
  type ZenError,
} from '../src/index.js';
import { FileStore } from '../src/file-store.js';
import { errorForStatus } from '../src/response.js';
import { loopbackSimulator } from './support/loopback-simulator.js';

/** Distinctive, so that a leak anywhere is found by a plain substring search. */
const TOKEN = 'zen-LEAK-CANARY-4b1d9e7f';
const DAY = '2026-11-24';
const { sim, url } = await loopbackSimulator({ tokens: [TOKEN, { token: 'tok-disabled', disabled: true }, { token: 'tok-unauth', unauthorized: true }], windowMs: 0 });

/** Everything a user could ever see of an error. */
const seen: string[] = [];
function observe(error: unknown): ZenError {
  const zen = error as ZenError;
  seen.push(zen.message, JSON.stringify(zen), inspect(zen, { depth: 10, showHidden: true }), String(zen.cause ?? ''));
  return zen;
}
const hookEvents: unknown[] = [];
function client(overrides: Partial<ZenClientOptions> = {}) {
  return createZenClient({
    url,
    token: TOKEN,
    retries: 0,
    timeoutMs: 2000,
    hooks: {
      onRequest: (e) => hookEvents.push(e),
      onResponse: (e) => hookEvents.push(e),
      onRetry: (e) => hookEvents.push({ ...e, error: JSON.stringify(e.error) }),
      onWait: (e) => hookEvents.push(e),
      onRateLimited: (e) => hookEvents.push(e),
    },
    ...overrides,
  });
}
async function failure(promise: Promise<unknown>): Promise<ZenError> {
  try {
    await promise;
  } catch (error) {
    return observe(error);
  }
  throw new Error('expected the call to fail');
}
/** A raw request over the socket, for responses our own client never provokes. */
async function raw(init: RequestInit & { query?: string } = {}): Promise<ZenError> {
  const response = await fetch(`${url}${init.query ?? `?data=${DAY}`}`, init);
  return observe(errorForStatus(response.status, (await response.text()).split(TOKEN).join('[redacted]')));
}

describe('the client against the simulator over a real socket', () => {
  it('200: decodes the day exactly as the API sent it', async () => {
    sim.clearLog();
    const result = await client().getTotalsResult(DAY);
    expect(result.totals).toEqual(mapWireByHand((await sim.payloadFor(TOKEN, DAY)) as WirePayloadByHand));
    expect(result.raw).toEqual(await sim.payloadFor(TOKEN, DAY));
    expect(result.fromCache).toBe(false);
    expect(sim.log.map((entry) => [entry.method, entry.date, entry.status])).toEqual([['GET', DAY, 200]]);
  });

  it('400 "O parâmetro data é necessário" → ZenBadRequestError', async () => {
    const error = await raw({ headers: { token: TOKEN }, query: '' });
    expect(error).toBeInstanceOf(ZenBadRequestError);
    expect(error.status).toBe(400);
    expect(error.apiMessage).toBe('O parâmetro "data" é necessário');
  });

  it('400 "Data inexistente ou em formato inválido" → ZenBadRequestError, through the client', async () => {
    // The client's clock is a day ahead of the server's, so it asks for what the server calls the future.
    const { sim: strict, url: strictUrl } = await loopbackSimulator({ tokens: [TOKEN], windowMs: 0, futureDates: 'reject' });
    const tomorrow = Date.now() + 86_400_000;
    const ahead = { now: () => tomorrow, sleep: () => Promise.resolve() };
    const day = new Date(tomorrow - 3 * 3_600_000).toISOString().slice(0, 10);
    const error = await failure(client({ url: strictUrl, clock: ahead }).getTotals(day));
    expect(error).toBeInstanceOf(ZenBadRequestError);
    expect(error.apiMessage).toBe('Data inexistente ou em formato inválido');
    expect(error.message).toContain('(400)');
    expect(strict.log).toHaveLength(1);
  });

  it.each([
    ['Token inválido', 'invalid', 'tok-unknown'],
    ['Token desabilitado', 'disabled', 'tok-disabled'],
    ['Acesso não autorizado', 'unauthorized', 'tok-unauth'],
  ])('401 "%s" → ZenAuthError(%s)', async (message, reason, token) => {
    const error = await failure(client({ token }).getTotals(DAY));
    expect(error).toBeInstanceOf(ZenAuthError);
    expect((error as ZenAuthError).reason).toBe(reason);
    expect(error.status).toBe(401);
    expect(error.apiMessage).toBe(message);
    expect(error.message).toContain(message);
  });

  it('401 "Token não informado" → ZenAuthError(missing)', async () => {
    const error = await raw();
    expect(error).toBeInstanceOf(ZenAuthError);
    expect((error as ZenAuthError).reason).toBe('missing');
    expect(error.apiMessage).toBe('Token não informado');
  });

  it('405 → ZenMethodError', async () => {
    const error = await raw({ method: 'POST', headers: { token: TOKEN } });
    expect(error).toBeInstanceOf(ZenMethodError);
    expect(error.apiMessage).toBe('O método utilizado não é permitido para este recurso');
  });

  it('429 in fail mode → RateLimitedError with both instants from the message', async () => {
    const { sim: limited, url: limitedUrl } = await loopbackSimulator({ tokens: [TOKEN], windowMs: 60_000 });
    await fetch(`${limitedUrl}?data=2026-11-20`, { headers: { token: TOKEN } }); // another client spends the window
    const error = await failure(client({ url: limitedUrl, onRateLimit: 'fail' }).getTotals(DAY));
    expect(error).toBeInstanceOf(RateLimitedError);
    const rateLimited = error as RateLimitedError;
    expect(rateLimited.status).toBe(429);
    expect(rateLimited.apiMessage).toMatch(/^Você excedeu o número de requisições\. Sua última requisição foi em "[\d-]+ [\d:]+"\. Sua próxima requisição estará disponível em "[\d-]+ [\d:]+"$/);
    expect(rateLimited.lastRequestAt!.getTime()).toBeGreaterThan(Date.now() - 5000);
    expect(rateLimited.retryAfterMs).toBeGreaterThan(55_000);
    expect(rateLimited.retryAfterMs).toBeLessThanOrEqual(63_000);
    expect(rateLimited.retryAt.getTime()).toBeGreaterThan(Date.now() + 55_000);
    expect(limited.log.map((entry) => entry.status)).toEqual([200, 429]);
  });

  it('500 → ZenServerError after the retries, one per window (the API may count a 500), each logged', async () => {
    sim.clearLog();
    sim.setFault('server-error');
    try {
      const error = await failure(client({ retries: 2, minIntervalMs: 150, windowMarginMs: 50 }).getTotals('2026-11-23'));
      expect(error).toBeInstanceOf(ZenServerError);
      expect(error.status).toBe(500);
      expect(error.apiMessage).toBe('Ocorreu um erro interno do servidor. Por favor, tente novamente.');
      expect(error.attempts).toBe(3);
      expect(error.problem).toContain('3 attempts, one per window');
      expect(sim.log.map((entry) => entry.status)).toEqual([500, 500, 500]);
      const gaps = sim.log.slice(1).map((entry, i) => entry.at - sim.log[i]!.at);
      // Arrivals at least the API's window apart (150 ms); the 50 ms margin absorbs the loop's jitter under load.
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(150);
    } finally {
      sim.setFault(undefined);
    }
  });

  it('a 500 that passes is ridden out by a retry in the next window', async () => {
    sim.clearLog();
    sim.setFault({ kind: 'server-error', times: 1 });
    const totals = await client({ retries: 2, minIntervalMs: 150, windowMarginMs: 50 }).getTotals('2026-11-22');
    expect(totals.date).toBe('2026-11-22');
    expect(sim.log.map((entry) => entry.status)).toEqual([500, 200]);
    expect(sim.log[1]!.at - sim.log[0]!.at).toBeGreaterThanOrEqual(195);
  });

  it('fault html-502 → ZenServerError quoting the page, not a crash', async () => {
    sim.setFault({ kind: 'html-502', times: 1 });
    const error = await failure(client().getTotals('2026-11-21'));
    expect(error).toBeInstanceOf(ZenServerError);
    expect(error.status).toBe(502);
    expect(error.problem).toContain('502 Bad Gateway');
    expect(error.message).toMatch(/502|Bad Gateway/);
  });

  it('fault truncated-json → ZenResponseError with an excerpt', async () => {
    sim.setFault({ kind: 'truncated-json', times: 1 });
    const error = await failure(client().getTotals('2026-11-20'));
    expect(error).toBeInstanceOf(ZenResponseError);
    expect((error as ZenResponseError).excerpt).toMatch(/^\{"data":"2026-11-20"/);
  });

  it('fault slow → ZenNetworkError(timeout) within the timeout, no hang', async () => {
    sim.setFault({ kind: 'slow', times: 1, delayMs: 5000 });
    const started = Date.now();
    const error = await failure(client({ timeoutMs: 300 }).getTotals('2026-11-19'));
    expect(error).toBeInstanceOf(ZenNetworkError);
    expect((error as ZenNetworkError).reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('fault drop-connection → ZenNetworkError(connection)', async () => {
    sim.setFault({ kind: 'drop-connection', times: 1 });
    const error = await failure(client().getTotals('2026-11-18'));
    expect(error).toBeInstanceOf(ZenNetworkError);
    expect((error as ZenNetworkError).reason).toBe('connection');
  });

  it('a refused connection → ZenNetworkError(connection) naming the cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(client({ url: `http://127.0.0.1:${port}/api` }).getTotals(DAY));
    expect(error).toBeInstanceOf(ZenNetworkError);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('bad dates, URLs and tokens spend no request', async () => {
    sim.clearLog();
    for (const date of ['2026-02-29', '24/11/2026', '2999-01-01', '']) {
      expect(await failure(client().getTotals(date))).toBeInstanceOf(ZenInputError);
    }
    for (const options of [{ url: 'ftp://x.invalid' }, { url: 'http://crm.example.invalid/api' }, { url: `${url}?token=${TOKEN}` }, { token: 'a b' }, { token: 'x\r\ny' }, { token: '' }]) {
      expect(() => client(options)).toThrow(ZenInputError);
      try {
        client(options);
      } catch (error) {
        observe(error);
      }
    }
    expect(sim.log).toEqual([]);
  });

  it('a past day is answered from the file cache by a new client, sending nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zen-client-cache-'));
    sim.clearLog();
    const first = await client({ store: new FileStore({ dir }) }).getTotalsResult('2026-11-10');
    const second = await client({ store: new FileStore({ dir }) }).getTotalsResult('2026-11-10');
    expect([first.fromCache, second.fromCache]).toEqual([false, true]);
    expect(second.totals).toEqual(first.totals);
    expect(sim.log).toHaveLength(1);
    for (const file of await readdir(dir)) seen.push(file, await readFile(join(dir, file), 'utf8'));
  });

  it('100 concurrent calls for one day send one request', async () => {
    sim.clearLog();
    const zen = client({ cache: false });
    const results = await Promise.all(Array.from({ length: 100 }, () => zen.getTotals('2026-11-09')));
    expect(new Set(results).size).toBe(1);
    expect(sim.log).toHaveLength(1);
  });

  it('the token never appeared in any error, serialisation, hook payload or cache file above', () => {
    seen.push(JSON.stringify(hookEvents), inspect(hookEvents, { depth: 10 }));
    expect(seen.length).toBeGreaterThan(40);
    expect(seen.filter((text) => text.includes(TOKEN))).toEqual([]);
  });
});
