import { describe, expect, it } from 'vitest';
import { defaultCacheDir } from '../src/cache-dir.js';

describe('defaultCacheDir', () => {
  const home = (): string => '/home/ana';

  it('prefers ZEN_CACHE_DIR', () => {
    expect(defaultCacheDir({ ZEN_CACHE_DIR: '/srv/zen', XDG_CACHE_HOME: '/x' }, 'linux', home)).toBe('/srv/zen');
  });

  it('uses XDG_CACHE_HOME, else ~/.cache, on Linux', () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/var/cache/ana' }, 'linux', home)).toBe('/var/cache/ana/zen-leads');
    expect(defaultCacheDir({}, 'linux', home)).toBe('/home/ana/.cache/zen-leads');
  });

  it('reads HOME before asking the OS (Deno needs no extra permission then)', () => {
    expect(defaultCacheDir({ HOME: '/home/bia' }, 'linux', () => {
      throw new Error('os.homedir() should not be called');
    })).toBe('/home/bia/.cache/zen-leads');
  });

  it('uses ~/Library/Caches on macOS', () => {
    expect(defaultCacheDir({}, 'darwin', () => '/Users/ana')).toBe('/Users/ana/Library/Caches/zen-leads');
  });

  it('uses LOCALAPPDATA on Windows', () => {
    expect(defaultCacheDir({ LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, 'win32', home)).toMatch(/^C:\\Users\\ana\\AppData\\Local[\\/]zen-leads$/);
  });

  it('ignores an empty ZEN_CACHE_DIR', () => {
    expect(defaultCacheDir({ ZEN_CACHE_DIR: '' }, 'linux', home)).toBe('/home/ana/.cache/zen-leads');
  });
});
