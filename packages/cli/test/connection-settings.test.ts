import { describe, expect, it } from 'vitest';
import { CONNECTION_OPTIONS, windowIntervalMs, resolveConnectionSettings } from '../src/global-options.js';
import { parseCommandLine } from '../src/parse-command-line.js';
import { memoryContext } from './support/memory-output.js';

const ENV = { ZEN_URL: 'https://crm.example/api', ZEN_TOKEN: 'env-token', ZEN_CACHE_DIR: '/tmp/zen' };

function settingsFor(args: string[], env: Record<string, string | undefined> = ENV) {
  const context = memoryContext(env);
  const { values } = parseCommandLine('totals', args, CONNECTION_OPTIONS, 1);
  return { settings: resolveConnectionSettings(values, context), stderr: context.stderr.text };
}

describe('resolveConnectionSettings', () => {
  it('reads the env and the documented defaults', () => {
    const { settings, stderr } = settingsFor([]);
    expect(settings).toEqual({
      url: 'https://crm.example/api',
      token: 'env-token',
      onRateLimit: 'wait',
      maxWaitMs: 600_000,
      minIntervalMs: 300_000,
      timeoutMs: undefined,
      cacheDir: '/tmp/zen',
      cacheDirSetting: 'ZEN_CACHE_DIR',
      allowInsecureHttp: false,
      store: { kind: 'file', dir: '/tmp/zen' },
      cache: true,
    });
    expect(stderr).toBe('');
  });

  it('lets flags win over the env', () => {
    const { settings } = settingsFor([
      '--url=https://other.example/x',
      '--cache-dir',
      '/var/zen',
      '--no-cache',
      '--on-rate-limit',
      'fail',
      '--max-wait',
      '30s',
      '--min-interval',
      '1500ms',
      '--timeout',
      '5s',
    ]);
    expect(settings).toMatchObject({
      url: 'https://other.example/x',
      cacheDir: '/var/zen',
      cache: false,
      onRateLimit: 'fail',
      maxWaitMs: 30_000,
      minIntervalMs: 1_500,
      timeoutMs: 5_000,
    });
  });

  it('keeps a safety margin over the API window in the pace it keeps', () => {
    expect(windowIntervalMs({ minIntervalMs: 300_000 })).toBe(301_000);
  });

  it('warns, without echoing it, when the token comes from the command line', () => {
    const { settings, stderr } = settingsFor(['--token', 'flag-token-123']);
    expect(settings.token).toBe('flag-token-123');
    expect(stderr).toContain('shell history');
    expect(stderr).toContain('ZEN_TOKEN');
    expect(stderr).not.toContain('flag-token-123');
  });

  it('treats empty env vars as unset', () => {
    expect(() => settingsFor([], { ...ENV, ZEN_URL: '  ' })).toThrow('no API URL');
    expect(() => settingsFor([], { ...ENV, ZEN_TOKEN: '' })).toThrow('no token');
  });

  it('refuses a zero timeout or interval', () => {
    expect(() => settingsFor(['--timeout', '0'])).toThrow('--timeout must be more than 0');
    expect(() => settingsFor(['--min-interval', '0'])).toThrow('--min-interval must be more than 0');
  });
});
