import { describe, expect, it } from 'vitest';
import { redactingStream } from '../src/redacting-stream.js';
import { MemoryOutput } from './support/memory-output.js';

describe('redactingStream', () => {
  it('replaces every occurrence of each secret', () => {
    const inner = new MemoryOutput(true);
    const stream = redactingStream(inner, ['s3cret-token', undefined]);
    stream.write('a s3cret-token b s3cret-token\n');
    expect(inner.text).toBe('a [redacted token] b [redacted token]\n');
    expect(stream.isTTY).toBe(true);
  });

  it('ignores secrets too short to be tokens (they would mangle ordinary text)', () => {
    const inner = new MemoryOutput();
    redactingStream(inner, ['a']).write('a banana');
    expect(inner.text).toBe('a banana');
  });
});
