import { dirname } from 'node:path';
import { isDeviceFailure, reasonOf } from './file-system-error.js';

const OUTPUT_ERROR_BRAND: unique symbol = Symbol.for('zen-leads.cli.output-error') as never;

/** Where the output was going: stdout, or a file the user named with an option. */
export type OutputTarget = { kind: 'stdout' } | { kind: 'file'; path: string; what: string; option: string };

/**
 * Writing what the user asked for failed. A file that cannot be created where they pointed it
 * (missing folder, no permission) exits 2 like any bad argument; a device that fails mid-write
 * (full disk, I/O error), or stdout failing, exits 7.
 */
export class OutputError extends Error {
  override name: string = 'OutputError';
  readonly target: OutputTarget;
  readonly code: string;
  /** True when the disk or device failed rather than the path. */
  readonly deviceFailure: boolean;

  constructor(target: OutputTarget, cause: Error & { code: string }) {
    super(`${target.kind === 'stdout' ? 'could not write the output' : `cannot write ${target.what} to ${target.path}`}: ${reasonIn(target, cause)}.`, { cause });
    this.target = target;
    this.code = cause.code;
    this.deviceFailure = target.kind === 'stdout' || isDeviceFailure(cause);
    Object.defineProperty(this, OUTPUT_ERROR_BRAND, { value: true });
  }
}

export function isOutputError(value: unknown): value is OutputError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[OUTPUT_ERROR_BRAND] === true;
}

/** Names the folder the user chose, never a temporary file's name. */
function reasonIn(target: OutputTarget, cause: { code: string }): string {
  if (target.kind === 'stdout') return reasonOf(cause);
  const folder = dirname(target.path);
  switch (cause.code) {
    case 'ENOENT':
      return `the folder ${folder} does not exist`;
    case 'ENOTDIR':
      return `a part of ${folder} is not a folder`;
    case 'EISDIR':
      return `${target.path} is a folder`;
    case 'EACCES':
    case 'EPERM':
      return `no permission to write in ${folder} (${cause.code})`;
    default:
      return reasonOf(cause);
  }
}
