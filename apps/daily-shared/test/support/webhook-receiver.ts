/**
 * A webhook receiver on loopback that records every POST (headers, parsed body) and answers
 * with the statuses it is told to, in order, then 200. Like a real receiver (n8n, a chat
 * webhook), it is a separate HTTP server: the app reaches it over a real socket.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPost {
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedPost[];
  /** Answer the next requests with these statuses (then 200). */
  failNext(...statuses: number[]): void;
  /** Answer every request with this status from now on. */
  failAlways(status: number): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedPost[] = [];
  const queued: number[] = [];
  let always: number | undefined;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: request.headers, body: text === '' ? undefined : JSON.parse(text) });
      const status = queued.shift() ?? always ?? 200;
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: status < 300 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook/zen-daily`,
    received,
    failNext: (...statuses) => queued.push(...statuses),
    failAlways: (status) => {
      always = status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
