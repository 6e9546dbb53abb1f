import { ZenError } from './zen-error.js';

/** HTTP 5xx after the retries ran out. */
export class ZenServerError extends ZenError {
  override name: string = 'ZenServerError';
  override readonly code: 'ZEN_SERVER' = 'ZEN_SERVER';
}
