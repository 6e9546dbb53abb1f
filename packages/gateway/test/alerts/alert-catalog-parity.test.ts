import { catalogDifferences } from '@zen-leads/test-support/catalog-keys';
import { describe, expect, it } from 'vitest';
import { ALERT_CATALOGS } from '../../src/alerts/messages/index.js';

describe('the alerts’ message catalogs', () => {
  it('pt-BR and en have the same keys, each of the same kind', () => {
    expect(catalogDifferences(ALERT_CATALOGS['pt-BR'], ALERT_CATALOGS.en)).toEqual({ onlyInFirst: [], onlyInSecond: [] });
  });

  it('the comparison fails for a catalog that lacks a key', () => {
    const { sellerShare: _dropped, ...lacking } = ALERT_CATALOGS.en;
    expect(catalogDifferences(ALERT_CATALOGS['pt-BR'], lacking).onlyInFirst).toEqual(['sellerShare (function of 4)']);
  });
});
