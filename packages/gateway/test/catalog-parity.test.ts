import { catalogDifferences } from '@zen-leads/test-support/catalog-keys';
import { describe, expect, it } from 'vitest';
import { DASHBOARD_CATALOGS } from '../src/dashboard/messages/index.js';

describe('the dashboard’s message catalogs', () => {
  it('pt-BR and en have the same keys, each of the same kind', () => {
    expect(catalogDifferences(DASHBOARD_CATALOGS['pt-BR'], DASHBOARD_CATALOGS.en)).toEqual({ onlyInFirst: [], onlyInSecond: [] });
  });

  it('the comparison fails for a catalog that lacks a key', () => {
    const { wrongKey: _dropped, ...lacking } = DASHBOARD_CATALOGS.en;
    expect(catalogDifferences(DASHBOARD_CATALOGS['pt-BR'], lacking).onlyInFirst).toEqual(['wrongKey (string)']);
  });
});
