import { ZenError, type ZenErrorOptions } from './zen-error.js';

/** Why the API refused the token, read from its message. */
export type ZenAuthReason = 'missing' | 'invalid' | 'disabled' | 'unauthorized' | 'unknown';

/** HTTP 401: the token is missing, invalid, disabled, or not allowed this resource. */
export class ZenAuthError extends ZenError {
  override name: string = 'ZenAuthError';
  override readonly code: string = 'ZEN_AUTH';
  readonly reason: ZenAuthReason;

  constructor(message: string, reason: ZenAuthReason, options: ZenErrorOptions = {}) {
    super(message, { status: 401, ...options });
    this.reason = reason;
  }

  protected override details(): Record<string, unknown> {
    return { reason: this.reason };
  }
}

/** Reads the reason out of the API's Portuguese 401 messages. */
export function authReasonOf(apiMessage: string | undefined): ZenAuthReason {
  const text = (apiMessage ?? '').toLowerCase();
  if (text.includes('não informado') || text.includes('nao informado')) return 'missing';
  if (text.includes('desabilitado')) return 'disabled';
  if (text.includes('inválido') || text.includes('invalido')) return 'invalid';
  if (text.includes('não autorizado') || text.includes('nao autorizado')) return 'unauthorized';
  return 'unknown';
}
