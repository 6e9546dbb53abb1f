import type { LeadTotals } from '@zen-leads/core';
import type { HistoryIssue } from './history-store.js';
import { parseLeadTotalsRecord } from './lead-totals-record.js';

const NEWLINE = 0x0a;

/** What a run over NDJSON bytes found. */
export interface NdjsonScan {
  /** Valid days, in file order; a later line for a day already seen is left out (and reported). */
  days: { line: number; totals: LeadTotals }[];
  issues: HistoryIssue[];
  /** Bytes up to and including the last newline: the complete lines. */
  completeBytes: number;
  /** Lines seen (complete ones), to number lines of the next chunk. */
  lines: number;
  /** The bytes after the last newline, when there are any: a line still being written or torn. */
  tail: Buffer | undefined;
}

/**
 * Reads complete NDJSON lines from `bytes` (starting at line `firstLine`), skipping blank lines.
 * Lines that are not a valid day are reported, never thrown about. `seen` holds the days known
 * from earlier chunks; a repeated day is reported unless `isOwnWrite` claims it.
 */
export function scanNdjson(
  bytes: Buffer,
  firstLine: number,
  seen: Set<string>,
  isOwnWrite: (date: string) => boolean = () => false,
): NdjsonScan {
  const scan: NdjsonScan = { days: [], issues: [], completeBytes: 0, lines: 0, tail: undefined };
  let start = 0;
  for (;;) {
    const end = bytes.indexOf(NEWLINE, start);
    if (end < 0) break;
    const lineNumber = firstLine + scan.lines;
    scan.lines++;
    const text = bytes.toString('utf8', start, end).replace(/\r$/, '');
    start = end + 1;
    scan.completeBytes = start;
    if (text.trim() === '') continue;
    const totals = parseLeadTotalsRecord(text);
    if (!totals) {
      scan.issues.push({
        line: lineNumber,
        kind: 'invalid-line',
        message: `line ${lineNumber} is not a day of lead totals (${describe(text)}); it was ignored.`,
      });
      continue;
    }
    if (seen.has(totals.date)) {
      if (!isOwnWrite(totals.date)) {
        scan.issues.push({
          line: lineNumber,
          kind: 'duplicate-day',
          message: `line ${lineNumber} repeats ${totals.date}, already stored earlier in the file; the first one is kept.`,
        });
      }
      continue;
    }
    seen.add(totals.date);
    scan.days.push({ line: lineNumber, totals });
  }
  if (start < bytes.length) scan.tail = bytes.subarray(start);
  return scan;
}

function describe(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `starts ${JSON.stringify(flat.slice(0, 60))}…` : JSON.stringify(flat);
}
