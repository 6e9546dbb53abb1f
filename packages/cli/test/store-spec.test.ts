import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONNECTION_OPTIONS, resolveConnectionSettings } from '../src/global-options.js';
import { parseCommandLine } from '../src/parse-command-line.js';
import { describeStoreSpec, parseStoreSpec, storeSecretsOf } from '../src/store-spec.js';
import { isCliError } from '../src/cli-error.js';
import { memoryContext } from './support/memory-output.js';

const CACHE_DIR = '/tmp/zen-cache';
const PASSWORD = 'pw-Hx71-qq';

function usageMessageOf(text: string): string {
  try {
    parseStoreSpec(text, '--store', CACHE_DIR);
  } catch (error) {
    expect(isCliError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error(`${text} was accepted`);
}

describe('parseStoreSpec', () => {
  it('defaults to a file store in the cache dir (no value, blank, bare file:)', () => {
    for (const text of [undefined, '', '  ', 'file:']) {
      expect(parseStoreSpec(text, 'ZEN_STORE', CACHE_DIR)).toEqual({ kind: 'file', dir: CACHE_DIR });
    }
  });

  it('reads file:<dir> (absolute, relative to the working folder, or a file:// URL)', () => {
    expect(parseStoreSpec('file:/var/lib/zen', '--store', CACHE_DIR)).toEqual({ kind: 'file', dir: '/var/lib/zen', setting: '--store' });
    expect(parseStoreSpec('file:state', 'ZEN_STORE', CACHE_DIR)).toEqual({ kind: 'file', dir: resolve('state'), setting: 'ZEN_STORE' });
    expect(parseStoreSpec('file:///var/lib/zen', '--store', CACHE_DIR)).toEqual({ kind: 'file', dir: '/var/lib/zen', setting: '--store' });
  });

  it('reads memory:', () => {
    expect(parseStoreSpec('memory:', '--store', CACHE_DIR)).toEqual({ kind: 'memory' });
  });

  it('reads redis:// and rediss:// with host, port, database and credentials, and shows them without the userinfo', () => {
    const plain = parseStoreSpec('redis://127.0.0.1:6379', '--store', CACHE_DIR);
    expect(plain).toEqual({ kind: 'redis', url: 'redis://127.0.0.1:6379', display: 'redis://127.0.0.1:6379' });
    const full = parseStoreSpec(`rediss://zen:${PASSWORD}@redis.internal:6380/2`, '--store', CACHE_DIR);
    expect(full).toEqual({ kind: 'redis', url: `rediss://zen:${PASSWORD}@redis.internal:6380/2`, display: 'rediss://***@redis.internal:6380/2' });
    expect(describeStoreSpec(full)).toBe('rediss://***@redis.internal:6380/2');
    expect(describeStoreSpec(parseStoreSpec(`redis://:${PASSWORD}@h:1/0`, '--store', CACHE_DIR))).toBe('redis://***@h:1/0');
  });

  it.each([
    ['a bare word', 'memory', /needs the colon: memory:/],
    ['a bare folder', '/var/lib/zen', /needs a scheme: file:<dir>, memory: or redis:\/\/host:port\[\/db\].*file:\/var\/lib\/zen-leads/],
    ['an unknown scheme', `postgres://u:${PASSWORD}@h/1`, /does not know the scheme "postgres:"; use file:<dir>, memory: or redis:\/\//],
    ['memory: with more after it', 'memory:big', /write just memory:/],
    ['a Redis URL with a path', `redis://u:${PASSWORD}@h:1/zen`, /only a database number, e\.g\. redis:\/\/127\.0\.0\.1:6379\/0/],
    ['a Redis URL with a bad port', `redis://u:${PASSWORD}@h:99999/0`, /does not parse; expected redis:\/\/\[user:password@\]host:port\[\/db\]/],
    ['a remote file:// URL', 'file://fileserver/share', /must name a local folder/],
  ])('refuses %s with a message naming the fix and never the password', (_, text, message) => {
    const text_ = usageMessageOf(text);
    expect(text_).toMatch(message);
    expect(text_).toMatch(/^--store/);
    expect(text_).not.toContain(PASSWORD);
  });

  it('names the setting the value came from', () => {
    expect(() => parseStoreSpec('nope', 'ZEN_STORE', CACHE_DIR)).toThrow(/^ZEN_STORE needs a scheme.*ZEN_STORE=file:/);
  });
});

describe('the store in the connection settings', () => {
  const ENV = { ZEN_URL: 'https://crm.example/api', ZEN_TOKEN: 'env-token', ZEN_CACHE_DIR: CACHE_DIR };
  const settingsFor = (args: string[], env: Record<string, string | undefined>) =>
    resolveConnectionSettings(parseCommandLine('totals', args, CONNECTION_OPTIONS, 1).values, memoryContext(env));

  it('is a file store in --cache-dir by default', () => {
    expect(settingsFor(['--cache-dir', '/var/zen'], ENV).store).toEqual({ kind: 'file', dir: '/var/zen' });
  });

  it('comes from ZEN_STORE, and --store wins over it', () => {
    expect(settingsFor([], { ...ENV, ZEN_STORE: 'memory:' }).store).toEqual({ kind: 'memory' });
    expect(settingsFor(['--store', 'file:/srv/zen'], { ...ENV, ZEN_STORE: 'memory:' }).store).toEqual({ kind: 'file', dir: '/srv/zen', setting: '--store' });
  });
});

describe('storeSecretsOf', () => {
  it('gives a Redis URL password, raw and decoded, for the stderr redactor', () => {
    expect(storeSecretsOf('redis://u:p%40ss-word@h:1/0')).toEqual(['p%40ss-word', 'p@ss-word']);
    expect(storeSecretsOf(`rediss://:${PASSWORD}@h`)).toEqual([PASSWORD]);
  });

  it('gives nothing for other stores or no password', () => {
    for (const text of [undefined, 'memory:', 'file:/x', 'redis://h:1', 'not a url']) expect(storeSecretsOf(text)).toEqual([]);
  });
});
