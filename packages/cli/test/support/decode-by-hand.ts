import type { LeadTotals, BreakdownEntry } from '@zen-leads/core';
import type { LeadTotalsWirePayload, WireBreakdownEntry } from '@zen-leads/simulator';

/**
 * The simulator's wire payload mapped to DESIGN.md's model by hand, independently of the core's
 * decoder: the expected answer the CLI's JSON must equal, key order included.
 */
export function decodeByHand(wire: LeadTotalsWirePayload): LeadTotals {
  const entries = (list: WireBreakdownEntry[] | null | undefined): BreakdownEntry[] =>
    (list ?? []).map((entry) => ({ code: String(entry.codigo), name: entry.nome, count: Number(entry.quantidade) }));
  const errors = Array.isArray(wire.erros)
    ? { withError: 0, ungrouped: 0, contactLimitExceeded: 0, duplicates: 0 }
    : {
        withError: Number(wire.erros.com_erro),
        ungrouped: Number(wire.erros.sem_agrupamento),
        contactLimitExceeded: Number(wire.erros.limite_de_contatos),
        duplicates: Number(wire.erros.duplicados),
      };
  return {
    date: wire.data,
    users: wire.usuarios.map((user) => ({
      name: user.nome,
      totalLeads: Number(user.total_lead),
      origins: entries(user.origem),
      segments: entries(user.segmento),
      automations: entries(user.automacao),
      productsAndServices: entries(user.produtos_e_servicos),
    })),
    errors,
  };
}
