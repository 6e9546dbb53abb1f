/**
 * A large day as the API would send it: 500 users × 4 breakdowns × 20 entries, counts as
 * strings (PHP's habit), some codes as numbers — ≈2 MB of JSON. Deterministic.
 */
export function largeDayPayload(users = 500, entriesPerBreakdown = 20) {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const breakdown = (label) =>
    Array.from({ length: entriesPerBreakdown }, (_, i) => ({
      codigo: i % 3 === 0 ? 1000 + i : String(2000 + i),
      nome: `${label} ${i}`,
      quantidade: String(Math.floor(next() * 50)),
    }));
  return {
    data: '2026-01-05',
    usuarios: Array.from({ length: users }, (_, u) => ({
      nome: `Usuário ${u} da Silva`,
      total_lead: String(Math.floor(next() * 1000)),
      origem: breakdown('Origem'),
      segmento: breakdown('Segmento'),
      automacao: breakdown('Automação'),
      produtos_e_servicos: breakdown('Produto'),
    })),
    erros: { com_erro: '3', sem_agrupamento: '1', limite_de_contatos: '0', duplicados: '7' },
  };
}
