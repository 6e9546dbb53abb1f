/**
 * The API's wire format, described once with zod, and its mapping to the normalised model.
 * This is the single source of truth for what a valid response is; everything past
 * `decodeLeadTotals` speaks `LeadTotals`.
 *
 * The PHP original is loose in ways seen in the wild: counts as numeric strings, `codigo` as a
 * number, empty collections as `null`, `[]` or missing, and `erros` as `[]` (PHP's empty array).
 */
import * as z from 'zod/v4/mini';
import type { BreakdownEntry, LeadErrorCounts, LeadTotals, UserLeadTotals } from './model.js';

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
