/**
 * The CRM's wire payload mapped to the core's model (packages/core/src/model.ts) by hand, written out independently of the
 * core's decoder: it is the oracle the decoder, the CLI's JSON and the history tests are checked
 * against, so it must never import the core. Key order follows the model, so `toStrictEqual` on
 * printed JSON holds too.
 */

/** The wire fields the mapping reads; loose, because tests hand it simulator payloads as they are. */
export interface WirePayloadByHand {
  data: string;
  usuarios?: readonly WireUserByHand[] | null;
  /** PHP sends `[]` when it had no counts. */
  erros?: WireErrorsByHand | readonly unknown[] | null;
}

export interface WireUserByHand {
  nome: string;
  total_lead: string | number;
  origem?: readonly WireEntryByHand[] | null;
  segmento?: readonly WireEntryByHand[] | null;
  automacao?: readonly WireEntryByHand[] | null;
  produtos_e_servicos?: readonly WireEntryByHand[] | null;
}

export interface WireEntryByHand {
  codigo: string | number;
  nome: string;
  quantidade: string | number;
}

export interface WireErrorsByHand {
  com_erro?: string | number;
  sem_agrupamento?: string | number;
  limite_de_contatos?: string | number;
  duplicados?: string | number;
}

/** The model's shape, spelt out here rather than imported, for the same independence. */
export interface TotalsByHand {
  date: string;
  users: {
    name: string;
    totalLeads: number;
    origins: EntryByHand[];
    segments: EntryByHand[];
    automations: EntryByHand[];
    productsAndServices: EntryByHand[];
  }[];
  errors: { withError: number; ungrouped: number; contactLimitExceeded: number; duplicates: number };
}

export interface EntryByHand {
  code: string;
  name: string;
  count: number;
}

export function mapWireByHand(wire: WirePayloadByHand): TotalsByHand {
  const entries = (list: readonly WireEntryByHand[] | null | undefined): EntryByHand[] =>
    (Array.isArray(list) ? list : []).map((entry: WireEntryByHand) => ({
      code: String(entry.codigo),
      name: String(entry.nome),
      count: Number(entry.quantidade),
    }));
  const erros: WireErrorsByHand = wire.erros && !Array.isArray(wire.erros) ? (wire.erros as WireErrorsByHand) : {};
  return {
    date: wire.data,
    users: (wire.usuarios ?? []).map((user) => ({
      name: user.nome,
      totalLeads: Number(user.total_lead),
      origins: entries(user.origem),
      segments: entries(user.segmento),
      automations: entries(user.automacao),
      productsAndServices: entries(user.produtos_e_servicos),
    })),
    errors: {
      withError: Number(erros.com_erro ?? 0),
      ungrouped: Number(erros.sem_agrupamento ?? 0),
      contactLimitExceeded: Number(erros.limite_de_contatos ?? 0),
      duplicates: Number(erros.duplicados ?? 0),
    },
  };
}
