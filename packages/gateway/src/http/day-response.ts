import { ageMs, type MemoEntry } from '../upstream/answer-memo.js';

/** One way of serving a day: the API's own body, the model as JSON, or a CSV view. */
export interface Representation {
  /** `api` serves the upstream body itself; anything else is rendered once per answer. */
  name: string;
  contentType: string;
  render?: (entry: MemoEntry) => string;
  /** A file name for downloads (CSV). */
  fileName?: string;
}

const YEAR_SECONDS = 31_536_000;

/**
 * A 200 (or a 304 for a matching `If-None-Match`) with the day in `representation`, and the
 * caching a client can rely on: a final day is immutable; an open day (today) says its age and
 * stays fresh only until the next window can bring a newer answer.
 */
export function dayResponse(request: Request, entry: MemoEntry, representation: Representation, windowMs: number, fromCache: boolean, now: number = Date.now()): Response {
  const etag = representation.name === 'api' ? `"${entry.digest}"` : `"${entry.digest}-${representation.name}"`;
  const headers: Record<string, string> = {
    etag,
    'last-modified': entry.lastModified,
    // RFC 9211: whether this answer cost an upstream request.
    'cache-status': fromCache ? 'zen-gateway; hit' : 'zen-gateway; fwd=miss; stored',
    'x-content-type-options': 'nosniff',
  };
  if (entry.final) {
    headers['cache-control'] = `private, max-age=${YEAR_SECONDS}, immutable`;
  } else {
    const age = ageMs(entry.result, now);
    headers.age = String(Math.floor(age / 1000));
    headers['cache-control'] = `private, max-age=${Math.max(0, Math.floor((windowMs - age) / 1000))}`;
  }
  if (matches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  headers['content-type'] = representation.contentType;
  if (representation.fileName) headers['content-disposition'] = `inline; filename="${representation.fileName}"`;
  return new Response(bodyOf(entry, representation), { status: 200, headers });
}

function bodyOf(entry: MemoEntry, representation: Representation): string {
  if (!representation.render) return entry.result.body;
  let body = entry.renderings.get(representation.name);
  if (body === undefined) {
    body = representation.render(entry);
    entry.renderings.set(representation.name, body);
  }
  return body;
}

/** `If-None-Match`: `*` or a list of (weak or strong) tags, compared weakly as RFC 9110 says. */
function matches(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
