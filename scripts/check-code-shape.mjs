#!/usr/bin/env node
/**
 * The code's shape, as the project's guide asks it: no source file over 400 lines and no function
 * over 60, so that a newcomer reads any concept in one sitting. Files are cut by concept, not by
 * this count: 400 (250 until issue 19) only stops a concept from growing unread. Sources: every
 * package's `src`, the n8n package's `nodes`, `shared` and `credentials`, the apps' `src`.
 * Prints what is over and exits 1; run by the test command.
 *
 *   node scripts/check-code-shape.mjs
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { repoRoot } from './publishable-packages.mjs';

const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 60;
const ROOTS = ['packages/*/src', 'packages/n8n-nodes-crm-zen/nodes', 'packages/n8n-nodes-crm-zen/shared', 'packages/n8n-nodes-crm-zen/credentials', 'apps/*/src'];

function expand(pattern) {
  const [parent, , child] = pattern.split('/');
  if (!pattern.includes('*')) return [join(repoRoot, pattern)];
  return readdirSync(join(repoRoot, parent)).map((name) => join(repoRoot, parent, name, child));
}

function sources(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|mts|mjs)$/.test(name) && !/\.(test|d)\.[mc]?ts$/.test(name) ? [path] : [];
  });
}

const problems = [];
for (const file of ROOTS.flatMap(expand).flatMap(sources)) {
  const text = readFileSync(file, 'utf8');
  const name = relative(repoRoot, file);
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > MAX_FILE_LINES) problems.push(`${name}: ${lines} lines (at most ${MAX_FILE_LINES})`);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.end).line;
      const length = end - start + 1;
      if (length > MAX_FUNCTION_LINES) {
        const label = node.name ? node.name.getText(source) : `function at line ${start + 1}`;
        problems.push(`${name}:${start + 1}: ${label} is ${length} lines (at most ${MAX_FUNCTION_LINES})`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

if (problems.length > 0) {
  console.error(`code shape: ${problems.length} over the limits\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`code shape: every source file ≤ ${MAX_FILE_LINES} lines, every function ≤ ${MAX_FUNCTION_LINES} lines`);
