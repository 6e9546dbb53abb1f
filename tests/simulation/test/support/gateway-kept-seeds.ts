/**
 * Gateway seeds (test/gateway-seeds.test.ts) that told a story worth replaying in every run. While
 * the gateway still has a seed's bug, `open` says why and its test is an expected failure (red
 * again once the bug is fixed: then delete `open`, and the bug's entry in
 * test/support/gateway-open-bugs.ts). Replay one with its full trace:
 * SIM_SEED=<seed> npx -y pnpm@10.34.9 vitest run --project simulation test/gateway-seeds.test.ts
 * A kept seed means something only while drawGatewayScenario and the world's use of the seed's
 * stream stay the same: after changing either, re-find the seeds.
 */
export interface KeptGatewaySeed {
  seed: number;
  bug: string;
  story: string;
  open?: string;
}

export const KEPT_GATEWAY_SEEDS: readonly KeptGatewaySeed[] = [
  {
    seed: 3,
    bug: 'issue 18 #5',
    story: 'key 1 queues 22 past days in half a second (8 accepted, the rest 429); key 0 then asks two days: they go upstream 2nd and 4th, alternating with the flood (invariant 6 holds: round-robin).',
  },
  {
    seed: 14,
    bug: 'no-Prefer client held through a retry',
    story: 'timeout 30 s, every answer slower: a client without Prefer asks today, the window is free, the answer comes too late; the gateway holds the client through two more windows and answers 500 after 634 s (invariant 2).',
  },
  {
    seed: 23,
    bug: 'close() waits behind a retry\'s window',
    story: 'timeout 2 s, every answer slower: the first day times out at +7 s and its retry waits for the next window; close() at +193 s sends nothing more but resolves only at +307 s, when that window comes (invariant 3: 114 s > timeout + 2 s).',
  },
  {
    seed: 110,
    bug: 'close() waits behind a retry\'s window',
    story: 'two replicas; r1\'s client (no Prefer) is held after a timeout, r1 closes at +111 s, resolves at +335 s and only then answers its client 500 (invariants 2 and 3); r0\'s queued day then goes upstream one window later than it could (+636 s, not +335 s).',
  },
  {
    seed: 447,
    bug: 'idle scheduler spins after a failed reached attempt',
    story: 'two replicas, today read; r1\'s today fails with a 500 at +789 s (the window is spent until about +1 090 s); r0\'s idle-window scheduler naps under 1 s about 230 times a minute from minute 13 to 17, 1 153 wakes in the run (invariant 4), and sends nothing.',
  },
  {
    seed: 3055,
    bug: 'close() waits behind a retry\'s window',
    story: 'close() at +5.9 s while a request is on its way (timeout 10 s); it times out at +11.3 s and the core logs "retrying" after close() began; nothing more is sent, but close() resolves at +303 s (297 s), and its held client (wait=30) is let go only at its own bound, +31.3 s (invariant 3).',
  },
  {
    seed: 2315,
    bug: 'no-Prefer client held through a retry',
    story: 'r0\'s today fails with a 500 at +2.4 s and waits to retry; r0 closes at +192 s and resolves at +304 s; r1\'s clients reading today without Prefer from +307 s are held until +607 s (up to 296 s), when r1 fetches it: the window from +304 s to +607 s goes unused (invariant 2).',
  },
  {
    seed: 2831,
    bug: 'fair per replica only',
    story: 'key 1 floods replica r1 with 24 past days at +77 s; key 2 asks two days on r0 (+83 s, +167 s), where key 0 reads today and key 1 asks one more day; windows alternate between r1 (the flood) and r0 (round-robin of its three keys), so key 2\'s second day goes upstream at +2 485 s, 7.7 windows after its ask, after 5 of the flooding key\'s days (invariant 6).',
    open: 'fairness between keys is per replica; the store\'s window queue is first come first served between replicas.',
  },
];
