/**
 * Node's file-system errors (`ENOSPC`, `EACCES`, …) in plain words. Their own `message` names
 * whatever path the call used — a temporary file, say — so messages are built from `code` and
 * the path we meant instead.
 */

const WORDS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'it already exists',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  EBADF: 'not open for writing',
  EPIPE: 'the reading end of the pipe was closed',
};

// The disk or device failed mid-write: not something a different argument fixes.
const DEVICE_FAILURES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'EIO']);

/** An error from `node:fs` or a stream: an `Error` with an `E…` code. */
export function isSystemError(value: unknown): value is NodeJS.ErrnoException & { code: string } {
  return value instanceof Error && 'code' in value && typeof value.code === 'string' && /^E[A-Z0-9]+$/.test(value.code);
}

/** "no space left on the device (ENOSPC)". */
export function reasonOf(error: { code: string }): string {
  const words = WORDS[error.code];
  return words ? `${words} (${error.code})` : error.code;
}

/** True when the device failed (full, quota, I/O), as opposed to a path that cannot be used. */
export function isDeviceFailure(error: { code: string }): boolean {
  return DEVICE_FAILURES.has(error.code);
}
