/**
 * What the API answers, read once: the wire schema and its decoding to the model, a 200 body
 * parsed, and every other status turned into its typed error (a 429 into `RateLimitedError`).
 */
import * as z from 'zod/v4/mini';
import type { BreakdownEntry, LeadErrorCounts, LeadTotals, UserLeadTotals } from './model.js';
import { ZenResponseError, ZenAuthError, type ZenAuthReason, ZenBadRequestError, type ZenError, ZenMethodError, ZenServerError, RateLimitedError } from './errors.js';
import { parseRateLimitMessage, cooldownAfterRateLimit } from './api-messages.js';
import { formatSaoPauloDateTime } from './sao-paulo-calendar.js';
import type { TransportResponse } from './transport.js';

/**
 * The API's wire format, described once with zod, and its mapping to the normalised model.
 * This is the single source of truth for what a valid response is; everything past
 * `decodeLeadTotals` speaks `LeadTotals`.
 *
 * The PHP original is loose in ways seen in the wild: counts as numeric strings, `codigo` as a
 * number, empty collections as `null`, `[]` or missing, and `erros` as `[]` (PHP's empty array).
 */
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;
// At most 15 digits: every such count is exact as a JavaScript number.
const COUNT_TEXT = /^\d{1,15}$/;

/** A count: a non-negative integer, or the same written as a string. */
const COUNT_EXPECTED = 'expected a count (a whole number ≥ 0, or one written as a string)';
const count = z.pipe(
  z.union([z.int().check(z.minimum(0)), z.string().check(z.regex(COUNT_TEXT, COUNT_EXPECTED))], { error: COUNT_EXPECTED }),
  z.transform((value: number | string): number => (typeof value === 'number' ? value : Number(value))),
);

/** A code or a name: text, or a number that is turned into text. */
const text = z.pipe(
  z.union([z.string(), z.number().check(z.refine(Number.isFinite))], { error: 'expected text (a string or a number)' }),
  z.transform((value: string | number): string => String(value)),
);

const isEmptyObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;

/** A collection the API may leave out, send as `null`, or send as PHP's empty `[]`/`{}`. */
function collection<T extends z.ZodMiniType>(item: T): z.ZodMiniType<z.output<T>[], unknown> {
  return z.pipe(
    z.transform((value: unknown): unknown => (value === undefined || value === null || isEmptyObject(value) ? [] : value)),
    z.array(item, { error: 'expected a list' }),
  ) as unknown as z.ZodMiniType<z.output<T>[], unknown>;
}

const breakdownEntry: z.ZodMiniType<BreakdownEntry, unknown> = z.pipe(
  z.object({ codigo: text, nome: text, quantidade: count }, { error: 'expected an object { codigo, nome, quantidade }' }),
  z.transform((entry): BreakdownEntry => ({ code: entry.codigo, name: entry.nome, count: entry.quantidade })),
);

const breakdown = collection(breakdownEntry);

const user: z.ZodMiniType<UserLeadTotals, unknown> = z.pipe(
  z.object(
    {
      nome: text,
      total_lead: count,
      origem: breakdown,
      segmento: breakdown,
      automacao: breakdown,
      produtos_e_servicos: breakdown,
    },
    { error: 'expected a user object { nome, total_lead, … }' },
  ),
  z.transform(
    (wire): UserLeadTotals => ({
      name: wire.nome,
      totalLeads: wire.total_lead,
      origins: wire.origem,
      segments: wire.segmento,
      automations: wire.automacao,
      productsAndServices: wire.produtos_e_servicos,
    }),
  ),
);

const optionalCount = z.pipe(
  z.transform((value: unknown): unknown => (value === undefined || value === null ? 0 : value)),
  count,
);

const errorCounts: z.ZodMiniType<LeadErrorCounts, unknown> = z.pipe(
  z.transform((value: unknown): unknown => (value === undefined || value === null || isEmptyObject(value) || (Array.isArray(value) && value.length === 0) ? {} : value)),
  z.pipe(
    z.object(
      {
        com_erro: optionalCount,
        sem_agrupamento: optionalCount,
        limite_de_contatos: optionalCount,
        duplicados: optionalCount,
      },
      { error: 'expected an object { com_erro, sem_agrupamento, limite_de_contatos, duplicados }' },
    ),
    z.transform(
      (wire): LeadErrorCounts => ({
        withError: wire.com_erro,
        ungrouped: wire.sem_agrupamento,
        contactLimitExceeded: wire.limite_de_contatos,
        duplicates: wire.duplicados,
      }),
    ),
  ),
);

/** A whole response body, decoded to the normalised model. */
export const leadTotalsWireSchema: z.ZodMiniType<LeadTotals, unknown> = z.pipe(
  z.object(
    {
      data: z.string({ error: 'expected the day as a string "YYYY-MM-DD"' }).check(z.regex(DATE_TEXT, 'expected the day as "YYYY-MM-DD"')),
      usuarios: collection(user),
      erros: errorCounts,
    },
    { error: 'expected a JSON object { data, usuarios, erros }' },
  ),
  z.transform((wire): LeadTotals => ({ date: wire.data, users: wire.usuarios, errors: wire.erros })),
);

/**
 * Decodes a parsed response body (wire names) into `LeadTotals`. Throws `ZenResponseError`
 * naming the first path that breaks the shape, e.g. `usuarios[3].origem[0].quantidade`.
 *
 * @example
 * ```ts
 * const totals = decodeLeadTotals(JSON.parse(bodyFromTheApi));
 * ```
 */
export function decodeLeadTotals(payload: unknown): LeadTotals {
  const result = leadTotalsWireSchema.safeParse(payload);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = formatPath(issue?.path ?? []);
  const found = describeValue(valueAt(payload, issue?.path ?? []));
  throw new ZenResponseError(
    `The API's answer is not the documented totals: at ${path === '' ? 'the root' : path}, ${issue?.message ?? 'invalid shape'}, got ${found}.`,
    'Check that the URL is the integration URL; if it is, CRM Zen changed its format: report it with the path above.',
    path === '' ? {} : { path },
  );
}

/** `['usuarios', 3, 'origem', 0, 'quantidade']` → `usuarios[3].origem[0].quantidade`. */
function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** A 200 body parsed and decoded: the model, and the JSON exactly as sent. */
export interface DecodedBody {
  totals: LeadTotals;
  raw: unknown;
}

/** Parses a 200 body as JSON and decodes it; a `ZenResponseError` carrying `status` otherwise. */
export function parseLeadTotalsBody(body: string, status: number): DecodedBody {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    const excerpt = excerptOf(body);
    throw new ZenResponseError(
      `The API answered ${status} with a body that is not JSON: ${excerpt === '' ? 'an empty body' : JSON.stringify(excerpt)}.`,
      'Check that the URL is the integration URL, then try again later.',
      { status, excerpt },
    );
  }
  try {
    return { totals: decodeLeadTotals(raw), raw };
  } catch (error) {
    if (!(error instanceof ZenResponseError)) throw error;
    throw new ZenResponseError(error.problem, error.hint, { status, ...(error.path === undefined ? {} : { path: error.path }) });
  }
}

/** The first characters of a body, on one line, for error messages. */
export function excerptOf(body: string, length = 120): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

/** The API's `{"error": "…"}` text, or `undefined` when the body is something else. */
export function apiMessageOf(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { error?: unknown }).error === 'string') {
      return (parsed as { error: string }).error;
    }
  } catch {
    // Not JSON: the caller reports an excerpt instead.
  }
  return undefined;
}

/** Reads the reason out of the API's Portuguese 401 messages. */
export function authReasonOf(apiMessage: string | undefined): ZenAuthReason {
  const text = (apiMessage ?? '').toLowerCase();
  if (text.includes('não informado') || text.includes('nao informado')) return 'missing';
  if (text.includes('desabilitado')) return 'disabled';
  if (text.includes('inválido') || text.includes('invalido')) return 'invalid';
  if (text.includes('não autorizado') || text.includes('nao autorizado')) return 'unauthorized';
  return 'unknown';
}

/**
 * The typed error for an answer other than 200 and 429. `body` is already scrubbed of the token
 * (a server may echo it back).
 */
export function errorForStatus(status: number, body: string): ZenError {
  const apiMessage = apiMessageOf(body);
  const excerpt = excerptOf(body);
  const said = apiMessage === undefined ? `with ${excerpt === '' ? 'an empty body' : JSON.stringify(excerpt)}` : `"${apiMessage}"`;
  const options = { status, ...(apiMessage === undefined ? {} : { apiMessage }) };
  switch (status) {
    case 400:
      return new ZenBadRequestError(`The API rejected the day (400): ${said}.`, 'Pass the day as YYYY-MM-DD.', options);
    case 401:
      return new ZenAuthError(`The API refused the token (401): ${said}.`, 'Copy the token again from CRM Zen → Integração.', authReasonOf(apiMessage), options);
    case 405:
      return new ZenMethodError(`The API refused the method (405): ${said}.`, 'Check that the URL is the integration URL itself.', options);
    default:
      if (status >= 500) return new ZenServerError(`The API failed (${status}) ${said}.`, 'Try again later.', options);
      return new ZenResponseError(`The API answered with the undocumented status ${status} ${said}.`, 'Check the integration URL.', {
        ...options,
        excerpt,
      });
  }
}

/**
 * The error for a 429: when the API accepts the token again, read from its message and measured
 * against its own `Date` header (so our clock's error does not enter), plus a margin.
 */
export function apiRateLimitError(response: TransportResponse, scrubbedBody: string, now: number, windowMs: number): RateLimitedError {
  const apiMessage = apiMessageOf(scrubbedBody);
  const message = parseRateLimitMessage(apiMessage);
  const retryAfterMs = cooldownAfterRateLimit({
    message,
    dateHeader: response.headers.get('date'),
    retryAfterHeader: response.headers.get('retry-after'),
    now,
    windowMs,
  });
  const retryAt = new Date(now + retryAfterMs);
  const at = `${formatSaoPauloDateTime(retryAt)} (America/Sao_Paulo)`;
  return new RateLimitedError(
    `The API's rate limit is in force (429): ${apiMessage === undefined ? 'too many requests' : `"${apiMessage}"`}.`,
    `The next request is possible at ${at}. Try again then, or set onRateLimit: 'wait'.`,
    {
      reason: 'api',
      status: 429,
      ...(apiMessage === undefined ? {} : { apiMessage }),
      ...(message.lastRequestAt ? { lastRequestAt: message.lastRequestAt } : {}),
      retryAt,
      retryAfterMs,
      windowMs,
    },
  );
}
