import { describe, expect, it } from 'vitest';
import { decodeLeadTotals, parseLeadTotalsBody } from '../src/response.js';
import { ZenResponseError } from '../src/errors.js';

const entry = (codigo: unknown, nome: unknown, quantidade: unknown): Record<string, unknown> => ({ codigo, nome, quantidade });

function user(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    nome: 'Ana Paula Souza',
    total_lead: '5',
    origem: [entry('1', 'Site', '3'), entry(2, 'Indicação', 2)],
    segmento: [entry('10', 'Imóveis', '5')],
    automacao: [],
    produtos_e_servicos: [entry('p1', 'Apartamento', '5')],
    ...overrides,
  };
}

function responseError(payload: unknown): ZenResponseError {
  try {
    decodeLeadTotals(payload);
  } catch (error) {
    expect(error).toBeInstanceOf(ZenResponseError);
    return error as ZenResponseError;
  }
  throw new Error('expected a ZenResponseError');
}

describe('decodeLeadTotals', () => {
  it('maps the wire names to the model, counts to numbers and codes to strings', () => {
    const totals = decodeLeadTotals({
      data: '2026-11-24',
      usuarios: [user()],
      erros: { com_erro: '1', sem_agrupamento: 2, limite_de_contatos: '0', duplicados: '4' },
    });
    expect(totals).toEqual({
      date: '2026-11-24',
      users: [
        {
          name: 'Ana Paula Souza',
          totalLeads: 5,
          origins: [
            { code: '1', name: 'Site', count: 3 },
            { code: '2', name: 'Indicação', count: 2 },
          ],
          segments: [{ code: '10', name: 'Imóveis', count: 5 }],
          automations: [],
          productsAndServices: [{ code: 'p1', name: 'Apartamento', count: 5 }],
        },
      ],
      errors: { withError: 1, ungrouped: 2, contactLimitExceeded: 0, duplicates: 4 },
    });
  });

  it.each([['missing', undefined], ['null', null], ['[]', []], ['{}', {}]])('reads a %s breakdown as empty', (_label, value) => {
    const wire = user();
    if (value === undefined) delete wire.origem;
    else wire.origem = value;
    expect(decodeLeadTotals({ data: '2026-11-24', usuarios: [wire], erros: {} }).users[0]?.origins).toEqual([]);
  });

  it.each([['{}', {}], ['[] (PHP empty array)', []], ['missing', undefined], ['null', null]])('reads erros as %s as zeros', (_label, erros) => {
    const payload: Record<string, unknown> = { data: '2026-11-24', usuarios: [] };
    if (erros !== undefined) payload.erros = erros;
    expect(decodeLeadTotals(payload).errors).toEqual({ withError: 0, ungrouped: 0, contactLimitExceeded: 0, duplicates: 0 });
  });

  it('ignores unknown extra fields everywhere', () => {
    const totals = decodeLeadTotals({
      data: '2026-11-24',
      extra: true,
      usuarios: [{ ...user(), email: 'x@y', origem: [{ ...entry('1', 'Site', '5'), cor: 'azul' }] }],
      erros: { com_erro: '0', novo_campo: '9' },
    });
    expect(totals.users[0]?.origins).toEqual([{ code: '1', name: 'Site', count: 5 }]);
    expect(Object.keys(totals)).toEqual(['date', 'users', 'errors']);
  });

  it.each([
    [{ data: '2026-11-24', usuarios: [user(), user(), user(), user({ origem: [entry('1', 'Site', 'abc')] })] }, 'usuarios[3].origem[0].quantidade', '"abc"'],
    [{ data: '2026-11-24', usuarios: [user({ total_lead: -1 })] }, 'usuarios[0].total_lead', '-1'],
    [{ data: '2026-11-24', usuarios: [user({ total_lead: '1.5' })] }, 'usuarios[0].total_lead', '"1.5"'],
    [{ data: '2026-11-24', usuarios: [user({ nome: null })] }, 'usuarios[0].nome', 'null'],
    [{ data: '2026-11-24', usuarios: [user({ segmento: 'nenhum' })] }, 'usuarios[0].segmento', '"nenhum"'],
    [{ data: '2026-11-24', usuarios: 'x' }, 'usuarios', '"x"'],
    [{ data: '2026-11-24', usuarios: [], erros: { duplicados: 'muitos' } }, 'erros.duplicados', '"muitos"'],
    [{ data: '24/11/2026', usuarios: [] }, 'data', '"24/11/2026"'],
    [{ usuarios: [] }, 'data', 'nothing'],
  ])('names the path of a bad value (%#)', (payload, path, found) => {
    const error = responseError(payload);
    expect(error.path).toBe(path);
    expect(error.message).toContain(path);
    expect(error.message).toContain(`got ${found}`);
  });

  it('names the path and the status of a malformed body', () => {
    const body = JSON.stringify({ data: '2026-11-24', usuarios: [user({ total_lead: 'x' })] });
    expect(() => parseLeadTotalsBody(body, 200)).toThrow(expect.objectContaining({ name: 'ZenResponseError', status: 200, path: 'usuarios[0].total_lead' }));
  });

  it('rejects a root that is not an object, naming the root', () => {
    for (const payload of [null, [], 'ok', 42]) {
      const error = responseError(payload);
      expect(error.path).toBeUndefined();
      expect(error.message).toContain('the root');
    }
  });

  it('turns a body that is not JSON into an error with the status and a short excerpt', async () => {
    const html = `<html><head><title>502 Bad Gateway</title></head><body>${'x'.repeat(500)}</body></html>`;
    try {
      parseLeadTotalsBody(html, 200);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ZenResponseError);
      const responseError = error as ZenResponseError;
      expect(responseError.status).toBe(200);
      expect(responseError.excerpt).toContain('502 Bad Gateway');
      expect(responseError.excerpt!.length).toBeLessThanOrEqual(121);
    }
  });

  it('keeps the raw payload next to the decoded totals', async () => {
    const body = JSON.stringify({ data: '2026-11-24', usuarios: [user()], erros: [] });
    const { raw, totals } = parseLeadTotalsBody(body, 200);
    expect(raw).toEqual(JSON.parse(body));
    expect(totals.users[0]?.totalLeads).toBe(5);
  });
});
