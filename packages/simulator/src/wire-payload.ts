/**
 * The JSON the CRM sends, field for field. Counts are strings the way PHP serialises database
 * rows ("12"); a `codigo` is sometimes a number; an empty collection is PHP's empty array `[]`.
 */
export interface LeadTotalsWirePayload {
  /** The requested day, echoed: `YYYY-MM-DD`. */
  data: string;
  usuarios: WireUserTotals[];
  /** `[]` when PHP had nothing to put in it. */
  erros: WireErrorCounts | [];
}

export interface WireUserTotals {
  nome: string;
  total_lead: string;
  origem: WireBreakdownEntry[];
  segmento: WireBreakdownEntry[];
  automacao: WireBreakdownEntry[];
  produtos_e_servicos: WireBreakdownEntry[];
}

export interface WireBreakdownEntry {
  codigo: string | number;
  nome: string;
  quantidade: string;
}

export interface WireErrorCounts {
  com_erro: string;
  sem_agrupamento: string;
  limite_de_contatos: string;
  duplicados: string;
}
