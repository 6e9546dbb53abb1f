import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { MemoryOutput } from './support/memory-output.js';
import { serveSimulator, type ServedSimulator } from './support/served-simulator.js';

const FAST = ['--min-interval', '200ms', '--every-window'];

/** A webhook receiver over a real loopback socket: every POST, its headers and JSON body. */
async function webhookReceiver(): Promise<{ url: string; posts: { headers: IncomingHttpHeaders; body: Record<string, unknown> }[]; close(): Promise<void> }> {
  const posts: { headers: IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
  const server: Server = createServer((request, response) => {
    let text = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    request.on('end', () => {
      posts.push({ headers: request.headers, body: JSON.parse(text) as Record<string, unknown> });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hook`, posts, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('zen-leads watch --alerts', () => {
  let served: ServedSimulator | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await served?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    served = dir = undefined;
  });

  it('a bad rules file exits 2 naming the file, the line and the field, before any request', async () => {
    served = await serveSimulator({ windowMs: 200 });
    dir = await mkdtemp(join(tmpdir(), 'zen-watch-alerts-'));
    const file = join(dir, 'alerts.yaml');
    await writeFile(file, 'lang: en\nrules:\n  - kind: seller-silent\n    minutes: -5\n    othersAtLeast: 3\n');
    const stderr = new MemoryOutput();
    const code = await main(['watch', '--alerts', file, ...FAST], { env: served.env, stdout: new MemoryOutput(), stderr, now: Date.now });
    expect(code, stderr.text).toBe(2);
    expect(stderr.text).toContain(`${file}, line 4, rules[0].minutes:`);
    const json = join(dir, 'alerts.json');
    await writeFile(json, '{\n  "rules": [\n    { "kind": "problem-count", "problem": "lost" }\n  ]\n}\n');
    const again = await main(['watch', '--alerts', json, ...FAST], { env: served.env, stdout: new MemoryOutput(), stderr, now: Date.now });
    expect(again).toBe(2);
    expect(stderr.text).toMatch(new RegExp(`${json.replaceAll('.', '\\.')}, line 3, rules\\[0\\]\\.problem`));
    expect(served.simulator.log).toHaveLength(0);
  });

  it('problem leads piling up fire one alert: in the window\'s line and posted once to a real webhook', async () => {
    const t0 = Date.now();
    served = await serveSimulator({
      windowMs: 200,
      today: { timeOfDay: () => 8 * 3_600_000 + (Date.now() - t0) * 1_800, faults: [{ kind: 'problems-pile-up', problem: 'withError', from: '08:00', perHour: 60 }] },
    });
    dir = await mkdtemp(join(tmpdir(), 'zen-watch-alerts-'));
    const hook = await webhookReceiver();
    try {
      const file = join(dir, 'alerts.yaml');
      await writeFile(file, `lang: en\nwebhooks:\n  - url: ${hook.url}\nrules:\n  - name: errors-up\n    kind: problem-count\n    problem: withError\n    increaseBy: 10\n`);
      const stdout = new MemoryOutput();
      const stderr = new MemoryOutput();
      const interrupt = new AbortController();
      const exited = main(['watch', '--alerts', file, ...FAST], { env: { HOME: process.env.HOME, ...served.env }, stdout, stderr, now: Date.now, signal: interrupt.signal });
      const lines = (): string[] => stdout.text.split('\n').filter((line) => line !== '');
      await expect.poll(() => lines().length, { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(4);
      await expect.poll(() => hook.posts.length, { timeout: 5_000 }).toBe(1);
      interrupt.abort(new Error('interrupted (Ctrl-C)'));
      expect(await exited, stderr.text).toBe(130);

      // The first line has nothing to compare with; the second sees the pile-up and fires, once.
      const alerting = lines().filter((line) => line.includes('1 alert:'));
      expect(alerting, stdout.text).toHaveLength(1);
      expect(lines()[0]).not.toContain('alert');
      const [post] = hook.posts;
      expect(post!.body).toMatchObject({ rule: 'errors-up', kind: 'problem-count', threshold: 10 });
      expect(post!.headers['idempotency-key']).toBe(post!.body.id);
      expect(alerting[0]).toContain(String(post!.body.text));
      expect(hook.posts).toHaveLength(1);
    } finally {
      await hook.close();
    }
  }, 40_000);
});
