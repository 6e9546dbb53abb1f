import { ZenError } from './zen-error.js';

/** Which input was wrong. */
export type ZenInputField = 'date' | 'url' | 'token' | 'options' | (string & {});

/**
 * Bad input caught before any request: nothing was sent, no rate-limit window was spent.
 * The message names the field and how to fix it.
 */
export class ZenInputError extends ZenError {
  override name: string = 'ZenInputError';
  override readonly code: string = 'ZEN_INPUT';
  readonly field: ZenInputField;

  constructor(field: ZenInputField, message: string) {
    super(message);
    this.field = field;
  }

  protected override details(): Record<string, unknown> {
    return { field: this.field };
  }
}
