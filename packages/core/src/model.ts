/**
 * The normalised model: what every part of Zen Lead Totals past the wire decoder speaks.
 * Wire names (the API's Portuguese fields) are noted beside each property; they are decoded in
 * exactly one place, the zod schema in `response.ts`.
 */

/** One day's lead-distribution totals (the response root). */
export interface LeadTotals {
  /** `data` — the calendar day, `YYYY-MM-DD`, in America/Sao_Paulo. */
  date: string;
  /** `usuarios` — one entry per user who received leads. */
  users: UserLeadTotals[];
  /** `erros` — all zero when the API sends it empty (`{}`, `[]` or missing). */
  errors: LeadErrorCounts;
}

/** One user's totals for the day (`usuarios[i]`). */
export interface UserLeadTotals {
  /** `nome` */
  name: string;
  /** `total_lead` */
  totalLeads: number;
  /** `origem` */
  origins: BreakdownEntry[];
  /** `segmento` */
  segments: BreakdownEntry[];
  /** `automacao` */
  automations: BreakdownEntry[];
  /** `produtos_e_servicos` */
  productsAndServices: BreakdownEntry[];
}

/** One line of a breakdown: `{ codigo, nome, quantidade }`. */
export interface BreakdownEntry {
  /** `codigo` — always a string, even when the API sends a number. */
  code: string;
  /** `nome` */
  name: string;
  /** `quantidade` */
  count: number;
}

/** The day's error counts (`erros`). */
export interface LeadErrorCounts {
  /** `com_erro` */
  withError: number;
  /** `sem_agrupamento` */
  ungrouped: number;
  /** `limite_de_contatos` */
  contactLimitExceeded: number;
  /** `duplicados` */
  duplicates: number;
}

/** The four breakdown dimensions, as named in row views. */
export type Dimension = 'origin' | 'segment' | 'automation' | 'productOrService';

/** Which `UserLeadTotals` property holds each dimension. */
export const DIMENSION_FIELDS: Readonly<Record<Dimension, 'origins' | 'segments' | 'automations' | 'productsAndServices'>> = {
  origin: 'origins',
  segment: 'segments',
  automation: 'automations',
  productOrService: 'productsAndServices',
};

/** The dimensions in a stable order. */
export const DIMENSIONS: readonly Dimension[] = ['origin', 'segment', 'automation', 'productOrService'];
