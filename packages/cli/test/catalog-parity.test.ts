import { catalogDifferences } from '@zen-leads/test-support/catalog-keys';
import { describe, expect, it } from 'vitest';
import { CLI_CATALOGS } from '../src/messages/index.js';

describe('the CLI’s message catalogs', () => {
  it('pt-BR and en have the same keys, nested ones included, each of the same kind', () => {
    expect(catalogDifferences(CLI_CATALOGS['pt-BR'], CLI_CATALOGS.en)).toEqual({ onlyInFirst: [], onlyInSecond: [] });
  });

  it('the comparison fails for a catalog that lacks a nested key', () => {
    const { gini: _dropped, ...columns } = CLI_CATALOGS['pt-BR'].table.columns;
    const lacking = { ...CLI_CATALOGS['pt-BR'], table: { ...CLI_CATALOGS['pt-BR'].table, columns } };
    expect(catalogDifferences(lacking, CLI_CATALOGS.en).onlyInSecond).toEqual(['table.columns.gini (string)']);
  });
});
