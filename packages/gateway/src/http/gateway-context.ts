import type { ClientKeyring } from '../auth/client-keys.js';
import type { DashboardSessions } from '../auth/dashboard-sessions.js';
import type { GatewayMetrics } from '../gateway-metrics.js';
import type { HistoryRecorder } from '../history/history-recorder.js';
import type { IdleWindowScheduler } from '../scheduler/idle-window-scheduler.js';
import type { TodayInterest } from '../scheduler/today-interest.js';
import type { Upstream } from '../upstream/upstream.js';
import type { ClientRateLimiter } from './client-rate-limiter.js';
import type { HeldClients } from './held-clients.js';

/** Everything the routes share: one per gateway. */
export interface GatewayContext {
  upstream: Upstream;
  keyring: ClientKeyring;
  limiter: ClientRateLimiter;
  sessions: DashboardSessions;
  metrics: GatewayMetrics;
  interest: TodayInterest;
  scheduler: IdleWindowScheduler;
  history: HistoryRecorder | undefined;
  /** The API's window. */
  windowMs: number;
  /** Aborted when the gateway starts shutting down. */
  closing: AbortSignal;
  /** Client requests held open for their day right now; all let go on shutdown. */
  held: HeldClients;
  log: (line: string) => void;
}
