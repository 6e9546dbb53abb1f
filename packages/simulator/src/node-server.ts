import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_MESSAGES } from './api-messages.js';
import { isConnectionDropped } from './connection-dropped-error.js';

/** The path the served URL points at. The handler answers on any path, like a rewrite rule. */
export const DEFAULT_API_PATH = '/api/totais_lead';

export interface ServeOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  hostname?: string;
  /** The path in the returned `url`; default `/api/totais_lead`. */
  path?: string;
}

export interface SimulatorServer {
  /** The integration URL to give a client, e.g. `http://127.0.0.1:40123/api/totais_lead`. */
  url: string;
  port: number;
  hostname: string;
  /** Stops listening and ends every open connection. */
  close(): Promise<void>;
}

/** Anything with the simulator's fetch handler. */
export interface ServableSimulator {
  handler: (request: Request) => Promise<Response>;
}

function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
  }
  // The API reads nothing from a body; the simulator drains it so the socket stays usable.
  req.resume();
  return new Request(new URL(req.url ?? '/', origin), { method: req.method ?? 'GET', headers, signal });
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.setHeader('content-length', body.length);
  res.end(body);
}

/** Serves a simulator over `node:http` on loopback (by default) until `close()`. */
export async function serve(simulator: ServableSimulator, options: ServeOptions = {}): Promise<SimulatorServer> {
  const hostname = options.hostname ?? '127.0.0.1';
  const path = options.path ?? DEFAULT_API_PATH;
  let origin = '';

  const server = createServer((req, res) => {
    const controller = new AbortController();
    // The client hung up before we answered: what `request.signal` means to a fetch handler.
    res.on('close', () => {
      if (!res.writableFinished) controller.abort(new DOMException('The client closed the connection', 'AbortError'));
    });
    simulator.handler(toRequest(req, origin, controller.signal)).then(
      (response) => writeResponse(res, response),
      (error: unknown) => {
        if (isConnectionDropped(error) || controller.signal.aborted) {
          // A reset, not a polite FIN: the client sees ECONNRESET with no byte of a response.
          req.socket.resetAndDestroy();
          return;
        }
        res.statusCode = 500;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(JSON.stringify({ error: API_MESSAGES.serverError }));
      },
    ).catch(() => req.socket.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = hostname.includes(':') ? `[${hostname}]` : hostname;
  origin = `http://${host}:${port}`;

  return {
    url: `${origin}${path}`,
    port,
    hostname,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
