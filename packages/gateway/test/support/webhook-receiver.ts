import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST the receiver got. */
export interface ReceivedPost {
  at: number;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** The status it answered. */
  status: number;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/hook`. */
  url: string;
  posts: ReceivedPost[];
  /** Resolves once `predicate` holds for the posts answered 200 (polling), or rejects after `timeoutMs`. */
  waitFor(predicate: (delivered: ReceivedPost[]) => boolean, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real webhook endpoint on a loopback port (node:http), as an n8n Webhook node or a Slack
 * incoming webhook would be: records every POST; `failFirst` posts are answered 500, so the
 * sender's retries show.
 */
export async function startWebhookReceiver(options: { failFirst?: number } = {}): Promise<WebhookReceiver> {
  const posts: ReceivedPost[] = [];
  let failures = options.failFirst ?? 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = failures > 0 ? 500 : 200;
      if (failures > 0) failures--;
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = Buffer.concat(chunks).toString('utf8');
      }
      posts.push({ at: Date.now(), headers: request.headers, body, status });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'try again');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const delivered = (): ReceivedPost[] => posts.filter((post) => post.status === 200);
  return {
    url: `http://127.0.0.1:${port}/hook`,
    posts,
    async waitFor(predicate, timeoutMs) {
      const until = Date.now() + timeoutMs;
      while (!predicate(delivered())) {
        if (Date.now() > until) throw new Error(`the webhook receiver did not get what was awaited in ${timeoutMs} ms; it got ${JSON.stringify(posts.map((post) => post.body))}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
