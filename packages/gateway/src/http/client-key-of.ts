/**
 * The client key a request presents: the API's own `token` header, or `Authorization: Bearer`;
 * with `allowQuery`, also `?key=` (CSV links for tools that cannot send headers — a key in a URL
 * lands in browser histories and proxy logs, so it is the lower-trust way, kept to CSV).
 */
export function clientKeyOf(request: Request, allowQuery: boolean): string | undefined {
  const token = request.headers.get('token')?.trim();
  if (token) return token;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (bearer) return bearer;
  if (!allowQuery) return undefined;
  const key = new URL(request.url).searchParams.get('key')?.trim();
  return key ? key : undefined;
}
