import { dateRange, type BreakdownEntry, type LeadTotals } from '@zen-leads/core';
import { generateLeadTotalsPayload, type LeadTotalsWirePayload, type WireBreakdownEntry } from '@zen-leads/simulator';

/**
 * The simulator's seeded days (its demo account), mapped from the wire format to the model by
 * hand: report tests need realistic Brazilian data, not the core's decoder.
 */
export function seededDays(from: string, to: string, skip: readonly string[] = []): LeadTotals[] {
  return dateRange(from, to)
    .filter((date) => !skip.includes(date))
    .map((date) => fromWire(generateLeadTotalsPayload('demo-token', date) as LeadTotalsWirePayload));
}

function fromWire(wire: LeadTotalsWirePayload): LeadTotals {
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
