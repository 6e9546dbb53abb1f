import {
  AUTOMATIONS,
  FIRST_NAMES,
  ORIGINS,
  PRODUCTS_AND_SERVICES,
  SEGMENTS,
  SURNAMES,
} from './crm-catalogs.js';
import { createSeededRandom, type SeededRandom } from './seeded-random.js';
import type {
  LeadTotalsWirePayload,
  WireBreakdownEntry,
  WireErrorCounts,
  WireUserTotals,
} from './wire-payload.js';

interface CatalogItem {
  code: number;
  name: string;
}

/** One CRM account: the same team and catalogue every day, so day-to-day series make sense. */
interface Account {
  team: string[];
  origins: CatalogItem[];
  segments: CatalogItem[];
  automations: CatalogItem[];
  productsAndServices: CatalogItem[];
}

function catalogue(random: SeededRandom, names: readonly string[], min: number, max: number): CatalogItem[] {
  const chosen = random.sample(names, random.int(min, Math.min(max, names.length)));
  // Database ids: distinct, not consecutive, not ordered like the names.
  const codes = random.sample(
    Array.from({ length: 240 }, (_, i) => i + 1),
    chosen.length,
  );
  return chosen.map((name, i) => ({ code: codes[i] ?? i + 1, name }));
}

function accountFor(seed: string): Account {
  const random = createSeededRandom(`${seed}#account`);
  const teamSize = random.int(3, 10);
  const team = new Set<string>();
  while (team.size < teamSize) {
    const middle = random.chance(0.35) ? ` ${random.pick(SURNAMES)}` : '';
    team.add(`${random.pick(FIRST_NAMES)}${middle} ${random.pick(SURNAMES)}`);
  }
  return {
    team: [...team],
    origins: catalogue(random, ORIGINS, 3, 8),
    segments: catalogue(random, SEGMENTS, 2, 5),
    automations: catalogue(random, AUTOMATIONS, 1, 4),
    productsAndServices: catalogue(random, PRODUCTS_AND_SERVICES, 2, 6),
  };
}

/** `total` split into `parts` positive whole numbers (fewer parts when `total` is small). */
function split(random: SeededRandom, total: number, parts: number): number[] {
  const count = Math.min(parts, total);
  if (count <= 0) return [];
  const weights = Array.from({ length: count }, () => random.next() + 0.05);
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  const spare = total - count;
  const shares = weights.map((w) => 1 + Math.floor((w / weightSum) * spare));
  let remainder = total - shares.reduce((sum, s) => sum + s, 0);
  for (let i = 0; remainder > 0; i = (i + 1) % count, remainder -= 1) shares[i] = (shares[i] ?? 0) + 1;
  return shares;
}

function breakdown(
  random: SeededRandom,
  items: readonly CatalogItem[],
  total: number,
  maxEntries: number,
  codesAsNumbers: boolean,
): WireBreakdownEntry[] {
  const chosen = random.sample(items, random.int(1, Math.min(maxEntries, items.length)));
  return split(random, total, chosen.length).map((count, i) => {
    const item = chosen[i] as CatalogItem;
    return { codigo: codesAsNumbers ? item.code : String(item.code), nome: item.name, quantidade: String(count) };
  });
}

function userTotals(random: SeededRandom, account: Account, name: string, codesAsNumbers: boolean): WireUserTotals {
  const total = random.chance(0.06) ? 0 : random.int(1, 45);
  // A lead with no origin still counts in total_lead: when `origem` is [] the total stands alone;
  // otherwise total_lead is exactly the sum of the origins.
  const origem = total > 0 && !random.chance(0.12) ? breakdown(random, account.origins, total, 4, codesAsNumbers) : [];
  const part = (share: number): number => random.int(Math.ceil(total * share), total);
  const segmento = total > 0 && !random.chance(0.25) ? breakdown(random, account.segments, part(0.5), 3, codesAsNumbers) : [];
  const automacao = total > 0 && !random.chance(0.4) ? breakdown(random, account.automations, part(0), 2, codesAsNumbers) : [];
  const produtos_e_servicos =
    total > 0 && !random.chance(0.3) ? breakdown(random, account.productsAndServices, part(0.3), 3, codesAsNumbers) : [];
  return { nome: name, total_lead: String(total), origem, segmento, automacao, produtos_e_servicos };
}

function errorCounts(random: SeededRandom, busy: boolean): WireErrorCounts | [] {
  if (random.chance(busy ? 0.15 : 0.5)) return [];
  const count = (max: number): string => String(busy && random.chance(0.6) ? random.int(1, max) : 0);
  return {
    com_erro: count(4),
    sem_agrupamento: count(6),
    limite_de_contatos: count(3),
    duplicados: count(8),
  };
}

/**
 * The payload the simulator serves for a seed and a day: the same (seed, date) gives the same
 * payload on every runtime and run. The simulator's seed for a token is the token itself, or
 * `${options.seed}/${token}` when `seed` is set; `simulator.payloadFor(token, date)` does that
 * for you.
 */
export function generateLeadTotalsPayload(seed: string | number, date: string): LeadTotalsWirePayload {
  const account = accountFor(String(seed));
  const random = createSeededRandom(`${String(seed)}#${date}`);
  if (random.chance(0.08)) return { data: date, usuarios: [], erros: errorCounts(random, false) };
  const codesAsNumbers = random.chance(0.2);
  const active = random.sample(account.team, random.int(1, account.team.length));
  const usuarios = active.map((name) => userTotals(random, account, name, codesAsNumbers));
  return { data: date, usuarios, erros: errorCounts(random, true) };
}

/** A day with nothing yet: what a future day answers. */
export function emptyLeadTotalsPayload(date: string): LeadTotalsWirePayload {
  return { data: date, usuarios: [], erros: [] };
}
