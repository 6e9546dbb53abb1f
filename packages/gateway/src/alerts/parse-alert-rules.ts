/**
 * Reads an alert rules file, JSON or YAML by its extension, into validated `AlertRules`; every
 * problem becomes an `AlertRulesError` naming the file, the line, the field and the fix.
 */
import { readFile } from 'node:fs/promises';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type * as z from 'zod/v4';
import { AlertRulesError } from './alert-rules-error.js';
import type { AlertRules } from './alert-rules.js';
import { jsonErrorOffset } from './json-error-offset.js';
import { checkRules } from './rules-schema.js';
import { hintFor } from './rules-file-hints.js';

type Format = 'json' | 'yaml';
type Key = string | number;

/**
 * Validates a rules file's text; `path` names the file in errors and picks the format (`.json`,
 * `.yaml`, `.yml`).
 *
 * @example
 * ```ts
 * const rules = parseAlertRules('rules:\n  - kind: seller-silent\n    minutes: 45\n', 'alerts.yaml');
 * ```
 */
export function parseAlertRules(text: string, path: string): AlertRules {
  const format = formatOf(path);
  // The yaml package reads JSON too (YAML 1.2 contains it) and keeps every node's position, so
  // one parser finds the line of any field in either format.
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const value = format === 'json' ? strictJson(text, lines, path) : yamlValue(document, lines, path);
  const checked = checkRules(value);
  if (checked.ok) return checked.rules;
  throw errorOfIssue(firstIssue(checked.issues, document, lines), document, lines, path);
}

/**
 * Reads and validates a rules file.
 *
 * @example
 * ```ts
 * const gateway = createGateway({ url, token, clientKeys, alerts: await loadAlertRules('alerts.yaml') });
 * ```
 */
export async function loadAlertRules(path: string): Promise<AlertRules> {
  formatOf(path);
  let text: string;
  try {
    // An editor's byte-order mark is no part of the text (JSON.parse would refuse it).
    text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : 'the file could not be read';
    throw new AlertRulesError(path, 1, '', reason, 'Check the path of the alerts file and that this user may read it.', error);
  }
  return parseAlertRules(text, path);
}

function formatOf(path: string): Format {
  if (/\.json$/i.test(path)) return 'json';
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  throw new AlertRulesError(path, 1, '', 'the file’s extension says neither JSON nor YAML', 'Name the alerts file *.json, *.yaml or *.yml, after its format.');
}

/** JSON.parse decides what is JSON (YAML would accept more); the document only gives positions. */
function strictJson(text: string, lines: LineCounter, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the fault, maybe a webhook URL (a secret): only the line is told.
    const offset = jsonErrorOffset(text);
    const at = offset < 0 ? 1 : lines.linePos(offset).line;
    throw new AlertRulesError(path, at, '', 'not valid JSON', 'Fix the JSON syntax at that line: quoted keys, commas between entries and none after the last.');
  }
}

function yamlValue(document: Document, lines: LineCounter, path: string): unknown {
  const [error] = document.errors;
  if (error) {
    const problem = `not valid YAML (${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')})`;
    // The error itself (its message quotes the file's lines) stays out: a webhook URL is a secret.
    throw new AlertRulesError(path, error.linePos?.[0].line ?? 1, '', problem, 'Fix the YAML at that line: indentation, a missing colon or bracket, or a key written twice.');
  }
  return document.toJS();
}

/**
 * The issue highest in the file, so fixing errors top to bottom meets them in order; an unknown
 * field first, as a misspelt field also makes the right one "missing".
 */
function firstIssue(issues: readonly z.core.$ZodIssue[], document: Document, lines: LineCounter): z.core.$ZodIssue {
  const unknown = issues.filter((issue) => issue.code === 'unrecognized_keys');
  return [...(unknown.length > 0 ? unknown : issues)].sort((a, b) => lineOf(a, document, lines) - lineOf(b, document, lines))[0]!;
}

function errorOfIssue(issue: z.core.$ZodIssue, document: Document, lines: LineCounter, path: string): AlertRulesError {
  const keys = issue.path.filter((key): key is Key => typeof key !== 'symbol');
  const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const field = fieldName(unknownKey === undefined ? keys : [...keys, unknownKey]);
  const lastKey = [...keys].reverse().find((key): key is string => typeof key === 'string');
  // A webhook's URL is never quoted back: it is a secret (a Slack webhook's path is its credential).
  const problem = unknownKey !== undefined ? `unknown field ${unknownKey}` : lastKey === 'url' ? issue.message : `${issue.message}${got(document, keys)}`;
  return new AlertRulesError(path, lineOf(issue, document, lines), field, problem, hintFor(lastKey, unknownKey));
}

/** `rules[0].minutes`: the field as a path into the file. */
function fieldName(keys: readonly Key[]): string {
  return keys.map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? key : `.${key}`)).join('');
}

/** ", got -5": the value that was written, when it is a short scalar. */
function got(document: Document, keys: readonly Key[]): string {
  const node = document.getIn(keys, true);
  if (!isScalar(node) || node.value === null || node.value === undefined) return '';
  const text = JSON.stringify(node.value);
  return text.length <= 40 ? `, got ${text}` : '';
}

/** The line of the issue's field: its value's, the unknown key's, or (a field left out) its parent's. */
function lineOf(issue: z.core.$ZodIssue, document: Document, lines: LineCounter): number {
  const keys = issue.path.filter((key): key is Key => typeof key !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const parent = document.getIn(keys, true);
    const pair = isMap(parent) ? parent.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === issue.keys[0]) : undefined;
    const start = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    if (start !== undefined) return lines.linePos(start).line;
  }
  for (let depth = keys.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? document.contents : document.getIn(keys.slice(0, depth), true);
    const start = isScalar(node) || isMap(node) || isSeq(node) ? node.range?.[0] : undefined;
    if (start !== undefined) return lines.linePos(start).line;
  }
  return 1;
}
