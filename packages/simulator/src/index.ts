/**
 * @zen-leads/simulator: a fake CRM Zen "Totais de Distribuição de Leads por usuários" v1.0
 * endpoint as a plain fetch handler. No `node:` import anywhere in this entry, so Node, Bun and
 * Deno load it unchanged; the Node server lives in `@zen-leads/simulator/node`.
 */
export {
  createSimulator,
  DEFAULT_WINDOW_MS,
  DEMO_TOKEN,
  type Simulator,
  type SimulatorOptions,
  type TokenSpec,
  type TokenStatus,
} from './simulator.js';
export { API_MESSAGES, rateLimitMessage } from './api-messages.js';
export {
  DEFAULT_SLOW_DELAY_MS,
  FAULT_DELAY_HEADER,
  FAULT_HEADER,
  FAULT_KINDS,
  type Fault,
  type FaultKind,
  type FaultSpec,
} from './fault-modes.js';
export { ConnectionDroppedError, isConnectionDropped } from './connection-dropped-error.js';
export { serverErrorFallback } from './server-error-fallback.js';
export { emptyLeadTotalsPayload, generateLeadTotalsPayload } from './lead-totals-payload.js';
export type {
  LeadTotalsWirePayload,
  WireBreakdownEntry,
  WireErrorCounts,
  WireUserTotals,
} from './wire-payload.js';
export type { RequestLogEntry } from './request-log.js';
export { formatSaoPauloDateTime, saoPauloDateOf, saoPauloMsOfDay, SAO_PAULO_TIME_ZONE } from './sao-paulo-time.js';
export {
  TODAY_PROBLEMS,
  type ProblemsPileUpFault,
  type SellerStopsFault,
  type TodayFault,
  type TodayOptions,
  type TodayProblem,
} from './today/today-options.js';
export { todayLeadsAt } from './today/today-leads-at.js';
export { HOURLY_ARRIVAL_WEIGHTS } from './today/arrival-curve.js';
export { tokenHash } from './token-hash.js';
export { createSeededRandom, hashSeed, type SeededRandom } from './seeded-random.js';
