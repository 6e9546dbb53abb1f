/**
 * What a Brazilian CRM account holds: people's names (accents included, since they reach
 * spreadsheets and must survive UTF-8 end to end), lead origins, segments, automations and
 * products. The seeded generator draws each account's catalogue from these lists.
 */

export const FIRST_NAMES: readonly string[] = [
  'Ana Paula', 'João Pedro', 'Maria Eduarda', 'José', 'Luís Felipe', 'Márcia', 'Cláudia', 'Fábio',
  'Sérgio', 'Antônio', 'Mônica', 'Letícia', 'Vinícius', 'Lúcia', 'Otávio', 'Patrícia', 'Júlia',
  'Caio', 'Beatriz', 'Thaís', 'Renata', 'Gustavo', 'Rafael', 'Camila', 'Felipe', 'Débora',
  'André', 'Simone', 'Igor', 'Conceição', 'Raí', 'Inês',
];

export const SURNAMES: readonly string[] = [
  'Souza', 'Lima', 'Silva', 'Santos', 'Oliveira', 'Pereira', 'Conceição', 'Araújo', 'Gonçalves',
  'Magalhães', 'Brandão', 'Falcão', 'Assunção', 'Guimarães', 'Ribeiro', 'Carvalho', 'Gomes',
  'Martins', 'Rocha', 'Almeida', 'Nóbrega', 'Simões', 'Monteiro', 'Cardoso', 'Câmara', 'Peçanha',
];

export const ORIGINS: readonly string[] = [
  'Site', 'Facebook Ads', 'Google Ads', 'Indicação', 'WhatsApp', 'Instagram', 'RD Station',
  'Telefone', 'E-mail marketing', 'Portal Zap Imóveis', 'OLX', 'Webmotors', 'Feirão',
  'Loja física', 'LinkedIn', 'Chat do site',
];

export const SEGMENTS: readonly string[] = [
  'Imóveis', 'Automóveis', 'Educação', 'Saúde', 'Seguros', 'Consórcio', 'Turismo', 'Varejo',
  'Tecnologia', 'Energia Solar',
];

export const AUTOMATIONS: readonly string[] = [
  'Boas-vindas por WhatsApp', 'Distribuição por rodízio', 'Follow-up em 24h',
  'Reengajamento após 30 dias', 'Pesquisa de satisfação', 'Nutrição de leads frios',
  'Lembrete de visita', 'Aniversário do cliente',
];

export const PRODUCTS_AND_SERVICES: readonly string[] = [
  'Apartamento 2 quartos', 'Casa em condomínio', 'Plano odontológico', 'Seguro auto',
  'Curso de inglês', 'MBA executivo', 'Consórcio de imóvel', 'SUV 0 km', 'Seminovo certificado',
  'Kit energia solar 5 kWp', 'Plano de saúde familiar', 'Pacote Nordeste 7 noites',
];
