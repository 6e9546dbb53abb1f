const CACHE_FOLDER_ERROR_BRAND: unique symbol = Symbol.for('zen-leads.cli.cache-folder-error') as never;

/** Which setting named the folder, so the message says which one to change. */
export type CacheFolderSetting = '--cache-dir' | 'ZEN_CACHE_DIR' | 'default' | '--store' | 'ZEN_STORE';

/**
 * The folder of the file store (guard state and cache) cannot be created or written: a cron
 * account without a home, a dangling symlink, a read-only or virtual file system. Found before
 * anything is sent; exits 2.
 */
export class CacheFolderError extends Error {
  override name: string = 'CacheFolderError';
  readonly dir: string;
  readonly setting: CacheFolderSetting;

  /** `problem`: what is in the way, in words (see `folderProblem`). */
  constructor(dir: string, problem: string, setting: CacheFolderSetting) {
    super(`cannot use the cache folder ${dir}: ${problem}.`);
    this.dir = dir;
    this.setting = setting;
    Object.defineProperty(this, CACHE_FOLDER_ERROR_BRAND, { value: true });
  }
}

export function isCacheFolderError(value: unknown): value is CacheFolderError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[CACHE_FOLDER_ERROR_BRAND] === true;
}
