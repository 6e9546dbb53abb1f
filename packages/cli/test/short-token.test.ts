import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORE_V2 } from './support/core-v2.js';
import { serveSimulator, type ServedSimulator } from './support/served-simulator.js';

/** A short token that is also an ordinary word (`lead`, in the URL `…/totais-lead` and in `zen-leads`). */
const TOKEN = 'lead';

let served: ServedSimulator;
beforeAll(async () => {
  served = await serveSimulator({ tokens: [TOKEN], windowMs: 0 });
});
afterAll(async () => {
  await served.close();
});

describe('a short token such as "lead"', () => {
  it('is redacted on stderr where it stands as itself, and zen-leads keeps its name', async () => {
    const run = await served.run(['totals', TOKEN], { ZEN_TOKEN: TOKEN });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toBe('zen-leads: DATE must be YYYY-MM-DD, "today" or "yesterday", not "[redacted token]". Example: zen-leads totals 2026-11-24\n');
  });

  it('never turns the "zen-leads:" prefix into "zen-[redacted token]s:"', async () => {
    const run = await served.run(['totals', '2025-03-01'], { ZEN_TOKEN: TOKEN });
    expect(run.stderr).not.toContain('[redacted token]s');
    for (const line of run.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^zen-leads: |^[A-Z]/);
  });

  // Core v2 looks for the token only in the URL's query and userinfo, so "…/totais-lead" is fine.
  it.runIf(CORE_V2)('is not "in the URL" because the URL\'s path holds the same letters: the day is fetched', async () => {
    const run = await served.run(['totals', '2025-03-01', '--format', 'json'], { ZEN_TOKEN: TOKEN });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ date: '2025-03-01' });
  });
});
