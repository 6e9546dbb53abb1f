import { isStoreOutage } from '../store/store-outage-error.js';
import { apiError } from './api-responses.js';

/** How soon a client may try again: the store's watch looks every half second. */
const RETRY_AFTER_SECONDS = 5;

/**
 * `/api/totais_lead` when the gateway's own store is down: 503 in the API's `{"error": …}`
 * format, in the API's language, naming the gateway's store (not the CRM). Undefined for any other error.
 */
export function apiStoreOutage(error: unknown): Response | undefined {
  if (!isStoreOutage(error)) return undefined;
  return apiError(
    503,
    `O armazenamento do gateway (${error.store}) está indisponível: sem ele o gateway não controla a janela do token nem o cache, e nada foi enviado à API do CRM Zen. Tente novamente em alguns segundos.`,
    { 'retry-after': String(RETRY_AFTER_SECONDS) },
  );
}

/** `/v1/*` when the gateway's own store is down: 503 in `/v1`'s `{ error, code }` shape. */
export function v1StoreOutage(error: unknown, date: string): Response | undefined {
  if (!isStoreOutage(error)) return undefined;
  const body = {
    error: `The gateway's own store (${error.store}) is unreachable since ${error.since.toISOString()}: without it the gateway cannot keep the token's window or read its cache, so nothing was sent to the CRM Zen API. Retry in a few seconds; /healthz says when the store is back.`,
    code: 'store-unavailable',
    date,
    store: error.store,
  };
  return new Response(JSON.stringify(body), { status: 503, headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(RETRY_AFTER_SECONDS) } });
}
