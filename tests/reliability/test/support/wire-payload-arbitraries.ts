/**
 * fast-check arbitraries for the API's wire payload, each paired with the model it must decode to.
 * The expected model is built here from the generator's own choices, independently of the
 * decoder, so the property compares two implementations rather than the decoder with itself.
 *
 * The generators cover the looseness the spec and the PHP original allow: counts as numbers or
 * numeric strings, `codigo`/`nome` as strings or numbers, collections missing, `null`, `[]` or
 * `{}`, `erros` as `{}`, `[]`, missing or partial, and unknown extra fields anywhere.
 */
import type { BreakdownEntry, LeadErrorCounts, LeadTotals, UserLeadTotals } from '@zen-leads/core';
import fc from 'fast-check';

/** A wire value and the model value it decodes to. */
export interface Pair<W, M> {
  wire: W;
  model: M;
}

type Json = unknown;
const ABSENT: unique symbol = Symbol('absent');

/** Puts `value` under `key` unless it is ABSENT (a field the API left out). */
function withField(target: Record<string, Json>, key: string, value: Json | typeof ABSENT): Record<string, Json> {
  if (value !== ABSENT) target[key] = value;
  return target;
}

/**
 * Fields the API might add one day; the decoder ignores them. `__proto__` included on purpose.
 * On one object in four: any JSON value is the costliest thing to generate here, and a rarer
 * extra field still lands on every level of the payload many times per run.
 */
const extraFields: fc.Arbitrary<Record<string, Json>> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('extra', 'id_usuario', '__proto__', 'constructor', 'toString', 'obs'), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 2 }) },
);

/** A count: a whole number ≥ 0 (up to 15 digits), as a number or a string of digits. */
export const countPair: fc.Arbitrary<Pair<Json, number>> = fc
  .oneof(fc.nat({ max: 10_000 }), fc.integer({ min: 0, max: 999_999_999_999_999 }))
  .chain((n) =>
    fc.constantFrom<Pair<Json, number>>(
      { wire: n, model: n },
      { wire: String(n), model: n },
      // PHP may zero-pad; still the same count.
      { wire: String(n).padStart(Math.min(15, String(n).length + 2), '0'), model: n },
    ),
  );

/** A code or a name: any string, or a finite number (turned into its string form). */
export const textPair: fc.Arbitrary<Pair<Json, string>> = fc.oneof(
  fc.string({ maxLength: 24, unit: 'grapheme' }).map((text) => ({ wire: text, model: text })),
  fc.constantFrom('Indicação', 'Conceição Guimarães', 'Loja física', '', ' ', 'São Paulo — 5 kWp').map((text) => ({ wire: text, model: text })),
  fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.double({ noNaN: true, noDefaultInfinity: true })).map((n) => ({ wire: n, model: String(n) })),
);

export const breakdownEntryPair: fc.Arbitrary<Pair<Json, BreakdownEntry>> = fc
  .record({ code: textPair, name: textPair, count: countPair, extra: extraFields })
  .map(({ code, name, count, extra }) => ({
    wire: Object.assign(JSON.parse(JSON.stringify(extra)) as Record<string, Json>, { codigo: code.wire, nome: name.wire, quantidade: count.wire }),
    model: { code: code.model, name: name.model, count: count.model },
  }));

/** A breakdown collection: a list, or the API's ways of saying "none". */
export const breakdownPair: fc.Arbitrary<Pair<Json | typeof ABSENT, BreakdownEntry[]>> = fc.oneof(
  { weight: 4, arbitrary: fc.array(breakdownEntryPair, { maxLength: 4 }).map((entries) => ({ wire: entries.map((e) => e.wire), model: entries.map((e) => e.model) })) },
  { weight: 1, arbitrary: fc.constantFrom<Json | typeof ABSENT>(ABSENT, null, [], {}).map((wire) => ({ wire, model: [] as BreakdownEntry[] })) },
);

export const userPair: fc.Arbitrary<Pair<Json, UserLeadTotals>> = fc
  .record({
    name: textPair,
    total: countPair,
    origem: breakdownPair,
    segmento: breakdownPair,
    automacao: breakdownPair,
    produtos: breakdownPair,
    extra: extraFields,
  })
  .map(({ name, total, origem, segmento, automacao, produtos, extra }) => {
    const wire = JSON.parse(JSON.stringify(extra)) as Record<string, Json>;
    Object.assign(wire, { nome: name.wire, total_lead: total.wire });
    withField(wire, 'origem', origem.wire);
    withField(wire, 'segmento', segmento.wire);
    withField(wire, 'automacao', automacao.wire);
    withField(wire, 'produtos_e_servicos', produtos.wire);
    return {
      wire,
      model: {
        name: name.model,
        totalLeads: total.model,
        origins: origem.model,
        segments: segmento.model,
        automations: automacao.model,
        productsAndServices: produtos.model,
      },
    };
  });

const ZERO_ERRORS: LeadErrorCounts = { withError: 0, ungrouped: 0, contactLimitExceeded: 0, duplicates: 0 };

/** `erros`: empty in PHP's ways, or counts, each possibly missing or null (→ 0). */
export const errorCountsPair: fc.Arbitrary<Pair<Json | typeof ABSENT, LeadErrorCounts>> = fc.oneof(
  fc.constantFrom<Json | typeof ABSENT>(ABSENT, null, {}, []).map((wire) => ({ wire, model: ZERO_ERRORS })),
  fc
    .record({
      com_erro: fc.option(countPair),
      sem_agrupamento: fc.option(countPair),
      limite_de_contatos: fc.option(countPair),
      duplicados: fc.option(countPair),
      missing: fc.subarray(['com_erro', 'sem_agrupamento', 'limite_de_contatos', 'duplicados']),
    })
    .map((fields) => {
      const wire: Record<string, Json> = {};
      const valueOf = (key: 'com_erro' | 'sem_agrupamento' | 'limite_de_contatos' | 'duplicados'): number => {
        if (fields.missing.includes(key)) return 0;
        const pair = fields[key];
        wire[key] = pair === null ? null : pair.wire;
        return pair === null ? 0 : pair.model;
      };
      const model: LeadErrorCounts = {
        withError: valueOf('com_erro'),
        ungrouped: valueOf('sem_agrupamento'),
        contactLimitExceeded: valueOf('limite_de_contatos'),
        duplicates: valueOf('duplicados'),
      };
      return { wire, model };
    }),
);

/** `data`: the decoder checks the `YYYY-MM-DD` shape (the client checked the day it asked for). */
const dayText = fc
  .record({ year: fc.integer({ min: 2015, max: 2030 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
  .map(({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);

/** A whole valid payload and its model. */
export const leadTotalsPair: fc.Arbitrary<Pair<Record<string, Json>, LeadTotals>> = fc
  .record({
    date: dayText,
    users: fc.oneof(
      { weight: 6, arbitrary: fc.array(userPair, { maxLength: 6 }).map((users) => ({ wire: users.map((u) => u.wire) as Json | typeof ABSENT, model: users.map((u) => u.model) })) },
      { weight: 1, arbitrary: fc.constantFrom<Json | typeof ABSENT>(ABSENT, null, [], {}).map((wire) => ({ wire, model: [] as UserLeadTotals[] })) },
    ),
    errors: errorCountsPair,
    extra: extraFields,
  })
  .map(({ date, users, errors, extra }) => {
    const wire = JSON.parse(JSON.stringify(extra)) as Record<string, Json>;
    wire.data = date;
    withField(wire, 'usuarios', users.wire);
    withField(wire, 'erros', errors.wire);
    return { wire, model: { date, users: users.model, errors: errors.model } };
  });

// ---------------------------------------------------------------------------------------------
// Mutations: each turns a valid payload into one that breaks the shape at a known path.
// ---------------------------------------------------------------------------------------------

/** A path into the wire payload, as the decoder names it (`usuarios[3].origem[0].quantidade`). */
export type WirePath = (string | number)[];

export function formatWirePath(path: WirePath): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? key : `.${key}`)).join('');
}

/** Values no count may be: negative, fractional, not a number, too long, the wrong type. */
export const invalidCount: fc.Arbitrary<Json> = fc.oneof(
  fc.integer({ min: -1_000_000, max: -1 }),
  fc.double({ min: 0.0001, max: 1e6, noNaN: true }).filter((n) => !Number.isInteger(n)),
  fc.constantFrom<Json>('', ' 12', '12 ', '-1', '1.5', '1e3', '0x10', '١٢', 'doze', '1_000', '+3', '9999999999999999', Number.NaN, Number.POSITIVE_INFINITY, 1e16 + 0.5),
  fc.string({ minLength: 16, maxLength: 20, unit: fc.constantFrom('0', '1', '7', '9') }),
  fc.constantFrom<Json>(true, false, null, {}, [], [1], { valor: 1 }),
);

/** Values no code or name may be. */
export const invalidText: fc.Arbitrary<Json> = fc.constantFrom<Json>(null, true, false, {}, [], ['Site'], { nome: 'Site' }, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);

/** Values no collection may be (`null`, `[]`, `{}` and a missing one all mean "none"). */
export const invalidCollection: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>('', 'nenhum', 0, 1, true, false, { 0: { codigo: '1' } }, { a: 1 }),
  fc.string({ minLength: 1, maxLength: 8 }),
);

/** Values no object in a list may be. */
export const invalidObject: fc.Arbitrary<Json> = fc.constantFrom<Json>(null, 0, 1, 'Ana', '', true, false, [], [1, 2]);

/** Values `data` may not be. */
export const invalidDay: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, 20250615, true, {}, [], '', '2025-6-15', '15/06/2025', '2025-06-15T00:00:00', ' 2025-06-15', '2025-06-15 ', '２０２５-06-15'),
  fc.string({ maxLength: 12 }).filter((text) => !/^\d{4}-\d{2}-\d{2}$/.test(text)),
);

/** Values `erros` may not be. */
export const invalidErrorCounts: fc.Arbitrary<Json> = fc.constantFrom<Json>('', 'nenhum', 0, 3, true, [0], [1, 2, 3, 4], ['x']);

/** Values the root may not be. */
export const invalidRoot: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, undefined, 0, 1, '', 'null', true, false, [], [{}]),
  fc.string({ maxLength: 20 }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { minLength: 1, maxLength: 3 }),
);

export interface Mutation {
  payload: Json;
  /** Where the decoder must say the problem is; undefined for the root itself. */
  path: string | undefined;
  kind: string;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function setAt(root: Record<string, Json>, path: WirePath, value: Json): void {
  let current: Record<string | number, Json> = root;
  for (const key of path.slice(0, -1)) current = current[key] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  if (value === ABSENT) delete current[last];
  else current[last] = value;
}

/** Every place in a valid payload where a mutation of a given kind can land. */
function targets(wire: Record<string, Json>): { kind: string; path: WirePath; values: fc.Arbitrary<Json> }[] {
  const found: { kind: string; path: WirePath; values: fc.Arbitrary<Json> }[] = [
    { kind: 'day', path: ['data'], values: invalidDay },
    { kind: 'day-missing', path: ['data'], values: fc.constant(ABSENT) },
    { kind: 'users-collection', path: ['usuarios'], values: invalidCollection },
  ];
  const errors = wire.erros;
  if (errors !== undefined) found.push({ kind: 'error-counts', path: ['erros'], values: invalidErrorCounts });
  if (errors && typeof errors === 'object' && !Array.isArray(errors)) {
    for (const key of Object.keys(errors)) found.push({ kind: 'error-count', path: ['erros', key], values: invalidCount.filter((v) => v !== null) });
  }
  const users = Array.isArray(wire.usuarios) ? (wire.usuarios as Record<string, Json>[]) : [];
  users.forEach((user, u) => {
    found.push({ kind: 'user', path: ['usuarios', u], values: invalidObject });
    found.push({ kind: 'user-name', path: ['usuarios', u, 'nome'], values: invalidText });
    found.push({ kind: 'user-name-missing', path: ['usuarios', u, 'nome'], values: fc.constant(ABSENT) });
    found.push({ kind: 'user-total', path: ['usuarios', u, 'total_lead'], values: invalidCount });
    found.push({ kind: 'user-total-missing', path: ['usuarios', u, 'total_lead'], values: fc.constant(ABSENT) });
    for (const dimension of ['origem', 'segmento', 'automacao', 'produtos_e_servicos']) {
      found.push({ kind: 'breakdown', path: ['usuarios', u, dimension], values: invalidCollection });
      const entries = user[dimension];
      if (!Array.isArray(entries)) continue;
      entries.forEach((_, e) => {
        const at = ['usuarios', u, dimension, e];
        found.push({ kind: 'entry', path: at, values: invalidObject });
        found.push({ kind: 'entry-code', path: [...at, 'codigo'], values: invalidText });
        found.push({ kind: 'entry-name', path: [...at, 'nome'], values: invalidText });
        found.push({ kind: 'entry-count', path: [...at, 'quantidade'], values: invalidCount });
        for (const field of ['codigo', 'nome', 'quantidade']) found.push({ kind: `entry-${field}-missing`, path: [...at, field], values: fc.constant(ABSENT) });
      });
    }
  });
  return found;
}

/** A valid payload broken in exactly one place, with that place's path. */
export const mutatedPayload: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 1, arbitrary: invalidRoot.map((payload) => ({ payload, path: undefined, kind: 'root' })) },
  {
    weight: 12,
    arbitrary: leadTotalsPair.chain(({ wire }) => {
      const places = targets(wire);
      return fc.integer({ min: 0, max: places.length - 1 }).chain((index) => {
        const place = places[index] as (typeof places)[number];
        return place.values.map((value) => {
          const payload = clone(wire);
          setAt(payload, place.path, value);
          return { payload: payload as Json, path: formatWirePath(place.path), kind: place.kind };
        });
      });
    }),
  },
);

/** A valid payload with any JSON value (or any value at all) dropped at any path: decode or ZenResponseError, nothing else. */
export const anyValueAtAnyPath: fc.Arbitrary<Json> = leadTotalsPair.chain(({ wire }) => {
  const paths: WirePath[] = [];
  const walk = (value: Json, path: WirePath): void => {
    if (path.length > 0) paths.push(path);
    if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...path, index]));
    else if (value && typeof value === 'object') for (const key of Object.keys(value)) walk((value as Record<string, Json>)[key], [...path, key]);
  };
  walk(wire, []);
  if (paths.length === 0) return fc.constant(wire as Json);
  return fc.record({ index: fc.nat({ max: paths.length - 1 }), value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.anything({ maxDepth: 1 })) }).map(({ index, value }) => {
    const payload = clone(wire);
    setAt(payload, paths[index] as WirePath, value);
    return payload as Json;
  });
});
