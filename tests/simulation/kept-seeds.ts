/**
 * Seeds that once broke an invariant, kept so that every test run replays them (FoundationDB and
 * TigerBeetle keep theirs the same way). Each has the story it told on the day it was found;
 * replay one with its full trace: SIM_SEED=<seed> npx -y pnpm@10.34.9 vitest run --project simulation
 *
 * To add one: put the seed and a one-line story here (what happened, which invariant, which bug);
 * while the core still has the bug, say so in `open`.
 */
export interface KeptSeed {
  seed: number;
  /** The issue's bug it reproduces (issue 18's numbering), or a short name for one the harness found. */
  bug: string;
  story: string;
  /**
   * Set while the bug is open: why the seed still fails. Its test is then expected to fail (and
   * turns red once the bug is fixed: delete this field then).
   */
  open?: string;
}

export const KEPT_SEEDS: readonly KeptSeed[] = [
  {
    seed: 661,
    bug: 'issue 18 #1',
    story: 'timeout 1 s, the API answers after it: the retry lands inside the window the timed-out request opened (429), and again the next window: 3 reached failures for retries 1 (invariants 1, 6).',
  },
  {
    seed: 156,
    bug: 'issue 18 #1',
    story: 'a timeout shorter than the answer: two retries inside the one window the first attempt opened, two self-caused 429s (invariant 1).',
  },
  {
    seed: 8,
    bug: 'issue 18 #4',
    story: 'token revoked: one waiting call sends twice within a second of the first 401, and nothing remembers the refusal (invariant 5).',
  },
  {
    seed: 1021,
    bug: 'issue 18 #4',
    story: 'an upstream 500 spends the window, yet the client retries twice within it: 3 requests in one window, two self-caused 429s (invariant 1).',
  },
  {
    seed: 13,
    bug: 'reset after counting',
    story: 'the connection is reset after the API counted the request; the retry 0.5 s later draws a 429 (invariant 1): a reset may have reached the API.',
  },
  {
    seed: 28408,
    bug: 'abort after the request left',
    story: 'SIGTERM aborts a request the API already counted; the client releases the window, and another process sends inside it 260 s later: a self-caused 429 (invariant 1). Found by the sweep after the lead\'s first issue-18 core; fixed on main since.',
  },
];
