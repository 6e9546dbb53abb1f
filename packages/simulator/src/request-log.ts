import type { FaultKind } from './fault-modes.js';

/** One request as the simulator saw it. Never holds the token: only its SHA-256. */
export interface RequestLogEntry {
  /** When the request arrived, ms since the epoch, by the simulator's clock. */
  at: number;
  method: string;
  /** The URL path, without the query. */
  path: string;
  /** The `data` query parameter as sent, or undefined when absent. */
  date: string | undefined;
  /** SHA-256 hex of the `token` header, or undefined when none was sent. */
  tokenHash: string | undefined;
  /** The HTTP status answered; 0 when no response was sent (dropped, or the client gave up). */
  status: number;
  /** The fault this request was under, if any. */
  fault?: FaultKind;
  /** True when the client aborted while the request was held (`slow`). */
  aborted?: true;
}
