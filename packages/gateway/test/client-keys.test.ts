import { createHash } from 'node:crypto';
import { ZenError, zenErrorOf } from '@zen-leads/core';
import { describe, expect, it } from 'vitest';
import { ClientKeyring } from '../src/auth/client-keys.js';
import { GatewayConfigError, clientKeyDigestLine, createGateway, isGatewayConfigError, parseClientKeysFile, parseClientKeysList } from '../src/index.js';

const KEY = 'client-key-charlie-5e4d3c2b1a09';
const sha256Line = (key: string): string => `sha256:${createHash('sha256').update(key).digest('hex')}`;

describe('client keys', () => {
  it('a keys file gives one entry per line with its line number, skipping blanks and # comments, CRLF or LF', () => {
    const text = `# the gateway's keys\r\n\r\n  ${KEY}  \r\n# the BI tool:\n${sha256Line('another-key-0123456789')}\n`;
    expect(parseClientKeysFile(text)).toEqual([
      { entry: KEY, line: 3 },
      { entry: sha256Line('another-key-0123456789'), line: 5 },
    ]);
  });

  it('ZEN_GATEWAY_KEYS is a comma-separated list', () => {
    expect(parseClientKeysList(` ${KEY}, ,second-key-0123456789 `)).toEqual([KEY, 'second-key-0123456789']);
  });

  it('a plain key and its sha256: line identify the same client, and the id is a hash prefix, not the key', async () => {
    const plain = new ClientKeyring([KEY]);
    const hashed = new ClientKeyring([sha256Line(KEY).toUpperCase().replace('SHA256:', 'sha256:')]);
    const id = await plain.identify(KEY);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(await hashed.identify(KEY)).toBe(id);
    expect(id).not.toContain(KEY.slice(0, 8));
    expect(await clientKeyDigestLine(KEY)).toBe(sha256Line(KEY));
  });

  it('anything but the exact key is refused: a prefix, an extension, another case, the digest line itself', async () => {
    const keyring = new ClientKeyring([KEY, sha256Line('second-key-0123456789')]);
    for (const wrong of [KEY.slice(0, -1), `${KEY}0`, KEY.toUpperCase(), sha256Line('second-key-0123456789'), '', ' '.repeat(20)]) {
      expect(await keyring.identify(wrong)).toBeUndefined();
    }
    expect(await keyring.identify('second-key-0123456789')).toMatch(/^[0-9a-f]{16}$/);
  });

  it.each([
    ['a 6-character key', 'Kq7#zW', 'too-short'],
    ['a key with a space', 'Kq7#zW Lp9@xY Mn3!', 'characters'],
    ['a sha256: line without 64 hex digits', 'sha256:abc', 'format'],
    ['a 600-character key', 'x'.repeat(600), 'too-long'],
  ])('%s is refused before the gateway starts, and the message never repeats it', (_name, entry, reason) => {
    let caught: unknown;
    try {
      new ClientKeyring([KEY, entry]);
    } catch (error) {
      caught = error;
    }
    expect(isGatewayConfigError(caught)).toBe(true);
    const error = caught as GatewayConfigError;
    expect({ field: error.field, reason: error.reason, index: error.index }).toEqual({ field: 'clientKeys', reason, index: 1 });
    expect(error.message).toContain('Client key #2');
    expect(error.message).not.toContain(entry);
    // On the core's base: a host maps it through its one table of codes.
    expect(error).toBeInstanceOf(ZenError);
    expect(zenErrorOf(error)?.code).toBe('ZEN_GATEWAY_CONFIG');
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: 'GatewayConfigError', code: 'ZEN_GATEWAY_CONFIG', field: 'clientKeys', reason, index: 1 });
  });

  it('createGateway without a client key refuses to start', () => {
    expect(() => createGateway({ url: 'http://127.0.0.1:9/api', token: 'upstream-token-x', clientKeys: [] })).toThrow(
      expect.objectContaining({ field: 'clientKeys', reason: 'missing' }),
    );
  });
});
