/**
 * A loopback TCP server that speaks just enough HTTP/1.1 to misbehave in the ways real HTTP
 * servers rarely do on purpose: a reset in the middle of the body, headers and then silence, a
 * Content-Length that lies, gzip that is not gzip, and 200s with bodies that are not the totals.
 * Written on `node:net` so that nothing between the test and the socket tidies the bytes up.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net';

/** The misbehaviours, by name. */
export type RawFault =
  | 'reset-mid-body'
  | 'headers-then-silence'
  | 'content-length-too-long'
  | 'content-length-too-short'
  | 'gzip-not-gzip'
  | 'empty-200'
  | 'null-200'
  | 'html-200';

export const RAW_FAULTS: readonly RawFault[] = [
  'reset-mid-body',
  'headers-then-silence',
  'content-length-too-long',
  'content-length-too-short',
  'gzip-not-gzip',
  'empty-200',
  'null-200',
  'html-200',
];

/** A valid-looking totals body, so a cut or a lie about its length is the only thing wrong. */
const TOTALS_BODY = JSON.stringify({
  data: '2025-06-15',
  usuarios: [{ nome: 'Ana Paula Souza', total_lead: '3', origem: [{ codigo: '1', nome: 'Site', quantidade: '3' }] }],
  erros: { com_erro: '0', sem_agrupamento: '0', limite_de_contatos: '0', duplicados: '0' },
});

const LOGIN_PAGE = `<!DOCTYPE html>
<html lang="pt-BR"><head><title>CRM Zen — Entrar</title></head>
<body><form method="post" action="/login"><input name="email"><input type="password" name="senha"></form></body></html>
`;

/** One request as the raw server saw it: the request line and headers, as sent. */
export interface RawRequest {
  fault: RawFault;
  head: string;
  /** When its head had arrived, `Date.now()`. */
  at: number;
}

export interface RawHttpServer {
  /** `http://127.0.0.1:<port>/<fault>/<tag>`: the path picks the fault; the tag keeps URLs apart. */
  urlFor(fault: RawFault, tag?: string): string;
  /** Every request received so far. */
  readonly requests: readonly RawRequest[];
  clearRequests(): void;
  close(): Promise<void>;
}

function head(status: string, headers: Record<string, string | number>): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${status}\r\n${lines.join('\r\n')}\r\n\r\n`;
}

const JSON_TYPE = 'application/json; charset=utf-8';

function misbehave(fault: RawFault, socket: Socket): void {
  const body = Buffer.from(TOTALS_BODY);
  switch (fault) {
    case 'reset-mid-body':
      socket.write(head('200 OK', { 'content-type': JSON_TYPE, 'content-length': body.length }));
      socket.write(body.subarray(0, Math.floor(body.length / 2)), () => {
        // A TCP RST, not a FIN: what a crashed proxy or a dropped NAT entry looks like.
        setTimeout(() => socket.resetAndDestroy(), 20);
      });
      return;
    case 'headers-then-silence':
      // The socket stays open and says nothing more; only the client's timeout can end this.
      socket.write(head('200 OK', { 'content-type': JSON_TYPE, 'content-length': body.length }));
      return;
    case 'content-length-too-long':
      // Promises more bytes than it sends, then closes politely (FIN).
      socket.end(Buffer.concat([Buffer.from(head('200 OK', { 'content-type': JSON_TYPE, 'content-length': body.length + 500, connection: 'close' })), body]));
      return;
    case 'content-length-too-short':
      // Announces half the body, sends all of it: a reader that trusts the header sees half a JSON.
      socket.end(Buffer.concat([Buffer.from(head('200 OK', { 'content-type': JSON_TYPE, 'content-length': Math.floor(body.length / 2), connection: 'close' })), body]));
      return;
    case 'gzip-not-gzip':
      socket.end(Buffer.concat([Buffer.from(head('200 OK', { 'content-type': JSON_TYPE, 'content-encoding': 'gzip', 'content-length': body.length, connection: 'close' })), body]));
      return;
    case 'empty-200':
      socket.end(head('200 OK', { 'content-type': JSON_TYPE, 'content-length': 0, connection: 'close' }));
      return;
    case 'null-200':
      socket.end(`${head('200 OK', { 'content-type': JSON_TYPE, 'content-length': 4, connection: 'close' })}null`);
      return;
    case 'html-200': {
      const page = Buffer.from(LOGIN_PAGE);
      socket.end(Buffer.concat([Buffer.from(head('200 OK', { 'content-type': 'text/html; charset=utf-8', 'content-length': page.length, connection: 'close' })), page]));
      return;
    }
  }
}

/** Starts the server on 127.0.0.1, on a free port. */
export async function startRawHttpServer(): Promise<RawHttpServer> {
  const requests: RawRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let received = '';
    socket.on('data', (chunk) => {
      if (received.includes('\r\n\r\n')) return;
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      const requestHead = received.slice(0, end);
      const path = requestHead.split(' ')[1] ?? '/';
      const fault = path.split('/')[1] as RawFault;
      if (!RAW_FAULTS.includes(fault)) {
        socket.end(head('404 Not Found', { 'content-length': 0, connection: 'close' }));
        return;
      }
      requests.push({ fault, head: requestHead, at: Date.now() });
      misbehave(fault, socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    urlFor: (fault, tag = 'totals') => `http://127.0.0.1:${port}/${fault}/${encodeURIComponent(tag)}`,
    get requests() {
      return requests;
    },
    clearRequests: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
