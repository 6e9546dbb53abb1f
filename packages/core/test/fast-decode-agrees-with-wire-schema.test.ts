import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLeadTotals } from '../src/decode-lead-totals.js';
import { ZenResponseError } from '../src/errors/zen-response-error.js';
import { fastDecodeLeadTotals } from '../src/fast-decode-lead-totals.js';
import { leadTotalsWireSchema } from '../src/wire-schema.js';

// Payloads as the API sends them, and as it might break them: every field is usually right and
// sometimes wrong in one of the ways a loose PHP backend (or a proxy) gets it wrong.
const validCount = fc.oneof(
  fc.nat(),
  fc.constantFrom(0, Number.MAX_SAFE_INTEGER),
  fc.stringMatching(/^\d{1,15}$/),
);
const brokenCount = fc.constantFrom<unknown>(
  -1, 1.5, -0, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Number.POSITIVE_INFINITY,
  '', ' 1', '1 ', '-1', '1.0', '1e3', '0x1', '1234567890123456', '١٢', 'doze', null, true, {}, [],
);
const count = fc.oneof({ weight: 8, arbitrary: validCount }, { weight: 1, arbitrary: brokenCount });

const validText = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
const brokenText = fc.constantFrom<unknown>(null, true, Number.NaN, Number.NEGATIVE_INFINITY, {}, ['a']);
const text = fc.oneof({ weight: 8, arbitrary: validText }, { weight: 1, arbitrary: brokenText });

/** Missing, null, `[]`, `{}`, a list, or something that is not a list at all. */
function collection<T>(item: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 10, arbitrary: fc.array(item, { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null, [], {}) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('[]', 0, { 0: 'a' }, [null], [[]]) },
  );
}

/** A record whose keys are usually all there; sometimes one is left out or an extra one added. */
function wireObject(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.record(fields) },
    { weight: 1, arbitrary: fc.record(fields, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.tuple(fc.record(fields), fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 2 })).map(([a, b]) => ({ ...b, ...a })) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 'x', 1, []) },
  );
}

const entry = wireObject({ codigo: text, nome: text, quantidade: count });
const user = wireObject({
  nome: text,
  total_lead: count,
  origem: collection(entry),
  segmento: collection(entry),
  automacao: collection(entry),
  produtos_e_servicos: collection(entry),
});
const optionalCount = fc.oneof({ weight: 4, arbitrary: count }, { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null) });
const errorCounts = fc.oneof(
  { weight: 6, arbitrary: wireObject({ com_erro: optionalCount, sem_agrupamento: optionalCount, limite_de_contatos: optionalCount, duplicados: optionalCount }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null, [], {}, [0], [{}]) },
);
const day = fc.oneof(
  { weight: 8, arbitrary: fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('2026-1-05', '2026-01-05\n', '2026-01-05T00:00', 20260105, null, '') },
);
const payload = fc.oneof(
  { weight: 12, arbitrary: wireObject({ data: day, usuarios: collection(user), erros: errorCounts }) },
  { weight: 1, arbitrary: fc.jsonValue() },
);

describe('the fast decoder agrees with the zod wire schema', () => {
  it('never accepts what the schema rejects, and returns exactly what the schema returns', () => {
    fc.assert(
      fc.property(payload, (input) => {
        const fast = fastDecodeLeadTotals(input);
        if (fast === undefined) return;
        const reference = leadTotalsWireSchema.safeParse(input);
        expect(reference.success).toBe(true);
        if (reference.success) expect(fast).toStrictEqual(reference.data);
      }),
      { numRuns: 2_000 },
    );
  });

  it('takes every payload that JSON.parse can produce and the schema accepts (it does not just give up)', () => {
    fc.assert(
      fc.property(payload, (input) => {
        const json = JSON.stringify(input);
        if (json === undefined) return;
        const parsed: unknown = JSON.parse(json);
        const reference = leadTotalsWireSchema.safeParse(parsed);
        const fast = fastDecodeLeadTotals(parsed);
        expect(fast !== undefined).toBe(reference.success);
        if (reference.success) expect(fast).toStrictEqual(reference.data);
      }),
      { numRuns: 2_000 },
    );
  });

  it('decodeLeadTotals returns what the schema returns, or the schema-named error', () => {
    fc.assert(
      fc.property(payload, (input) => {
        const reference = leadTotalsWireSchema.safeParse(input);
        if (reference.success) {
          expect(decodeLeadTotals(input)).toStrictEqual(reference.data);
          return;
        }
        expect(() => decodeLeadTotals(input)).toThrow(ZenResponseError);
      }),
      { numRuns: 1_000 },
    );
  });

  it('names the schema path of the first broken field, as before the fast path existed', () => {
    const broken = {
      data: '2026-01-05',
      usuarios: [{ nome: 'Ana', total_lead: '3', origem: [{ codigo: 1, nome: 'Site', quantidade: '3 ' }] }],
      erros: [],
    };
    expect(fastDecodeLeadTotals(broken)).toBeUndefined();
    let caught: unknown;
    try {
      decodeLeadTotals(broken);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ZenResponseError);
    expect((caught as ZenResponseError).path).toBe('usuarios[0].origem[0].quantidade');
    const issue = leadTotalsWireSchema.safeParse(broken).error?.issues[0];
    expect(issue?.path).toStrictEqual(['usuarios', 0, 'origem', 0, 'quantidade']);
    expect((caught as ZenResponseError).message).toBe(
      `Unexpected response from the API at usuarios[0].origem[0].quantidade: ${issue?.message}, got "3 ".`,
    );
  });

  it('gives objects that JSON.parse never makes to the schema', () => {
    const day = { data: '2026-01-05', usuarios: [], erros: new Date(0) };
    expect(fastDecodeLeadTotals(day)).toBeUndefined();
    expect(decodeLeadTotals(day).errors).toStrictEqual({ withError: 0, ungrouped: 0, contactLimitExceeded: 0, duplicates: 0 });
  });
});
