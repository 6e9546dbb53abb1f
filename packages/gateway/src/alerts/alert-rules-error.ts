/**
 * A rules file that cannot be used: which file, which line, which field, and how to fix it. The
 * CLI maps it to exit 2; the gateway refuses to start with it.
 */
import { ZenError, isZenError } from '@zen-leads/core';

export class AlertRulesError extends ZenError {
  override name: string = 'AlertRulesError';
  override readonly code: 'ZEN_ALERT_RULES' = 'ZEN_ALERT_RULES';
  constructor(
    /** The file, as the caller named it. */
    readonly path: string,
    /** 1-based line the problem is on (1 when the file could not be read at all). */
    readonly line: number,
    /** The field at fault as a path into the file, e.g. `rules[0].minutes`; `''` for the file as a whole. */
    readonly field: string,
    problem: string,
    hint: string,
    cause?: unknown,
  ) {
    super(`${path}, line ${line}${field === '' ? '' : `, ${field}`}: ${problem}`, hint, cause === undefined ? {} : { cause });
  }

  protected override details(): Record<string, unknown> {
    return { path: this.path, line: this.line, field: this.field };
  }
}

/** True for an `AlertRulesError`, even from another copy of this package. */
export function isAlertRulesError(value: unknown): value is AlertRulesError {
  return isZenError(value) && value.code === 'ZEN_ALERT_RULES';
}
