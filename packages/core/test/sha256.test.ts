import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/sha256.js';

describe('sha256Hex', () => {
  it('matches the known digest of the empty string and "abc"', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('agrees with node:crypto on every length around the block boundaries and on non-ASCII text', () => {
    const samples = ['São Paulo — Indicação 😀', 'token\nhttps://crm.example/api'];
    for (let length = 0; length < 200; length++) samples.push('x'.repeat(length));
    for (const text of samples) {
      expect(sha256Hex(text), `length ${text.length}`).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });
});
