import { describe, expect, it } from 'vitest';
import { createSimulator, FAULT_KINDS, generateLeadTotalsPayload, isConnectionDropped } from '../src/index.js';
import { callApi, errorOf, manualClock } from './simulator-requests.js';

const SERVER_ERROR = 'Ocorreu um erro interno do servidor. Por favor, tente novamente.';
const ok = { token: 'demo-token', date: '2026-03-09' };

function simulatorAt(now = Date.UTC(2026, 2, 10, 12)) {
  return createSimulator({ now: manualClock(now).now });
}

describe('the fault modes', () => {
  it('server-error answers the API 500 and spends no window', async () => {
    const simulator = simulatorAt();
    simulator.setFault({ kind: 'server-error', times: 1 });
    const response = await callApi(simulator, ok);
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await errorOf(response)).toBe(SERVER_ERROR);
    expect((await callApi(simulator, ok)).status).toBe(200);
  });

  it('html-502 answers a text/html 502 page that is not JSON', async () => {
    const simulator = simulatorAt();
    simulator.setFault('html-502');
    const response = await callApi(simulator, ok);
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('date')).not.toBeNull();
    const body = await response.text();
    expect(body).toContain('<h1>502 Bad Gateway</h1>');
    expect(() => JSON.parse(body)).toThrow();
  });

  it('truncated-json answers 200 with the day cut short, and spends the window', async () => {
    const simulator = simulatorAt();
    simulator.setFault({ kind: 'truncated-json', times: 1 });
    const response = await callApi(simulator, ok);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await response.text();
    const whole = JSON.stringify(generateLeadTotalsPayload('demo-token', ok.date));
    expect(body.length).toBeGreaterThan(0);
    expect(body.length).toBeLessThan(whole.length);
    expect(whole.startsWith(body)).toBe(true);
    expect(() => JSON.parse(body)).toThrow();
    expect((await callApi(simulator, ok)).status).toBe(429);
  });

  it('drop-connection rejects like fetch on a dead socket, and spends no window', async () => {
    const simulator = simulatorAt();
    simulator.setFault({ kind: 'drop-connection', times: 1 });
    const failure = await callApi(simulator, ok).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(TypeError);
    expect(isConnectionDropped(failure)).toBe(true);
    expect((await callApi(simulator, ok)).status).toBe(200);
  });

  it('rate-limited answers 429 as if another client had just spent the window', async () => {
    const clock = manualClock(Date.UTC(2026, 2, 10, 12, 0, 0));
    const simulator = createSimulator({ now: clock.now });
    simulator.setFault({ kind: 'rate-limited', times: 1 });
    const response = await callApi(simulator, ok);
    expect(response.status).toBe(429);
    expect(await errorOf(response)).toBe(
      'Você excedeu o número de requisições. Sua última requisição foi em "2026-03-10 09:00:00". Sua próxima requisição estará disponível em "2026-03-10 09:05:00"',
    );
    clock.advance(60_000);
    expect((await callApi(simulator, ok)).status).toBe(429);
    clock.advance(240_000);
    expect((await callApi(simulator, ok)).status).toBe(200);
  });

  it('rate-limited still lets the method, token and date checks answer first', async () => {
    const simulator = simulatorAt();
    simulator.setFault('rate-limited');
    expect((await callApi(simulator, { token: 'nope', date: ok.date })).status).toBe(401);
    expect((await callApi(simulator, { token: 'demo-token', date: '2026-02-30' })).status).toBe(400);
    expect((await callApi(simulator, { method: 'POST' })).status).toBe(405);
  });

  it('slow waits the delay, then answers normally', async () => {
    const simulator = createSimulator();
    simulator.setFault({ kind: 'slow', delayMs: 120, times: 1 });
    const started = performance.now();
    const response = await callApi(simulator, ok);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect(response.status).toBe(200);
  });

  it('slow gives up as soon as the request signal aborts', async () => {
    const simulator = createSimulator();
    simulator.setFault({ kind: 'slow', delayMs: 10_000 });
    const controller = new AbortController();
    const started = performance.now();
    const pending = callApi(simulator, { ...ok, signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(simulator.log.at(-1)).toMatchObject({ fault: 'slow', aborted: true, status: 0 });
    // Nothing was answered, so nothing was spent.
    simulator.setFault(undefined);
    expect((await callApi(simulator, ok)).status).toBe(200);
  });

  it('a global fault stays until cleared; `times` clears itself', async () => {
    const simulator = createSimulator({ windowMs: 0 });
    simulator.setFault('server-error');
    for (let i = 0; i < 3; i += 1) expect((await callApi(simulator, ok)).status).toBe(500);
    simulator.setFault(undefined);
    expect((await callApi(simulator, ok)).status).toBe(200);
    simulator.setFault({ kind: 'html-502', times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await callApi(simulator, ok)).status);
    expect(statuses).toEqual([502, 502, 200]);
  });

  it('the fault option is in force from the start', async () => {
    const simulator = createSimulator({ fault: { kind: 'server-error', times: 1 } });
    expect((await callApi(simulator, ok)).status).toBe(500);
    expect((await callApi(simulator, ok)).status).toBe(200);
  });

  it('the x-zen-simulator-fault header puts one request under a fault, leaving the global one', async () => {
    const simulator = createSimulator({ windowMs: 0 });
    simulator.setFault({ kind: 'server-error', times: 1 });
    const viaHeader = await callApi(simulator, { ...ok, headers: { 'x-zen-simulator-fault': 'html-502' } });
    expect(viaHeader.status).toBe(502);
    expect((await callApi(simulator, ok)).status).toBe(500);
    const started = performance.now();
    const slow = await callApi(simulator, {
      ...ok,
      headers: { 'x-zen-simulator-fault': 'slow', 'x-zen-simulator-delay-ms': '80' },
    });
    expect(slow.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(70);
  });

  it('an unknown fault header is refused loudly, and the header can be switched off', async () => {
    const refused = await callApi(createSimulator(), { ...ok, headers: { 'x-zen-simulator-fault': 'slowly' } });
    expect(refused.status).toBe(400);
    expect(await errorOf(refused)).toContain('slowly');
    const ignoring = createSimulator({ faultHeader: false });
    expect((await callApi(ignoring, { ...ok, headers: { 'x-zen-simulator-fault': 'server-error' } })).status).toBe(200);
  });

  it('rejects unknown fault names and bad counts', () => {
    const simulator = createSimulator();
    expect(() => simulator.setFault('meltdown' as never)).toThrow(TypeError);
    expect(() => simulator.setFault({ kind: 'slow', times: 0 })).toThrow(RangeError);
    expect(() => simulator.setFault({ kind: 'slow', delayMs: -1 })).toThrow(RangeError);
  });

  it.each(FAULT_KINDS)('%s is written in the request log', async (kind) => {
    const simulator = createSimulator();
    simulator.setFault({ kind, times: 1, delayMs: 1 });
    await callApi(simulator, ok).catch(() => undefined);
    expect(simulator.log).toHaveLength(1);
    expect(simulator.log[0]?.fault).toBe(kind);
  });
});
