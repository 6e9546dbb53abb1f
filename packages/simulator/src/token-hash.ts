/**
 * The SHA-256 of a token as lowercase hex: how the request log names a token, so a log can be
 * printed, snapshotted or compared (`sha256Hex(token)` in core gives the same) without ever
 * holding the token itself. Web Crypto is global on Node ≥20, Bun and Deno.
 */
export async function tokenHash(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
