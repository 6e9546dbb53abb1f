import { ZenError, type ZenErrorOptions } from './zen-error.js';

/** HTTP 405: the endpoint only answers GET. Seen when the URL points at the wrong resource. */
export class ZenMethodError extends ZenError {
  override name: string = 'ZenMethodError';
  override readonly code: 'ZEN_METHOD' = 'ZEN_METHOD';

  constructor(problem: string, hint: string, options: ZenErrorOptions = {}) {
    super(problem, hint, { status: 405, ...options });
  }
}
