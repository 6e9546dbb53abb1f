import { decodeLeadTotals } from './decode-lead-totals.js';
import { ZenResponseError } from './errors/zen-response-error.js';
import type { LeadTotals } from './model.js';

/** A 200 body parsed and decoded: the model, and the JSON exactly as sent. */
export interface DecodedBody {
  totals: LeadTotals;
  raw: unknown;
}

/** Parses a 200 body as JSON and decodes it; a `ZenResponseError` carrying `status` otherwise. */
export function parseLeadTotalsBody(body: string, status: number): DecodedBody {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    const excerpt = excerptOf(body);
    throw new ZenResponseError(
      `The API answered ${status} with a body that is not JSON: ${excerpt === '' ? 'an empty body' : JSON.stringify(excerpt)}.`,
      'Check that the URL is the integration URL, then try again later.',
      { status, excerpt },
    );
  }
  try {
    return { totals: decodeLeadTotals(raw), raw };
  } catch (error) {
    if (!(error instanceof ZenResponseError)) throw error;
    throw new ZenResponseError(error.problem, error.hint, { status, ...(error.path === undefined ? {} : { path: error.path }) });
  }
}

/** The first characters of a body, on one line, for error messages. */
export function excerptOf(body: string, length = 120): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}
