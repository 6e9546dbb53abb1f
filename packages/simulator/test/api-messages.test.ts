import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_MESSAGES, rateLimitMessage } from '../src/index.js';

// The API's own documentation, kept in the repository (docs/spec) exactly as CRM Zen publishes it.
const spec = readFileSync(new URL('../../../docs/spec/totais-lead-api-v1.txt', import.meta.url), 'utf8');

describe('the API messages', () => {
  it.each(Object.entries(API_MESSAGES))('%s is word for word a message of the spec', (_name, message) => {
    expect(spec).toContain(`• ${message}\n`);
  });

  it('the spec lists no 4xx/5xx message the simulator lacks', () => {
    const listed = [...spec.matchAll(/^\s+• (.+)$/gm)].map((match) => (match[1] as string).trim());
    const known = new Set([...Object.values(API_MESSAGES), 'Sucesso']);
    const unknown = listed.filter((message) => !known.has(message) && !message.startsWith('Você excedeu'));
    expect(unknown).toEqual([]);
  });

  it('the 429 message fills the spec template with the two times', () => {
    const template = spec.split('\n').find((line) => line.includes('Você excedeu'))?.replace(/^\s+• /, '').trim();
    expect(template).toBeDefined();
    const expected = (template as string)
      .replace('"YYYY-mm-dd H:i:s"', '"2026-03-10 09:00:00"')
      .replace('"YYYY-mm-dd H:i:s"', '"2026-03-10 09:05:00"');
    expect(rateLimitMessage('2026-03-10 09:00:00', '2026-03-10 09:05:00')).toBe(expected);
  });
});
