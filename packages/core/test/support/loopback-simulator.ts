import { createSimulator, type Simulator, type SimulatorOptions } from '@zen-leads/simulator';
import { serve } from '@zen-leads/simulator/node';
import { afterAll } from 'vitest';

/** A simulator served over a real loopback socket, closed after the test file. */
export async function loopbackSimulator(options: SimulatorOptions = {}): Promise<{ sim: Simulator; url: string }> {
  const sim = createSimulator(options);
  const server = await serve(sim, { port: 0, hostname: '127.0.0.1' });
  afterAll(() => server.close());
  return { sim, url: server.url };
}

/** The model as DESIGN.md maps it, written out independently of the decoder under test. */
export function expectedTotals(payload: any): unknown {
  const entries = (list: any): unknown[] =>
    (Array.isArray(list) ? list : []).map((e: any) => ({ code: String(e.codigo), name: String(e.nome), count: Number(e.quantidade) }));
  const erros = payload.erros && !Array.isArray(payload.erros) ? payload.erros : {};
  return {
    date: payload.data,
    users: (payload.usuarios ?? []).map((u: any) => ({
      name: u.nome,
      totalLeads: Number(u.total_lead),
      origins: entries(u.origem),
      segments: entries(u.segmento),
      automations: entries(u.automacao),
      productsAndServices: entries(u.produtos_e_servicos),
    })),
    errors: {
      withError: Number(erros.com_erro ?? 0),
      ungrouped: Number(erros.sem_agrupamento ?? 0),
      contactLimitExceeded: Number(erros.limite_de_contatos ?? 0),
      duplicates: Number(erros.duplicados ?? 0),
    },
  };
}
