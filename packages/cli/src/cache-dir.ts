import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where a user's cache lives on each platform, by that platform's own convention. */
export function userCacheRoot(env: Readonly<Record<string, string | undefined>>, platform: string, home: string): string {
  if (platform === 'win32') return env.LOCALAPPDATA || join(home, 'AppData', 'Local');
  if (platform === 'darwin') return join(home, 'Library', 'Caches');
  return env.XDG_CACHE_HOME || join(home, '.cache');
}

/**
 * The folder for the window state and the response cache: `ZEN_CACHE_DIR`, else the user's cache
 * folder + `/zen-leads`. It holds across runs, which is what lets a second run for a past day
 * send nothing and a run inside the window know it must wait.
 */
export function defaultCacheDir(
  env: Readonly<Record<string, string | undefined>>,
  platform: string = process.platform,
  home: () => string = homedir,
): string {
  if (env.ZEN_CACHE_DIR) return env.ZEN_CACHE_DIR;
  // HOME (or USERPROFILE) first: Deno asks for an extra permission to call os.homedir().
  return join(userCacheRoot(env, platform, env.HOME || env.USERPROFILE || home()), 'zen-leads');
}
