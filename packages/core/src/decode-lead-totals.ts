import { ZenResponseError } from './errors/zen-response-error.js';
import { fastDecodeLeadTotals } from './fast-decode-lead-totals.js';
import type { LeadTotals } from './model.js';
import { leadTotalsWireSchema } from './wire-schema.js';

/**
 * Decodes a parsed response body into `LeadTotals`, synchronously. Throws `ZenResponseError`
 * naming the first path that breaks the shape, e.g. `usuarios[3].origem[0].quantidade`.
 * Exported from `@zen-leads/core/schema`: it carries zod, which the client itself loads only
 * when a response is malformed.
 */
export function decodeLeadTotals(payload: unknown): LeadTotals {
  // Well-formed days take the fast path; anything else gets the schema's verdict and message.
  const fast = fastDecodeLeadTotals(payload);
  if (fast !== undefined) return fast;
  const result = leadTotalsWireSchema.safeParse(payload);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = formatPath(issue?.path ?? []);
  const found = describeValue(valueAt(payload, issue?.path ?? []));
  throw new ZenResponseError(
    `Unexpected response from the API at ${path || 'the root'}: ${issue?.message ?? 'invalid shape'}, got ${found}.`,
    { path: path || undefined },
  );
}

/** `['usuarios', 3, 'origem', 0, 'quantidade']` → `usuarios[3].origem[0].quantidade`. */
export function formatPath(path: readonly PropertyKey[]): string {
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
