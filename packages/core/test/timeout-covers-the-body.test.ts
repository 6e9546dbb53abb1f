import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { ZenNetworkError, createZenClient } from '../src/index.js';

// A server that sends a 200's headers and then nothing: the timeout must cover the body too.
const sockets = new Set<Socket>();
const server = createServer((socket) => {
  sockets.add(socket);
  socket.on('data', () => socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{"data":'));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
afterAll(() => {
  for (const socket of sockets) socket.destroy();
  server.close();
});

describe('the request timeout', () => {
  it('ends a response whose body never comes, as a timeout, in time', async () => {
    const started = Date.now();
    const error = await createZenClient({ url, token: 'tok-silence', timeoutMs: 300, retries: 0 })
      .getTotals('2026-11-24')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZenNetworkError);
    expect((error as ZenNetworkError).reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
