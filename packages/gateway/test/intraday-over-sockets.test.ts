import { join } from 'node:path';
import { todayInSaoPaulo } from '@zen-leads/core';
import { INTRADAY_COLUMNS, intradayOf, openHistory, type HistoryStore } from '@zen-leads/history';
import { createTestDatabase, startTestPostgresServer, type TestPostgresServer } from '@zen-leads/test-support/postgres-server';
import { useTempFolder } from '@zen-leads/test-support/temp-folder';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseAlertRules } from '../src/index.js';
import { busyDayAccount, type BusyDayAccount } from './support/busy-day-account.js';
import { CLIENT_KEY, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';
import { startWebhookReceiver, type ReceivedPost, type WebhookReceiver } from './support/webhook-receiver.js';

// The acceptance over real sockets: the simulator (its today growing 1 800 times faster
// than real time) → the gateway (a 250 ms window, keep-today-fresh all day, each history kind) →
// a real webhook receiver. A seller made to stop receiving fires one alert, re-armed once they
// receive again; problem leads piling up fire once; and the simulator counts no extra request.

const HOUR_MS = 3_600_000;
/** 30 simulated minutes per real second. */
const SPEED = 1_800;
const WINDOW_MS = 250;
const START_MS = 10 * HOUR_MS;
/** Silent for 2 simulated hours (4 real seconds) while the others receive: the busiest seller never is, on the day picked. */
const SILENT_MS = (2 * HOUR_MS) / SPEED;
const TODAY = todayInSaoPaulo();

const folder = useTempFolder('zen-gateway-intraday-');
let account: BusyDayAccount;
let postgres: TestPostgresServer | undefined;
let world: GatewayWorld | undefined;
let receiver: WebhookReceiver | undefined;
let history: HistoryStore | undefined;
let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  account = await busyDayAccount(TODAY, { fromMs: START_MS, toMs: 19 * HOUR_MS, maxGapMs: 1.5 * HOUR_MS });
}, 60_000);
afterEach(async () => {
  await world?.close();
  await receiver?.close();
  await history?.close();
  await dropDatabase?.();
  world = receiver = history = dropDatabase = undefined;
});
afterAll(async () => {
  await postgres?.stop();
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const clockTime = (ms: number): string => `${String(Math.floor(ms / HOUR_MS)).padStart(2, '0')}:${String(Math.floor((ms % HOUR_MS) / 60_000)).padStart(2, '0')}`;
const alertsOf = (posts: readonly ReceivedPost[], kind: string): Map<string, ReceivedPost> =>
  new Map(posts.filter((post) => (post.body as { kind?: string }).kind === kind).map((post) => [String(post.headers['idempotency-key']), post]));

function rulesFor(receiverUrl: string): string {
  return `lang: en
businessHours: { from: "00:00", to: "24:00" }
webhooks:
  - url: ${receiverUrl}
rules:
  - name: silent-seller
    kind: seller-silent
    minutes: ${SILENT_MS / 60_000}
    othersAtLeast: 3
    sellers: [${JSON.stringify(account.seller)}]
  - name: errors-pile-up
    kind: problem-count
    problem: withError
    above: ${account.finalWithError + 15}
`;
}

async function openKind(kind: 'ndjson' | 'sqlite' | 'postgres'): Promise<HistoryStore> {
  if (kind !== 'postgres') return openHistory(join(folder(), `leads.${kind}`));
  postgres ??= await startTestPostgresServer();
  const database = await createTestDatabase(postgres.url);
  dropDatabase = database.drop;
  return openHistory(database.url);
}

describe.each(['ndjson', 'sqlite', 'postgres'] as const)('today as it happens, over real sockets, with a %s history', (kind) => {
  it('snapshots stored; deltas sum to the day; a stopped seller fires one alert, re-armed after they receive again; problems piling up fire once; no extra upstream request', async () => {
    history = await openKind(kind);
    receiver = await startWebhookReceiver({ failFirst: 1 });
    const startedAt = Date.now();
    const timeOfDay = (): number => START_MS + (Date.now() - startedAt) * SPEED;
    world = await startGatewayWorld({
      upstreamToken: account.token,
      simulator: { tokens: [account.token], windowMs: WINDOW_MS, today: { timeOfDay } },
      gateway: { minIntervalMs: WINDOW_MS, windowMarginMs: 50, keepTodayFresh: { from: '00:00', to: '24:00' }, history, alerts: parseAlertRules(rulesFor(receiver.url), 'alerts.yaml') },
    });
    const { simulator } = world;
    // A simulated hour of the seller receiving as usual: nothing fires.
    await sleep(2_000);
    expect(receiver.posts).toHaveLength(0);

    // The seller stops receiving, and problem leads pile up.
    simulator.setToday({ faults: [{ kind: 'seller-stops', seller: account.seller, from: clockTime(timeOfDay()) }, { kind: 'problems-pile-up', problem: 'withError', from: clockTime(timeOfDay()), perHour: 120 }] });
    await receiver.waitFor((posts) => alertsOf(posts, 'seller-silent').size >= 1 && alertsOf(posts, 'problem-count').size >= 1, 6 * SILENT_MS);
    await sleep(1_000);
    expect(alertsOf(receiver.posts.filter((post) => post.status === 200), 'seller-silent').size).toBe(1);
    const [first] = [...alertsOf(receiver.posts, 'seller-silent').values()];
    expect(first!.body).toMatchObject({ rule: 'silent-seller', kind: 'seller-silent', date: TODAY, seller: account.seller });

    // They receive again: the alert re-arms; stopped once more, a second alert fires.
    simulator.setToday({ faults: [] });
    await untilSellerReceives(world, account.seller);
    simulator.setToday({ faults: [{ kind: 'seller-stops', seller: account.seller, from: clockTime(timeOfDay()) }] });
    await receiver.waitFor((posts) => alertsOf(posts, 'seller-silent').size >= 2, 6 * SILENT_MS);
    await sleep(500);

    const delivered = receiver.posts.filter((post) => post.status === 200);
    expect(alertsOf(delivered, 'seller-silent').size).toBe(2);
    expect(alertsOf(delivered, 'problem-count').size).toBe(1);
    // Each alert delivered once, under its idempotency key; the first post's 500 was retried.
    expect(delivered.length).toBe(3);
    expect(receiver.posts[0]!.status).toBe(500);
    expect(delivered.some((post) => post.headers['idempotency-key'] === receiver!.posts[0]!.headers['idempotency-key'])).toBe(true);
    const listed = (await (await world.get('/v1/alerts.json', { authorization: `Bearer ${CLIENT_KEY}` })).json()) as { alerts: { id: string }[] };
    expect(new Set(listed.alerts.map((alert) => alert.id))).toEqual(new Set(delivered.map((post) => post.headers['idempotency-key'])));
    const csv = await (await world.get(`/v1/totals/today/intraday.csv?key=${CLIENT_KEY}`, {})).text();
    expect(csv.split('\r\n')[0]).toBe(INTRADAY_COLUMNS.join(','));

    const metrics = await (await world.get('/metrics', { authorization: `Bearer ${CLIENT_KEY}` })).text();
    const elapsedMs = Date.now() - startedAt;
    const bodies = world.upstreamBodies;
    await world.close();
    world = undefined;

    // No request beyond one per window, none refused: snapshots and alerts rode on today's refreshes.
    const requests = simulator.log;
    expect(requests.every((entry) => entry.status === 200)).toBe(true);
    expect(requests.length).toBeLessThanOrEqual(Math.ceil(elapsedMs / WINDOW_MS) + 1);
    for (let index = 1; index < requests.length; index++) expect(requests[index]!.at - requests[index - 1]!.at).toBeGreaterThanOrEqual(WINDOW_MS);

    // Every snapshot is in the history, and the day's new leads add up to its last total.
    // One snapshot per answer for today that changed (how many windows passed depends on the machine's load).
    const snapshots = await history.readSnapshots({ from: TODAY, to: TODAY });
    const todayBodies = bodies.filter((body) => body.date === TODAY).map((body) => body.body);
    const changedAnswers = todayBodies.filter((body, index) => index === 0 || body !== todayBodies[index - 1]).length;
    expect(snapshots.length).toBeGreaterThanOrEqual(5);
    expect(snapshots.length).toBeGreaterThanOrEqual(changedAnswers - 1);
    expect(snapshots.length).toBeLessThanOrEqual(changedAnswers);
    expect(metricOf(metrics, 'zen_gateway_snapshots_total')).toBeLessThanOrEqual(snapshots.length);
    expect(metricOf(metrics, 'zen_gateway_alerts_total{kind="seller-silent"}')).toBe(2);
    expect(metricOf(metrics, 'zen_gateway_alert_deliveries_total{outcome="delivered"}')).toBe(3);
    const intraday = intradayOf(snapshots, TODAY);
    const last = intraday.points.at(-1)!;
    for (const user of last.users) expect(intraday.points.reduce((sum, point) => sum + (point.users.find((one) => one.name === user.name)?.newLeads ?? 0), 0)).toBe(user.totalLeads);
    // …which is the total of the last answer the simulator sent for today.
    const lastBody = JSON.parse(bodies.filter((body) => body.date === TODAY).at(-1)!.body) as { usuarios: { total_lead: string | number }[] };
    expect(sumOf(last.users)).toBe(lastBody.usuarios.reduce((sum, user) => sum + Number(user.total_lead), 0));
  }, 90_000);
});

/** Polls the gateway's intraday.json until the seller's count grows (they receive again). */
async function untilSellerReceives(target: GatewayWorld, seller: string): Promise<void> {
  const countNow = async (): Promise<number> => {
    const intraday = (await (await target.get('/v1/totals/today/intraday.json', { authorization: `Bearer ${CLIENT_KEY}` })).json()) as { points: { users: { name: string; totalLeads: number }[] }[] };
    return intraday.points.at(-1)?.users.find((user) => user.name === seller)?.totalLeads ?? 0;
  };
  const before = await countNow();
  const until = Date.now() + 10_000;
  while ((await countNow()) === before) {
    if (Date.now() > until) throw new Error(`${seller} received nothing within 10 s of the fault's end`);
    await sleep(100);
  }
}

function metricOf(text: string, name: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line === undefined ? 0 : Number(line.split(' ')[1]);
}

function sumOf(users: readonly { totalLeads: number }[]): number {
  return users.reduce((sum, user) => sum + user.totalLeads, 0);
}
