import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';

const DIST = new URL('../dist/', import.meta.url);
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module the built entry loads, following relative imports (subfolders too), by path inside dist. */
function moduleGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (graph.has(file)) continue;
    const source = readFileSync(new URL(file, DIST), 'utf8');
    const specifiers = [...source.matchAll(IMPORT)].map((match) => (match[1] ?? match[2]) as string);
    graph.set(file, specifiers);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) pending.push(new URL(specifier, new URL(file, DIST)).href.slice(DIST.href.length));
    }
  }
  return graph;
}

describe('the main entry runs on Node, Bun and Deno unchanged', () => {
  it('loads no node: module and no bare package, only its own files', () => {
    const graph = moduleGraph('index.js');
    expect(graph.size).toBeGreaterThan(5);
    const outside = [...graph.values()].flat().filter((specifier) => !specifier.startsWith('.'));
    expect(outside).toEqual([]);
    // Relative imports stay inside dist: a `../` never climbs out of the package.
    expect([...graph.keys()].filter((file) => file.startsWith('..') || file.includes(':'))).toEqual([]);
  });

  it('names no Node global (process, Buffer, require)', () => {
    for (const file of moduleGraph('index.js').keys()) {
      const source = readFileSync(new URL(file, DIST), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      expect(source, file).not.toMatch(/\b(process|Buffer|require|__dirname)\b/);
    }
  });

  it('the Node adapter is the one that imports node:http, from its own entry', () => {
    const specifiers = moduleGraph('node-server.js').get('node-server.js') ?? [];
    expect(specifiers).toContain('node:http');
    expect(builtinModules).toContain('http');
  });
});
