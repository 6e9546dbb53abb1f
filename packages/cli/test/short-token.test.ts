import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSimulator, type ServedSimulator } from './support/served-simulator.js';

/** A short token that is also an ordinary word (`lead`, in the URL `…/totais-lead` and in `zen-leads`). */
const TOKEN = 'lead';

/** A day whose seeded answer for this token has users, so its body holds `"total_lead"`. */
const DAY_WITH_USERS = '2025-03-03';
/** A day the simulator answers with a list where the users belong: a response error for the CLI to word. */
const BROKEN_DAY = '2025-03-05';

let served: ServedSimulator;
beforeAll(async () => {
  served = await serveSimulator({
    tokens: [TOKEN],
    windowMs: 0,
    dataFor: (_token, date) => (date === BROKEN_DAY ? { data: date, usuarios: 'none', erros: [] } : undefined),
  });
});
afterAll(async () => {
  await served.close();
});

describe('a short token such as "lead"', () => {
  it('is redacted on stderr where it stands as itself, and zen-leads keeps its name', async () => {
    const run = await served.run(['totals', TOKEN], { ZEN_TOKEN: TOKEN });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toBe('zen-leads: The date "[redacted token]" is not in the YYYY-MM-DD format. Pass DATE as YYYY-MM-DD, "today" or "yesterday" (São Paulo days), e.g. zen-leads totals 2026-11-24.\n');
  });

  it('never turns the "zen-leads:" prefix into "zen-[redacted token]s:"', async () => {
    const run = await served.run(['totals', '2025-03-01'], { ZEN_TOKEN: TOKEN });
    expect(run.stderr).not.toContain('[redacted token]s');
    for (const line of run.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^zen-leads: |^[A-Z]/);
  });

  // Core v2 looks for the token only in the URL's query and userinfo, so "…/totais-lead" is fine.
  it('is not "in the URL" because the URL\'s path holds the same letters: the day is fetched', async () => {
    const run = await served.run(['totals', '2025-03-01', '--format', 'json'], { ZEN_TOKEN: TOKEN });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ date: '2025-03-01' });
  });

  it('keeps the word "lead" in the CLI\'s own messages ("the lead-totals integration URL")', async () => {
    const run = await served.run(['totals', BROKEN_DAY, '--store', 'memory:'], { ZEN_TOKEN: TOKEN });
    expect(run.code, run.stderr).toBe(6);
    expect(run.stderr).toContain('the lead-totals integration URL');
    expect(run.stderr).not.toContain('[redacted token]');
  });

  // The core scrubs a short token from a 200 body only where it stands as a value, so "total_lead" survives.
  it('fetches a day with users: the payload\'s own "total_lead" is not taken for the token', async () => {
    const run = await served.run(['totals', DAY_WITH_USERS, '--format', 'json', '--store', 'memory:'], { ZEN_TOKEN: TOKEN });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).users.length).toBeGreaterThan(0);
  });
});
