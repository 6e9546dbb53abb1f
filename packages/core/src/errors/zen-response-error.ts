import { ZenError, type ZenErrorOptions } from './zen-error.js';

/** Where a response went wrong. */
export interface ZenResponseErrorOptions extends ZenErrorOptions {
  /** The payload path that broke the shape, e.g. `usuarios[3].origem[0].quantidade`. */
  path?: string;
  /** The first characters of a body that was not JSON (an HTML error page, say). */
  excerpt?: string;
  /** `too-large`: the body passed the size cap (`maxBodyBytes`) and was not read to the end. */
  reason?: ZenResponseReason;
}

/** What kind of response problem, where it is not just a shape or a status. */
export type ZenResponseReason = 'too-large';

/** The API answered, but not with what the spec describes: not JSON, not the totals shape, or an undocumented status. */
export class ZenResponseError extends ZenError {
  override name: string = 'ZenResponseError';
  override readonly code: 'ZEN_RESPONSE' = 'ZEN_RESPONSE';
  readonly path: string | undefined;
  readonly excerpt: string | undefined;
  readonly reason: ZenResponseReason | undefined;

  constructor(problem: string, hint: string, options: ZenResponseErrorOptions = {}) {
    super(problem, hint, options);
    this.path = options.path;
    this.excerpt = options.excerpt;
    this.reason = options.reason;
  }

  protected override details(): Record<string, unknown> {
    return { path: this.path, excerpt: this.excerpt, reason: this.reason };
  }
}
