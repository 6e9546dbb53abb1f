/**
 * The apps' test world (`@zen-leads/daily-shared/testing`): the simulator on loopback, a webhook
 * receiver, a state folder, running a runtime binary, and what the state folder's SQLite holds.
 */
export { startDailyFixture, TOKEN, type DailyFixture } from './daily-fixture.ts';
export { runBinary, type RunResult } from './run-binary.ts';
export { STATE_QUERIES, type StateRows } from './state-queries.ts';
export type { ReceivedPost, WebhookReceiver } from './webhook-receiver.ts';
