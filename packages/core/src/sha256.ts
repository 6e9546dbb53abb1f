/**
 * SHA-256 of a text as hex, from the platform's WebCrypto (Node ≥ 20, Bun, Deno). Alone in its
 * file so that a bundle for a host without the global (n8n's) can swap in `node:crypto`.
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
