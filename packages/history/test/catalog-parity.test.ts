import { catalogDifferences } from '@zen-leads/test-support/catalog-keys';
import { describe, expect, it } from 'vitest';
import { REPORT_CATALOGS } from '../src/index.js';

describe('the report’s message catalogs', () => {
  it('pt-BR and en have the same keys, each of the same kind (text, or a function of as many arguments)', () => {
    expect(catalogDifferences(REPORT_CATALOGS['pt-BR'], REPORT_CATALOGS.en)).toEqual({ onlyInFirst: [], onlyInSecond: [] });
  });

  it('the comparison fails for a catalog that lacks a key, or has one of another kind', () => {
    const { defaultTitle: _dropped, ...lacking } = REPORT_CATALOGS['pt-BR'];
    expect(catalogDifferences(lacking, REPORT_CATALOGS.en).onlyInSecond).toEqual(['defaultTitle (string)']);
    const changed = { ...REPORT_CATALOGS['pt-BR'], headings: REPORT_CATALOGS['pt-BR'].headings.slice(1), span: () => '' };
    const { onlyInSecond } = catalogDifferences(changed, REPORT_CATALOGS.en);
    expect(onlyInSecond).toContain('headings.11 (string)');
    expect(onlyInSecond).toContain('span (function of 3)');
  });
});
