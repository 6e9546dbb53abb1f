import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { historyFile as historyIn } from './support/history-file.js';
import { runCli } from './support/run-cli.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zen-cli-report-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const historyFile = (dates: string[]): Promise<string> => historyIn(dir, dates);

describe('zen-leads report', () => {
  it('writes one self-contained HTML page with the charts, and sends nothing (no URL or token needed)', async () => {
    const input = await historyFile(['2025-03-01', '2025-03-02', '2025-03-04']);
    const out = join(dir, 'report.html');
    const run = await runCli(['report', '--in', input, '--out', out, '--title', 'Distribuição de leads']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^zen-leads report: wrote .*report\.html \(3 days, \d+ kB\)\.\n$/);
    const html = await readFile(out, 'utf8');
    // Each chart drawn for a wide and a narrow screen.
    expect(html.match(/<svg [^>]*class="chart [a-z-]+ wide"/g)).toHaveLength(6);
    expect(html).not.toContain('<script');
    expect(html).toContain('<h1>Distribuição de leads</h1>');
    // No --lang and no locale: the managers' Portuguese.
    expect(html).toContain('de leads.ndjson');
    expect(html).toContain('Fora do histórico (sem barras nem pontos): 1 dia: 03/03/2025.');
  });

  it('speaks the language --lang names, else the locale’s (LC_ALL, LC_MESSAGES, LANG)', async () => {
    const input = await historyFile(['2025-03-01', '2025-03-03']);
    const out = join(dir, 'report.html');
    const cases: [string[], Record<string, string>, string][] = [
      [['--lang', 'en'], { LANG: 'pt_BR.UTF-8' }, 'Not in the history (no bars or points): 1 day: Mar 2, 2025.'],
      [[], { LANG: 'en_US.UTF-8' }, 'Not in the history (no bars or points): 1 day: Mar 2, 2025.'],
      [[], { LC_ALL: 'pt_BR.UTF-8', LANG: 'en_US.UTF-8' }, 'Fora do histórico (sem barras nem pontos): 1 dia: 02/03/2025.'],
      [['--lang=pt-BR'], { LANG: 'C' }, 'Fora do histórico (sem barras nem pontos): 1 dia: 02/03/2025.'],
    ];
    for (const [flags, env, expected] of cases) {
      const run = await runCli(['report', '--in', input, '--out', out, ...flags], env);
      expect(run.code, run.stderr).toBe(0);
      expect(await readFile(out, 'utf8'), `${flags.join(' ')} ${JSON.stringify(env)}`).toContain(expected);
    }
  });

  it('narrows to --from/--to', async () => {
    const input = await historyFile(['2025-03-01', '2025-03-02', '2025-03-03']);
    const out = join(dir, 'report.html');
    const run = await runCli(['report', '--in', input, '--out', out, '--from', '2025-03-02', '--to', '2025-03-02', '--lang', 'en']);
    expect(run.code, run.stderr).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('Mar 2, 2025 to Mar 2, 2025');
    expect(html).not.toContain('Mar 1, 2025');
  });

  it('notes a torn last line and reports the whole days', async () => {
    const input = await historyFile(['2025-03-01']);
    await writeFile(input, `${await readFile(input, 'utf8')}{"date":"2025-03-02","us`);
    const run = await runCli(['report', '--in', input, '--out', join(dir, 'report.html')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('note:');
    expect(run.stderr).toContain('incomplete (an interrupted write); it was ignored');
    expect(run.stderr).toContain('(1 day,');
  });

  it.each([
    [['--out', 'r.html'], /--in is required/],
    [['--in', 'missing.ndjson', '--out', 'r.html'], /no history at .*missing\.ndjson/],
    [['--in', 'leads.txt', '--out', 'r.html'], /must end in \.ndjson/],
    [['--in', 'x.ndjson'], /--out is required/],
    [['--in', 'x.ndjson', '--out', 'r.html', '--from', '2025-03-05', '--to', '2025-03-01'], /--to \(2025-03-01\) is before --from/],
  ])('refuses %j with exit 2', async (args, message) => {
    const run = await runCli(['report', ...args.map((arg) => (/\.(ndjson|txt|html)$/.test(arg) ? join(dir, arg) : arg))]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
