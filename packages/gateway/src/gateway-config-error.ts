const GATEWAY_CONFIG_ERROR_BRAND: unique symbol = Symbol.for('zen-leads.gateway.config-error') as never;

/** The `createGateway` option a configuration error is about. */
export type GatewayConfigField = 'options' | 'clientKeys' | 'fillFrom' | 'history' | 'minIntervalMs' | 'clientRateLimit' | 'corsOrigins' | 'maxQueuedDaysPerKey' | 'maxQueuedDays';

/** What is wrong with it. */
export type GatewayConfigReason = 'missing' | 'type' | 'format' | 'too-short' | 'too-long' | 'characters' | 'future' | 'range';

/**
 * A `createGateway` option that cannot work, caught before anything is served or sent. `problem`
 * says what is wrong (never a key's value), `hint` how to fix it in the options; a host such as
 * the CLI words its own hint from `field`, `reason` and `index`.
 */
export class GatewayConfigError extends Error {
  override name: string = 'GatewayConfigError';
  readonly code: string = 'ZEN_GATEWAY_CONFIG';
  readonly field: GatewayConfigField;
  readonly reason: GatewayConfigReason;
  /** For `clientKeys`: the 0-based position of the entry at fault. */
  readonly index: number | undefined;
  readonly problem: string;
  readonly hint: string;

  constructor(field: GatewayConfigField, reason: GatewayConfigReason, problem: string, hint: string, index?: number) {
    super(`${problem} ${hint}`);
    this.field = field;
    this.reason = reason;
    this.problem = problem;
    this.hint = hint;
    this.index = index;
    Object.defineProperty(this, GATEWAY_CONFIG_ERROR_BRAND, { value: true });
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, field: this.field, reason: this.reason, index: this.index, problem: this.problem, hint: this.hint, message: this.message };
  }
}

/** True for a `GatewayConfigError`, even from another copy of this package. */
export function isGatewayConfigError(value: unknown): value is GatewayConfigError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[GATEWAY_CONFIG_ERROR_BRAND] === true;
}
