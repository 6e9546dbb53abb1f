import { afterEach, describe, expect, it } from 'vitest';
import { API_MESSAGES, type Simulator } from '@zen-leads/simulator';
import { DISTINCTIVE_TOKEN, serveSimulator, type ServedSimulator } from './support/served-simulator.js';

/**
 * Every documented answer of the API, over a real socket, through the real bin: the exit code
 * and the stderr message (the API's own words plus how to fix it). Some answers need a request
 * our client never sends (no `data`, no token, another method); a front handler rewrites the
 * request on its way to the simulator to draw them, as a misbehaving proxy would.
 */
describe('zen-leads totals on each documented API answer', () => {
  let served: ServedSimulator | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  const rewriting =
    (rewrite: (request: Request) => Request) =>
    (simulator: Simulator) =>
    (request: Request): Promise<Response> =>
      simulator.handler(rewrite(request));

  it('200: prints the users table and exits 0', async () => {
    served = await serveSimulator();
    const run = await served.run(['totals', '2026-11-24']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')[0]).toMatch(/^date {2,}user {2,}leads$/);
    expect(served.simulator.log.map((entry) => entry.status)).toEqual([200]);
  });

  it('400 "O parâmetro "data" é necessário": exits 2 with the API message', async () => {
    served = await serveSimulator(
      {},
      rewriting((request) => {
        const url = new URL(request.url);
        url.searchParams.delete('data');
        return new Request(url, { headers: request.headers });
      }),
    );
    const run = await served.run(['totals', '2026-11-24']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('HTTP 400');
    expect(run.stderr).toContain(API_MESSAGES.dateMissing);
    expect(run.stderr).toContain('Check the DATE argument');
    expect(run.stdout).toBe('');
  });

  it('400 "Data inexistente ou em formato inválido": exits 2 with the API message', async () => {
    served = await serveSimulator(
      {},
      rewriting((request) => {
        const url = new URL(request.url);
        url.searchParams.set('data', '2026-02-30');
        return new Request(url, { headers: request.headers });
      }),
    );
    const run = await served.run(['totals', '2026-11-24']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(API_MESSAGES.dateInvalid);
  });

  it('401 "Token não informado": exits 3 and says to set ZEN_TOKEN', async () => {
    served = await serveSimulator(
      {},
      rewriting((request) => {
        const headers = new Headers(request.headers);
        headers.delete('token');
        return new Request(request.url, { headers });
      }),
    );
    const run = await served.run(['totals', '2026-11-24']);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain(API_MESSAGES.tokenMissing);
    expect(run.stderr).toContain('Set ZEN_TOKEN');
  });

  it('401 "Token inválido": exits 3 and says to copy the token again', async () => {
    served = await serveSimulator();
    const run = await served.run(['totals', '2026-11-24'], { ZEN_TOKEN: 'not-the-right-token' });
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain(API_MESSAGES.tokenInvalid);
    expect(run.stderr).toContain('Copy the token again');
  });

  it('401 "Token desabilitado": exits 3 and says to enable or regenerate it', async () => {
    served = await serveSimulator({ tokens: [{ token: DISTINCTIVE_TOKEN, disabled: true }] });
    const run = await served.run(['totals', '2026-11-24']);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain(API_MESSAGES.tokenDisabled);
    expect(run.stderr).toContain('The token is disabled');
  });

  it('401 "Acesso não autorizado": exits 3 and says to check URL and token match', async () => {
    served = await serveSimulator({ tokens: [{ token: DISTINCTIVE_TOKEN, unauthorized: true }] });
    const run = await served.run(['totals', '2026-11-24']);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain(API_MESSAGES.accessUnauthorized);
    expect(run.stderr).toContain('same account');
  });

  it('405 "O método utilizado não é permitido…": exits 2 and points at the URL', async () => {
    served = await serveSimulator(
      {},
      rewriting((request) => new Request(request.url, { method: 'POST', headers: request.headers })),
    );
    const run = await served.run(['totals', '2026-11-24']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(API_MESSAGES.methodNotAllowed);
    expect(run.stderr).toContain('integration URL');
  });

  it('429 "Você excedeu o número de requisições…" in fail mode: exits 4 with the server times', async () => {
    served = await serveSimulator({ fault: 'rate-limited' });
    const run = await served.run(['totals', '2026-11-24', '--on-rate-limit', 'fail']);
    expect(run.code, run.stderr).toBe(4);
    expect(run.stderr).toContain('HTTP 429');
    expect(run.stderr).toContain('Você excedeu o número de requisições');
    expect(run.stderr).toMatch(/The window frees at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} São Paulo time, in \d/);
    expect(run.stderr).toContain('--on-rate-limit wait');
    expect(served.simulator.log).toHaveLength(1);
  });

  it('429 in wait mode, longer than --max-wait: exits 4 and says to raise --max-wait', async () => {
    served = await serveSimulator({ fault: 'rate-limited' });
    const run = await served.run(['totals', '2026-11-24', '--max-wait', '2s']);
    expect(run.code, run.stderr).toBe(4);
    expect(run.stderr).toContain('longer than --max-wait 2s');
    expect(served.simulator.log).toHaveLength(1);
  });

  it('429 in wait mode within --max-wait: rides it out and prints the day', async () => {
    served = await serveSimulator({ windowMs: 1_000, fault: { kind: 'rate-limited', times: 1 } });
    const run = await served.run(['totals', '2026-11-24', '--format', 'json', '--min-interval', '1s']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ date: '2026-11-24' });
    expect(served.simulator.log.map((entry) => entry.status)).toEqual([429, 200]);
  });

  it('500 "Ocorreu um erro interno…": retries one per window, then exits 5 with the API message', async () => {
    served = await serveSimulator({ fault: 'server-error', windowMs: 300 });
    const run = await served.run(['totals', '2026-11-24', '--min-interval', '300ms']);
    expect(run.code, run.stderr).toBe(5);
    expect(run.stderr).toContain(API_MESSAGES.serverError);
    expect(run.stderr).toContain('the retry waits for the next window');
    expect(run.stderr).toContain("on the API's side");
    // The first attempt and the default two retries.
    expect(served.simulator.log.map((entry) => entry.status)).toEqual([500, 500, 500]);
  });
});
