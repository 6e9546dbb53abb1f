import { describe, expect, it } from 'vitest';
import { displayWidth, padToWidth } from '../src/output/display-width.js';

describe('displayWidth', () => {
  it('counts ASCII one column per character', () => {
    expect(displayWidth('Maria Silva')).toBe(11);
  });

  it('counts precomposed and decomposed accents alike', () => {
    const precomposed = 'João Conceição';
    const decomposed = precomposed.normalize('NFD');
    expect(decomposed.length).toBeGreaterThan(precomposed.length);
    expect(displayWidth(precomposed)).toBe(14);
    expect(displayWidth(decomposed)).toBe(14);
  });

  it('counts wide characters and emoji as two columns', () => {
    expect(displayWidth('東京')).toBe(4);
    expect(displayWidth('🚀')).toBe(2);
    expect(displayWidth('👩‍💻')).toBe(2);
  });

  it('pads to the display width, not the string length', () => {
    expect(padToWidth('José'.normalize('NFD'), 6)).toBe('José'.normalize('NFD') + '  ');
    expect(padToWidth('12', 5, 'right')).toBe('   12');
  });
});
