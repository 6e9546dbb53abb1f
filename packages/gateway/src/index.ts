/**
 * `@zen-leads/gateway`: one gateway owns the CRM Zen token and shares its 5-minute window with
 * every tool of the company — the API's own contract on `/api/totais_lead`, the model and CSV
 * views on `/v1/totals/…`, a live dashboard on `/`, `/healthz` and `/metrics`. A web-standard fetch
 * handler on Hono: Node (`@zen-leads/gateway/node`), Bun and Deno.
 *
 * @example
 * ```ts
 * import { createGateway } from '@zen-leads/gateway';
 * import { serveGateway } from '@zen-leads/gateway/node';
 * const gateway = createGateway({ url: process.env.ZEN_URL!, token: process.env.ZEN_TOKEN!, clientKeys: ['…a long random key…'] });
 * const server = await serveGateway(gateway, { port: 8787 });
 * process.once('SIGTERM', () => server.close());
 * ```
 * @module
 */
export { createGateway } from './create-gateway.js';
export type { Gateway, GatewayOptions } from './gateway-options.js';
export { GatewayConfigError, isGatewayConfigError, type GatewayConfigField, type GatewayConfigReason } from './gateway-options.js';
export { CLIENT_KEY_MIN_LENGTH, clientKeyDigestLine, clientKeyProblem, parseClientKeysFile, parseClientKeysList } from './auth/client-keys.js';
export { DEFAULT_CLIENT_RATE_LIMIT, type ClientRateLimit } from './http/client-rate-limiter.js';
export { API_MESSAGES, API_PATH, rateLimitMessage } from './http/api-route.js';
export { MAX_PREFER_WAIT_SECONDS } from './http/obtain-day.js';
export { SESSION_COOKIE, SESSION_IDLE_SECONDS, SESSION_MAX_AGE_SECONDS } from './auth/dashboard-sessions.js';
export { checkKeysFileMode, duplicateKeyLines, type DuplicateKeyLine } from './auth/client-keys-file.js';
export { SESSION_SECRET_MIN_LENGTH } from './auth/session-secrets.js';
export { DEFAULT_WRONG_KEY_LIMIT, type WrongKeyLimit } from './auth/wrong-key-throttle.js';
export type { GatewayConnection } from './auth/client-address.js';
export type { Alert, AlertKind } from './alerts/alert.js';
export { ALERT_KINDS } from './alerts/alert.js';
export type { AlertRule, AlertRules, AlertWebhook, BelowTypicalRule, ProblemCountRule, SellerShareRule, SellerSilentRule, Problem, WatchedProblem } from './alerts/alert-rules.js';
export { PROBLEMS } from './alerts/alert-rules.js';
export { AlertRulesError, isAlertRulesError } from './alerts/alert-rules-error.js';
export { loadAlertRules, parseAlertRules } from './alerts/parse-alert-rules.js';
export { evaluateRules, type Condition, type EvaluationInput } from './alerts/evaluate-rules.js';
export { AlertEngine, type AlertClaimStore, type AlertEngineOptions, type ObserveContext } from './alerts/alert-engine.js';
export { WebhookDelivery, type DeliveryOutcome, type WebhookDeliveryOptions } from './alerts/webhook-delivery.js';
