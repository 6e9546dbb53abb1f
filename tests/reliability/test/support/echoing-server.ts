/**
 * A loopback HTTP server that behaves like a careless or compromised endpoint: it copies the
 * `token` header it received into its answers — the API's `{"error": …}` messages, HTML error
 * pages, and fields of a 200 body. Whatever our code does with an answer, the token it sent must
 * not come back out of it into a message, a log or a file.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The answers, by path. Each echoes the request's token somewhere. */
export const ECHO_ROUTES = [
  'error-400',
  'error-401',
  'error-405',
  'error-429',
  'error-500',
  'html-502',
  'status-418',
  'html-200',
  'json-200-token-as-day',
  'json-200-token-as-count',
] as const;

export type EchoRoute = (typeof ECHO_ROUTES)[number];

function answer(route: EchoRoute, token: string, res: ServerResponse): void {
  const json = (status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-echo-token': token, date: new Date().toUTCString() });
    res.end(JSON.stringify(body));
  };
  const html = (status: number, body: string): void => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body);
  };
  switch (route) {
    case 'error-400':
      return json(400, { error: `Data inexistente ou em formato inválido (token ${token})` });
    case 'error-401':
      return json(401, { error: `Token inválido: ${token}` });
    case 'error-405':
      return json(405, { error: `O método utilizado não é permitido para este recurso (${token})` });
    case 'error-429':
      return json(429, {
        error: `Você excedeu o número de requisições. Sua última requisição foi em "2025-06-15 10:00:00". Sua próxima requisição estará disponível em "2025-06-15 10:05:00" [${token}]`,
      });
    case 'error-500':
      return json(500, { error: `Ocorreu um erro interno do servidor. token=${token}` });
    case 'html-502':
      return html(502, `<html><body><h1>502</h1><p>upstream token: ${token}</p></body></html>`);
    case 'status-418':
      return html(418, `<p>${token}</p>`);
    case 'html-200':
      return html(200, `<!DOCTYPE html><title>Debug</title><pre>token: ${token}</pre>`);
    case 'json-200-token-as-day':
      return json(200, { data: token, usuarios: [], erros: [] });
    case 'json-200-token-as-count':
      return json(200, { data: '2025-06-15', usuarios: [{ nome: 'Ana', total_lead: token }], erros: [] });
  }
}

export interface EchoingServer {
  urlFor(route: EchoRoute): string;
  close(): Promise<void>;
}

export async function startEchoingServer(): Promise<EchoingServer> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const route = (req.url ?? '/').split('?')[0]?.split('/')[1] as EchoRoute;
    const token = String(req.headers.token ?? '');
    if (!ECHO_ROUTES.includes(route)) {
      res.writeHead(404).end();
      return;
    }
    answer(route, token, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    urlFor: (route) => `http://127.0.0.1:${port}/${route}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
