import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator, generateLeadTotalsPayload, type Simulator } from '../src/index.js';
import { serve, type SimulatorServer } from '../src/node-server.js';

let server: SimulatorServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function served(simulator: Simulator): Promise<SimulatorServer> {
  server = await serve(simulator);
  return server;
}

const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);

/** A raw node:http GET: resolves with how the exchange ended, response or socket error. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status?: number; errorCode?: string }> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { headers, agent: false }, (res) => {
      res.resume();
      resolve({ status: res.statusCode });
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ errorCode: error.code }));
    req.end();
  });
}

/** Raw bytes over TCP: tells a reset (ECONNRESET) from a polite close, and counts bytes received. */
function rawExchange(port: number, text: string): Promise<{ bytes: number; ended: 'reset' | 'closed' | string }> {
  return new Promise((resolve) => {
    let bytes = 0;
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    socket.on('data', (chunk) => {
      bytes += chunk.length;
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve({ bytes, ended: error.code === 'ECONNRESET' ? 'reset' : String(error.code) }));
    socket.on('end', () => resolve({ bytes, ended: 'closed' }));
  });
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return condition();
}

describe('the Node server over loopback', () => {
  it('serves the API at http://127.0.0.1:<port>/api/totais_lead', async () => {
    const simulator = createSimulator({ now: () => NOW });
    const { url, port } = await served(simulator);
    expect(url).toBe(`http://127.0.0.1:${port}/api/totais_lead`);
    const response = await fetch(`${url}?data=2026-03-09`, { headers: { token: 'demo-token' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('date')).toBe(new Date(NOW).toUTCString());
    expect(await response.json()).toEqual(generateLeadTotalsPayload('demo-token', '2026-03-09'));
    expect(simulator.log[0]).toMatchObject({ method: 'GET', path: '/api/totais_lead', date: '2026-03-09', status: 200 });
  });

  it('answers the API errors over the wire, accents intact', async () => {
    const { url } = await served(createSimulator({ now: () => NOW }));
    const post = await fetch(`${url}?data=2026-03-09`, { method: 'POST', headers: { token: 'demo-token' }, body: 'x=1' });
    expect(post.status).toBe(405);
    expect(await post.json()).toEqual({ error: 'O método utilizado não é permitido para este recurso' });
    const missing = await fetch(`${url}?data=2026-03-09`);
    expect(await missing.json()).toEqual({ error: 'Token não informado' });
    await fetch(`${url}?data=2026-03-09`, { headers: { token: 'demo-token' } });
    const limited = await fetch(`${url}?data=2026-03-09`, { headers: { token: 'demo-token' } });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: string }).error).toContain('"2026-03-10 09:05:00"');
  });

  it('drop-connection resets the socket with no byte of a response', async () => {
    const simulator = createSimulator();
    const { url } = await served(simulator);
    simulator.setFault({ kind: 'drop-connection', times: 1 });
    const exchange = await rawExchange(
      Number(new URL(url).port),
      'GET /api/totais_lead?data=2026-03-09 HTTP/1.1\r\nHost: 127.0.0.1\r\ntoken: demo-token\r\n\r\n',
    );
    expect(exchange).toEqual({ bytes: 0, ended: 'reset' });
    simulator.setFault({ kind: 'drop-connection', times: 1 });
    expect(await rawGet(`${url}?data=2026-03-09`, { token: 'demo-token' })).toEqual({ errorCode: 'ECONNRESET' });
    simulator.setFault({ kind: 'drop-connection', times: 1 });
    await expect(fetch(`${url}?data=2026-03-09`, { headers: { token: 'demo-token' } })).rejects.toThrow(TypeError);
    // The server is still there for the next client.
    expect((await fetch(`${url}?data=2026-03-09`, { headers: { token: 'demo-token' } })).status).toBe(200);
  });

  it('slow stops waiting as soon as the client hangs up', async () => {
    const simulator = createSimulator();
    const { url } = await served(simulator);
    simulator.setFault({ kind: 'slow', delayMs: 15_000 });
    const controller = new AbortController();
    const pending = fetch(`${url}?data=2026-03-09`, { headers: { token: 'demo-token' }, signal: controller.signal });
    await until(() => false, 100);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(await until(() => simulator.log.length === 1, 2_000)).toBe(true);
    expect(simulator.log[0]).toMatchObject({ fault: 'slow', aborted: true, status: 0 });
    simulator.setFault(undefined);
    expect((await fetch(`${url}?data=2026-03-09`, { headers: { token: 'demo-token' } })).status).toBe(200);
  });

  it('slow answers after the delay when the client waits', async () => {
    const simulator = createSimulator();
    const { url } = await served(simulator);
    simulator.setFault({ kind: 'slow', delayMs: 150, times: 1 });
    const started = performance.now();
    const response = await fetch(`${url}?data=2026-03-09`, { headers: { token: 'demo-token' } });
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('html-502 and truncated-json reach the client as sent', async () => {
    const simulator = createSimulator({ windowMs: 0 });
    const { url } = await served(simulator);
    simulator.setFault({ kind: 'html-502', times: 1 });
    const bad = await fetch(`${url}?data=2026-03-09`, { headers: { token: 'demo-token' } });
    expect(bad.status).toBe(502);
    expect(bad.headers.get('content-type')).toBe('text/html; charset=utf-8');
    simulator.setFault({ kind: 'truncated-json', times: 1 });
    const cut = await fetch(`${url}?data=2026-03-09`, { headers: { token: 'demo-token' } });
    expect(cut.status).toBe(200);
    await expect(cut.json()).rejects.toThrow(SyntaxError);
  });

  it('close() ends open keep-alive connections and stops listening', async () => {
    const simulator = createSimulator({ windowMs: 0 });
    const running = await serve(simulator);
    const { url } = running;
    await (await fetch(`${url}?data=2026-03-09`, { headers: { token: 'demo-token' } })).text();
    const started = performance.now();
    await running.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    await expect(fetch(`${url}?data=2026-03-09`, { headers: { token: 'demo-token' } })).rejects.toThrow();
  });
});
