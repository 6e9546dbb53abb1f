import { formatSaoPauloDateTime } from '@zen-leads/core';
import { rateLimitMessage } from '@zen-leads/core/internal';

/**
 * The CRM Zen API's own words come from the core (the wire contract, checked word for word
 * against the spec): `/api/totais_lead` is a drop-in for the API, and clients match on them.
 */
export { API_MESSAGES, rateLimitMessage } from '@zen-leads/core/internal';

const JSON_TYPE = 'application/json; charset=utf-8';

/** `{"error": "…"}` with the API's status, as the API sends it. */
export function apiError(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: message }), { status, headers: { 'content-type': JSON_TYPE, ...headers } });
}

/** Whole seconds from `now` until `at`, at least 1: the `Retry-After` value. */
export function retryAfterSeconds(at: Date, now: number): number {
  return Math.max(1, Math.ceil((at.getTime() - now) / 1000));
}

/** A 429 in the API's format, with `Retry-After`. */
export function apiRateLimited(lastRequestAt: Date, availableAt: Date, now: number, headers: Record<string, string> = {}): Response {
  return apiError(429, rateLimitMessage(lastRequestAt, availableAt), { 'retry-after': String(retryAfterSeconds(availableAt, now)), ...headers });
}

/** The gateway's own refusals on `/api/totais_lead`, in the API's language (Portuguese) and format. */
export const GATEWAY_MESSAGES = {
  keyQueueFull: (limit: number, at: Date): string =>
    `Este token já tem ${limit} dias na fila do gateway, o máximo por token. Aguarde esses dias chegarem e tente novamente depois de ${formatSaoPauloDateTime(at)}.`,
  queueFull: (limit: number, at: Date): string =>
    `A fila do gateway está cheia: ${limit} dias aguardam a janela do CRM Zen. Tente novamente depois de ${formatSaoPauloDateTime(at)}.`,
  closing: 'O gateway está sendo encerrado e não aceita novos pedidos. Tente novamente em instantes.',
  /** Never a 401: that would tell the client its own key is wrong. */
  upstreamTokenRefused: (apiMessage: string | undefined): string =>
    `O token do gateway foi recusado pelo CRM Zen (${apiMessage ?? 'Token inválido'}). Atualize o token do gateway.`,
} as const;
