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

  it('replaces a token of 8 characters or more even inside other text', () => {
    const inner = new MemoryOutput();
    redactingStream(inner, ['abcd1234']).write('url=https://x/?t=abcd1234&y xabcd1234x');
    expect(inner.text).toBe('url=https://x/?t=[redacted token]&y x[redacted token]x');
  });

  it('replaces a shorter token only where it stands as itself, never inside a word', () => {
    const inner = new MemoryOutput();
    redactingStream(inner, ['lead']).write('zen-leads: token: lead; "lead"; token=lead\n/api/totais_lead leader misleading\n');
    expect(inner.text).toBe('zen-leads: token: [redacted token]; "[redacted token]"; token=[redacted token]\n/api/totais_lead leader misleading\n');
  });

  it('treats characters of a short token literally', () => {
    const inner = new MemoryOutput();
    redactingStream(inner, ['a.b+']).write('a.b+ axb+ a.b+c');
    expect(inner.text).toBe('[redacted token] axb+ a.b+c');
  });

  it('ignores secrets too short to be tokens (they would mangle ordinary text)', () => {
    const inner = new MemoryOutput();
    redactingStream(inner, ['a']).write('a banana');
    expect(inner.text).toBe('a banana');
  });

  it('passes the terminal width and resize events through', () => {
    const listeners: (() => void)[] = [];
    const inner = Object.assign(new MemoryOutput(true, 72), { on: (_: 'resize', listener: () => void) => listeners.push(listener), off: () => undefined });
    const stream = redactingStream(inner, []);
    let resized = 0;
    stream.on?.('resize', () => resized++);
    listeners.forEach((listener) => listener());
    expect({ columns: stream.columns, resized }).toEqual({ columns: 72, resized: 1 });
  });
});
