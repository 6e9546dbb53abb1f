/**
 * `@zen-leads/gateway/node`: the gateway on a `node:http` server (through `@hono/node-server`),
 * bound to loopback unless told otherwise, with request limits and a draining `close()`. Like
 * `@hono/node-server`'s own `serve`, it installs that library's lighter global `Request` and
 * `Response` (about twice the throughput on cached answers; see bench/RESULTS.md).
 * @module
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer, type Http2Bindings, type HttpBindings } from '@hono/node-server';
import type { Gateway } from '../gateway-options.js';

/** Options of `serveGateway`. */
export interface ServeGatewayOptions {
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** Default `127.0.0.1`: reachable from this machine only. `0.0.0.0` or `::` to serve the network. */
  hostname?: string;
  /**
   * The bound on `close()`, counted from the call: by then every connection is cut and `close()`
   * has resolved, whatever is still under way. Default 30 s; `zen-leads serve` passes the upstream
   * timeout plus a second, as a request already sent ends by its timeout.
   */
  drainTimeoutMs?: number;
}

/** A running gateway server. */
export interface GatewayServer {
  /** `http://127.0.0.1:8787`, the origin clients use. */
  url: string;
  port: number;
  hostname: string;
  readonly server: Server;
  /**
   * Drains: stops accepting connections, has the gateway answer held clients and finish
   * upstream requests already sent, waits for every response under way, then closes.
   */
  close(): Promise<void>;
}

/** The port `zen-leads serve` listens on by default. */
export const DEFAULT_GATEWAY_PORT = 8787;

export async function serveGateway(gateway: Gateway, options: ServeGatewayOptions = {}): Promise<GatewayServer> {
  const hostname = options.hostname ?? '127.0.0.1';
  const server = createAdaptorServer({
    // The peer's address, for the lock-out after wrong keys (the same socket field @hono/node-server's getConnInfo reads).
    fetch: (request: Request, env: HttpBindings | Http2Bindings) => gateway(request, { remoteAddress: env.incoming.socket.remoteAddress }),
    serverOptions: { requestTimeout: 30_000, headersTimeout: 15_000, maxHeaderSize: 16_384 },
  }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_GATEWAY_PORT, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = hostname.includes(':') ? `[${hostname}]` : hostname;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    hostname,
    server,
    close: () => (closing ??= drain(server, gateway, options.drainTimeoutMs ?? 30_000)),
  };
}

async function drain(server: Server, gateway: Gateway, timeoutMs: number): Promise<void> {
  // The bound runs from the call, not from when the gateway is done: a slow upstream cannot stretch it.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // Connections go idle as their held clients are answered: let them go as they do.
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  try {
    await Promise.race([gateway.close().then(() => closed), bound]);
    server.closeAllConnections();
    await closed;
  } finally {
    clearTimeout(timer);
    clearInterval(sweep);
  }
}
