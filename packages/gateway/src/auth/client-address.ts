/**
 * What a host passes along with a request about its connection, in any of the shapes the
 * runtimes use: `{ remoteAddress }` (`serveGateway` on Node), Deno's `ServeHandlerInfo`
 * (`Deno.serve(gateway)`), Bun's `Server` (`Bun.serve({ fetch: gateway })`).
 */
export type GatewayConnection =
  | { remoteAddress?: string }
  | { remoteAddr?: { hostname?: string } }
  | { requestIP?: (request: Request) => { address?: string } | null | undefined };

/** Requests whose address cannot be known share this one. */
export const UNKNOWN_ADDRESS = 'unknown';

/**
 * The client's address: the connection's peer, or with `trustProxy` the last address in
 * `X-Forwarded-For`, the one the proxy in front of the gateway added (the ones before it are
 * whatever the client wrote). Written by hand rather than with Hono's `getConnInfo`, which is one
 * helper per runtime reading Hono's bindings, where this gateway keeps its own parts.
 */
export function clientAddressOf(request: Request, connection: unknown, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  return peerAddress(request, connection) ?? UNKNOWN_ADDRESS;
}

function peerAddress(request: Request, connection: unknown): string | undefined {
  if (typeof connection !== 'object' || connection === null) return undefined;
  const host = connection as { remoteAddress?: unknown; remoteAddr?: { hostname?: unknown }; requestIP?: unknown };
  if (typeof host.remoteAddress === 'string') return host.remoteAddress;
  if (typeof host.remoteAddr?.hostname === 'string') return host.remoteAddr.hostname;
  if (typeof host.requestIP === 'function') {
    const address = (host.requestIP as (request: Request) => { address?: unknown } | null | undefined).call(connection, request)?.address;
    if (typeof address === 'string') return address;
  }
  return undefined;
}
