/** One GET as the client asks for it. Headers hold the token: a transport never logs or keeps them. */
export interface TransportRequest {
  url: string;
  headers: Record<string, string>;
  /** For the whole exchange, body included. */
  timeoutMs: number;
  /**
   * The largest body accepted, in bytes: past it the transport stops reading and throws
   * `ZenResponseError` with reason `too-large` (a runaway answer must not fill the memory).
   */
  maxBodyBytes: number;
  signal?: AbortSignal;
}

/** The parts of an HTTP response the client reads. */
export interface TransportResponse {
  status: number;
  headers: { get(name: string): string | null };
  /** The body as text, decoded as UTF-8. */
  body: string;
}

/**
 * Sends one request. Throws `ZenNetworkError` (reason `timeout`, `connection` or `unreachable`)
 * when no complete response arrives, or the signal's reason when the caller aborted. The default
 * is ofetch; n8n brings `httpRequestWithAuthentication`.
 */
export type ZenTransport = (request: TransportRequest) => Promise<TransportResponse>;
