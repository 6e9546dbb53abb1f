/**
 * What the handler rejects with under the `drop-connection` fault: a `TypeError`, as `fetch`
 * rejects when a connection dies, so an in-process client sees what a networked one would.
 * Servers turn it into a destroyed socket (the Node adapter does; see `serverErrorFallback`).
 */
export class ConnectionDroppedError extends TypeError {
  /** A brand that survives two copies of this module, where `instanceof` would not. */
  readonly simulatedConnectionDrop: true = true;
  constructor() {
    super('fetch failed', { cause: new Error('simulated: the server closed the connection without a response') });
    this.name = 'TypeError';
  }
}

/** True for a `ConnectionDroppedError`, across copies of this module. */
export function isConnectionDropped(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { simulatedConnectionDrop?: unknown }).simulatedConnectionDrop === true
  );
}
