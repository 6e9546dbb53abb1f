import { ZenResponseError } from './errors/zen-response-error.js';
import type { LeadTotals } from './model.js';
import { leadTotalsWireSchema } from './wire-schema.js';

/**
 * Decodes a parsed response body (wire names) into `LeadTotals`. Throws `ZenResponseError`
 * naming the first path that breaks the shape, e.g. `usuarios[3].origem[0].quantidade`.
 *
 * @example
 * ```ts
 * const totals = decodeLeadTotals(JSON.parse(bodyFromTheApi));
 * ```
 */
export function decodeLeadTotals(payload: unknown): LeadTotals {
  const result = leadTotalsWireSchema.safeParse(payload);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = formatPath(issue?.path ?? []);
  const found = describeValue(valueAt(payload, issue?.path ?? []));
  throw new ZenResponseError(
    `The API's answer is not the documented totals: at ${path === '' ? 'the root' : path}, ${issue?.message ?? 'invalid shape'}, got ${found}.`,
    'Check that the URL is the integration URL; if it is, CRM Zen changed its format: report it with the path above.',
    path === '' ? {} : { path },
  );
}

/** `['usuarios', 3, 'origem', 0, 'quantidade']` → `usuarios[3].origem[0].quantidade`. */
function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
