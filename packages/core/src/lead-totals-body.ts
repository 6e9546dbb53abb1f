import { ZenResponseError } from './errors/zen-response-error.js';
import { fastDecodeLeadTotals } from './fast-decode-lead-totals.js';
import type { LeadTotals } from './model.js';

/**
 * Parses a response body as JSON and decodes it. A well-formed day takes the fast path; only a
 * malformed one loads the zod schema (a separate chunk), which names the path that broke. So
 * applications pay for zod only when the API misbehaves.
 */
export async function parseLeadTotalsBody(body: string, status: number): Promise<{ totals: LeadTotals; raw: unknown }> {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    throw new ZenResponseError(`The API answered ${status} with a body that is not JSON: ${JSON.stringify(excerptOf(body))}.`, {
      status,
      excerpt: excerptOf(body),
    });
  }
  const fast = fastDecodeLeadTotals(raw);
  if (fast !== undefined) return { totals: fast, raw };
  const { decodeLeadTotals } = await import('./decode-lead-totals.js');
  try {
    return { totals: decodeLeadTotals(raw), raw };
  } catch (error) {
    if (error instanceof ZenResponseError) {
      throw new ZenResponseError(error.message, { status, ...(error.path === undefined ? {} : { path: error.path }) });
    }
    throw error;
  }
}

/** The first characters of a body, on one line, for error messages. */
export function excerptOf(body: string, length = 120): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}
