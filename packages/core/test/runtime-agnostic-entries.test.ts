import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '../src');

/** Every module an entry reaches through relative imports, with the bare specifiers it names. */
async function moduleGraph(entry: string): Promise<{ files: Map<string, string>; bare: Set<string> }> {
  const files = new Map<string, string>();
  const bare = new Set<string>();
  const queue = [join(SRC, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    const text = await readFile(file, 'utf8');
    files.set(file, text);
    for (const match of text.matchAll(/^(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)/gm)) {
      const specifier = (match[1] ?? match[2])!;
      if (specifier.startsWith('.')) queue.push(join(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else bare.add(specifier);
    }
  }
  return { files, bare };
}

/** Source without comments, so that prose mentioning a name does not count. */
const code = (text: string): string => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

describe('entry points', () => {
  it('the main entry imports no node: module (it runs on Node, Bun, Deno and in browsers)', async () => {
    const { bare } = await moduleGraph('index.ts');
    expect([...bare].filter((specifier) => specifier.startsWith('node:'))).toEqual([]);
    expect([...bare].sort()).toEqual(['ofetch', 'zod/v4/mini']);
  });

  it('the base entry reaches no ofetch, no timers, no globalThis, no process, no console', async () => {
    const { files, bare } = await moduleGraph('base.ts');
    expect([...bare]).toEqual(['zod/v4/mini']);
    for (const [file, text] of files) {
      expect(code(text), file).not.toMatch(/\b(setTimeout|setInterval|globalThis|process|console|eval)\b/);
    }
  });
});
