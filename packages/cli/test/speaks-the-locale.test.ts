import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@zen-leads/core';
import { generateLeadTotalsPayload } from '@zen-leads/simulator';
import { DISTINCTIVE_TOKEN, serveSimulator, type ServedSimulator } from './support/served-simulator.js';

/** A day whose users got different numbers of leads, so its Gini has decimals to write. */
function unevenDay(from: string): string {
  for (let day = from, tries = 0; tries < 400; day = addDays(day, -1), tries++) {
    const counts = new Set(generateLeadTotalsPayload(DISTINCTIVE_TOKEN, day).usuarios.map((user) => Number(user.total_lead)));
    if (counts.size >= 2) return day;
  }
  throw new Error('no such day in the simulator data');
}

const DAY = unevenDay('2026-11-24');
const FAST = ['--min-interval', '1ms'];

describe('zen-leads speaks the locale’s language to people, and never changes its machine formats', () => {
  let served: ServedSimulator;
  beforeAll(async () => {
    served = await serveSimulator({ windowMs: 0 });
  });
  afterAll(() => served.close());

  it('LANG=pt_BR.UTF-8: Portuguese table headers; --lang en over it: English; no locale at all: English (POSIX "C")', async () => {
    const pt = await served.run(['totals', DAY, ...FAST], { LANG: 'pt_BR.UTF-8' });
    expect(pt.code, pt.stderr).toBe(0);
    expect(pt.stdout.split('\n')[0]).toMatch(/^data\s+usuário\s+leads$/);
    const en = await served.run(['totals', DAY, ...FAST, '--lang', 'en'], { LANG: 'pt_BR.UTF-8' });
    expect(en.stdout.split('\n')[0]).toMatch(/^date\s+user\s+leads$/);
    // The rows are the same data (columns as wide as their header): only the header differs.
    const cells = (text: string): string[][] => text.trimEnd().split('\n').slice(2).map((line) => line.trim().split(/\s{2,}/));
    expect(cells(pt.stdout).length).toBeGreaterThan(0);
    expect(cells(pt.stdout)).toEqual(cells(en.stdout));
    const none = await served.run(['totals', DAY, ...FAST]);
    expect(none.stdout).toBe(en.stdout);
    const summary = await served.run(['totals', DAY, ...FAST, '--view', 'summary'], { LC_MESSAGES: 'pt_BR.UTF-8' });
    expect(summary.stdout).toMatch(/^com erro\s+\d+$/m);
    expect(summary.stdout).toMatch(/^Gini\s+0,\d+$/m);
    const breakdown = await served.run(['totals', DAY, ...FAST, '--view', 'breakdown', '--lang', 'pt-BR']);
    expect(breakdown.stdout).toMatch(/\sorigem\s/);
  });

  it('messages: a missing token, in Portuguese under LANG=pt_BR.UTF-8 and in English under --lang en', async () => {
    const pt = await served.run(['totals', DAY], { LANG: 'pt_BR.UTF-8', ZEN_TOKEN: '' });
    expect(pt.code).toBe(2);
    expect(pt.stderr).toMatch(/^zen-leads: falta o token\. Defina ZEN_TOKEN/);
    const en = await served.run(['totals', DAY, '--lang=en'], { LANG: 'pt_BR.UTF-8', ZEN_TOKEN: '' });
    expect(en.stderr).toMatch(/^zen-leads: no token\. Set ZEN_TOKEN/);
    const unknown = await served.run(['totalz'], { LANG: 'pt_BR.UTF-8' });
    expect(unknown.stderr).toBe('zen-leads: comando desconhecido "totalz". Comandos: totals, backfill, report, history, watch, serve. Rode zen-leads --help.\n');
    const bad = await served.run(['totals', DAY, '--lang', 'fr'], { LANG: 'pt_BR.UTF-8' });
    expect(bad.code).toBe(2);
    // Refused in the locale's language: the bad --lang cannot choose one.
    expect(bad.stderr).toBe('zen-leads: --lang "fr" não é um idioma que o zen-leads fala. Passe --lang pt-BR ou --lang en.\n');
    const badEn = await served.run(['totals', DAY, '--lang', 'fr']);
    expect(badEn.stderr).toBe('zen-leads: --lang "fr" is not a language zen-leads speaks. Pass --lang pt-BR or --lang en.\n');
  });

  it('a failure from the API side is described in the locale’s language, the API’s own message quoted as it wrote it', async () => {
    const windowed = await serveSimulator({ windowMs: 60_000 });
    try {
      const first = await windowed.run(['totals', DAY, '--on-rate-limit', 'fail', '--no-cache', '--store', 'memory:'], { LANG: 'pt_BR.UTF-8' });
      expect(first.code, first.stderr).toBe(0);
      const second = await windowed.run(['totals', addDays(DAY, -1), '--on-rate-limit', 'fail', '--no-cache', '--store', 'memory:'], { LANG: 'pt_BR.UTF-8' });
      expect(second.code).toBe(4);
      expect(second.stderr).toContain('a API recusou a requisição: requisições demais (HTTP 429: "');
      expect(second.stderr).toContain('Rode de novo nessa hora, ou passe --on-rate-limit wait para esperar por ela.');
    } finally {
      await windowed.close();
    }
  });

  it('--format json and csv are byte-identical whatever the language', async () => {
    for (const format of ['json', 'csv']) {
      for (const view of format === 'json' ? ['full', 'summary'] : ['users', 'breakdown', 'summary']) {
        const args = ['totals', DAY, ...FAST, '--format', format, '--view', view];
        const pt = await served.run(args, { LANG: 'pt_BR.UTF-8' });
        const en = await served.run([...args, '--lang', 'en'], { LANG: 'pt_BR.UTF-8' });
        const plain = await served.run(args, { LC_ALL: 'C' });
        expect(pt.code, pt.stderr).toBe(0);
        expect(pt.stdout.length).toBeGreaterThan(20);
        expect(pt.stdout, `${format} ${view}`).toBe(en.stdout);
        expect(plain.stdout).toBe(en.stdout);
      }
    }
  });

  it('progress lines: backfill and report tell what they did in Portuguese under LANG=pt_BR.UTF-8', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'zen-cli-locale-'));
    try {
      const out = join(folder, 'leads.ndjson');
      const filled = await served.run(['backfill', '--from', DAY, '--to', DAY, '--out', out, ...FAST], { LANG: 'pt_BR.UTF-8' });
      expect(filled.code, filled.stderr).toBe(0);
      // (The day may come from the cache an earlier test filled.)
      expect(filled.stderr).toContain(`zen-leads backfill: ${out} tem todos os dias de ${DAY} a ${DAY} (1 dia: 1 guardado agora`);
      const report = await served.run(['report', '--in', out, '--out', join(folder, 'r.html')], { LANG: 'pt_BR.UTF-8' });
      expect(report.stderr).toMatch(/^zen-leads report: .*r\.html gravado \(1 dia, \d+ kB\)\.\n$/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
