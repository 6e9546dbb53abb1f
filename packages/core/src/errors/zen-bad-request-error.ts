import { ZenError, type ZenErrorOptions } from './zen-error.js';

/** HTTP 400: the API rejected the `data` parameter (missing, nonexistent or malformed day). */
export class ZenBadRequestError extends ZenError {
  override name: string = 'ZenBadRequestError';
  override readonly code: 'ZEN_BAD_REQUEST' = 'ZEN_BAD_REQUEST';

  constructor(problem: string, hint: string, options: ZenErrorOptions = {}) {
    super(problem, hint, { status: 400, ...options });
  }
}
