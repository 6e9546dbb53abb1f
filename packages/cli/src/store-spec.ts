import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from './cli-error.js';

/** Where the rate-limit window and the response cache live, from `--store` or `ZEN_STORE`. */
export type StoreSpec =
  | {
      kind: 'file';
      dir: string;
      /** Set when the value named the folder (`file:<dir>`); otherwise it is the cache dir. */
      setting?: StoreSource;
    }
  | { kind: 'memory' }
  | {
      kind: 'redis';
      /** The URL as given, password included: only ever handed to the Redis client. */
      url: string;
      /** The same URL with its userinfo replaced, for messages. */
      display: string;
    };

/** Which setting a store value came from, so a message names the one to fix. */
export type StoreSource = '--store' | 'ZEN_STORE';

/**
 * Reads a store value: `file:<dir>` (bare `file:`, or no value: the cache dir), `memory:`,
 * `redis://[user:password@]host:port[/db]` or `rediss://…`. A Redis URL may carry a password,
 * so no message repeats the value; at most its scheme.
 */
export function parseStoreSpec(text: string | undefined, source: StoreSource, cacheDir: string): StoreSpec {
  if (text === undefined || text.trim() === '') return { kind: 'file', dir: cacheDir };
  const value = text.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'file':
      return value.length > 'file:'.length ? { kind: 'file', dir: fileStoreDir(value, source, cacheDir), setting: source } : { kind: 'file', dir: cacheDir };
    case 'memory':
      if (value.length > 'memory:'.length) throw new CliError((say) => say.store.memoryTakesNothing(source));
      return { kind: 'memory' };
    case 'redis':
    case 'rediss':
      return redisSpec(value, source);
    case undefined: {
      const example = source === '--store' ? '--store file:/var/lib/zen-leads' : 'ZEN_STORE=file:/var/lib/zen-leads';
      if (/^(file|memory|redis|rediss)$/i.test(value)) {
        throw new CliError((say) => say.store.needsColon(source, value.toLowerCase()));
      }
      throw new CliError((say) => say.store.needsScheme(source, example));
    }
    default:
      // The scheme alone is safe to repeat; the rest may hold a password.
      throw new CliError((say) => say.store.unknownScheme(source, scheme));
  }
}

function fileStoreDir(value: string, source: StoreSource, cacheDir: string): string {
  const rest = value.slice('file:'.length);
  if (rest === '') return cacheDir;
  if (rest.startsWith('//')) {
    try {
      return fileURLToPath(value);
    } catch {
      throw new CliError((say) => say.store.fileUrl(source));
    }
  }
  return resolve(rest);
}

function redisSpec(value: string, source: StoreSource): StoreSpec {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError((say) => say.store.redisUnparsed(source));
  }
  const display = redactedRedisUrl(url);
  if (url.hostname === '') throw new CliError((say) => say.store.redisNoHost(source));
  if (!/^\/?(\d{1,5})?$/.test(url.pathname)) {
    throw new CliError((say) => say.store.redisPath(source));
  }
  return { kind: 'redis', url: value, display };
}

/** `redis://user:secret@host:6379/2` → `redis://***@host:6379/2`: the userinfo never reaches a message. */
export function redactedRedisUrl(url: URL): string {
  const userinfo = url.username !== '' || url.password !== '' ? '***@' : '';
  return `${url.protocol}//${userinfo}${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}

/** The store as a person reads it in a message: never the password. */
export function describeStoreSpec(spec: StoreSpec): string {
  switch (spec.kind) {
    case 'file':
      return `file:${spec.dir}`;
    case 'memory':
      return 'memory:';
    case 'redis':
      return spec.display;
  }
}

/**
 * The password (raw and decoded) of a Redis URL in `--store` or `ZEN_STORE`, for the stderr
 * redactor: a last line of defence should a library's message ever quote it.
 */
export function storeSecretsOf(text: string | undefined): string[] {
  if (text === undefined) return [];
  try {
    const url = new URL(text.trim());
    if ((url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.password === '') return [];
    return [...new Set([url.password, safelyDecoded(url.password)])];
  } catch {
    return [];
  }
}

function safelyDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
