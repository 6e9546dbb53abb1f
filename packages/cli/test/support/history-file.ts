import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serializeLeadTotals } from '@zen-leads/history';
import { generateLeadTotalsPayload, type LeadTotalsWirePayload } from '@zen-leads/simulator';
import { mapWireByHand } from '@zen-leads/test-support/map-wire-by-hand';

/** An NDJSON history in `dir` holding the simulator's seeded days for `dates`. */
export async function historyFile(dir: string, dates: readonly string[], name = 'leads.ndjson'): Promise<string> {
  const path = join(dir, name);
  const lines = dates.map((date) => serializeLeadTotals(mapWireByHand(generateLeadTotalsPayload('demo-token', date) as LeadTotalsWirePayload)));
  await writeFile(path, lines.map((line) => `${line}\n`).join(''));
  return path;
}
