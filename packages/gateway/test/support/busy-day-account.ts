import { createSimulator } from '@zen-leads/simulator';

/** A seeded account whose `date` suits a test of today's arrivals: enough sellers and leads, a steady busiest seller. */
export interface BusyDayAccount {
  token: string;
  /** The busiest seller of the day (the simulator's default for "seller-stops"). */
  seller: string;
  /** The day's final `com_erro` count. */
  finalWithError: number;
}

const HOUR_MS = 3_600_000;
const STEP_MS = 5 * 60_000;

/**
 * The first of a fixed list of tokens whose seeded `date` has at least 5 sellers and 150 leads,
 * and whose busiest seller never goes `maxGapMs` without a lead between `fromMs` and `toMs` of the
 * day (so a silence the test sees is the one it scripted, not the seed's). Deterministic per day.
 */
export async function busyDayAccount(date: string, window: { fromMs: number; toMs: number; maxGapMs: number }): Promise<BusyDayAccount> {
  for (let index = 0; index < 200; index++) {
    const token = `upstream-intraday-${index}-Q7x9-gw-Lm2K-ZZtop`;
    const day = (await createSimulator({ tokens: [token], today: false }).payloadFor(token, date)) as WirePayload;
    const users = day.usuarios ?? [];
    const total = users.reduce((sum, user) => sum + Number(user.total_lead), 0);
    if (users.length < 5 || total < 150) continue;
    const seller = [...users].sort((a, b) => Number(b.total_lead) - Number(a.total_lead))[0]!.nome;
    if ((await longestGap(token, date, seller, window)) >= window.maxGapMs) continue;
    return { token, seller, finalWithError: Number(Array.isArray(day.erros) ? 0 : (day.erros?.com_erro ?? 0)) };
  }
  throw new Error(`no seeded account suits ${date}`);
}

interface WirePayload {
  usuarios?: { nome: string; total_lead: string | number }[];
  erros?: { com_erro?: string | number } | [];
}

async function longestGap(token: string, date: string, seller: string, window: { fromMs: number; toMs: number }): Promise<number> {
  let at = window.fromMs - 3 * HOUR_MS;
  const simulator = createSimulator({ tokens: [token], today: { timeOfDay: () => at } });
  let lastCount = -1;
  let lastChange = at;
  let longest = 0;
  for (; at <= window.toMs; at += STEP_MS) {
    const payload = (await simulator.payloadFor(token, date)) as WirePayload;
    const count = Number(payload.usuarios?.find((user) => user.nome === seller)?.total_lead ?? 0);
    if (count !== lastCount) {
      if (at > window.fromMs) longest = Math.max(longest, at - Math.max(lastChange, window.fromMs));
      lastCount = count;
      lastChange = at;
    }
  }
  return Math.max(longest, window.toMs - lastChange);
}
