import { LANGS, type Lang } from '@zen-leads/history';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/commands/registry.js';
import type { Localized } from '../src/messages/localized.js';
import { displayWidth } from '../src/output/display-width.js';
import type { OptionSection } from '../src/parse-command-line.js';
import { runCli } from './support/run-cli.js';

const PT = { LANG: 'pt_BR.UTF-8' };

/** The options a help lists, one per option line ("  -f, --format <formato>   …"), in order. */
function listedOptions(help: string): string[] {
  return [...help.matchAll(/^ {2}(?:-\w, )?--([a-z][a-z-]*)/gm)].map((match) => match[1]!);
}

/** Every flag a help names anywhere, options and prose alike: flags are never translated. */
function namedFlags(help: string): string[] {
  return [...new Set([...help.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((match) => match[0]))].sort();
}

/** What may be wider than 80 columns: a command to type or an output line to recognise, never cut. */
function isVerbatim(line: string): boolean {
  return /^ {2}(zen-leads |ZEN_GATEWAY_KEYS=|\d\d:\d\d {2})/.test(line);
}

async function helpOf(args: readonly string[], env: Record<string, string>): Promise<string> {
  const run = await runCli(args, env);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toBe('');
  return run.stdout;
}

describe('--help speaks the language of --lang, then LC_ALL, LC_MESSAGES, LANG', () => {
  it('zen-leads --help: Portuguese under LANG=pt_BR.UTF-8 (and with --lang pt-BR), English with --lang en over it or with no locale', async () => {
    const pt = await helpOf(['--help'], PT);
    expect(pt).toMatch(/^Uso: zen-leads <comando> \[opções\]\n/);
    expect(pt).toMatch(/^ {2}totals {4}um dia de totais de leads por usuário/m);
    expect(pt).toContain('Códigos de saída: 0 ok · 1 inesperado');
    for (const command of COMMANDS) expect(pt).toContain(`  ${command.name.padEnd(8)}  ${command.summary['pt-BR']}\n`);
    expect(await helpOf(['--lang', 'pt-BR', '--help'], {})).toBe(pt);
    expect(await helpOf(['-h'], { LC_MESSAGES: 'pt_BR.UTF-8' })).toBe(pt);

    const en = await helpOf(['--help', '--lang', 'en'], PT);
    expect(en).toMatch(/^Usage: zen-leads <command> \[options\]\n/);
    expect(en).toContain('Exit codes: 0 ok · 1 unexpected');
    expect(await helpOf(['--help'], {})).toBe(en);
    // LC_ALL wins over LANG, as POSIX has it.
    expect(await helpOf(['--help'], { LC_ALL: 'en_US.UTF-8', ...PT })).toBe(en);
  });

  it('no command at all: the usage error and the help on stderr in the locale’s language, exit 2', async () => {
    const run = await runCli([], PT);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^zen-leads: nenhum comando\..*\n\nUso: zen-leads <comando>/);
  });

  it('zen-leads totals --help (and help totals) in pt-BR: usage, option lines, store forms; in en as before', async () => {
    const pt = await helpOf(['totals', '--help'], PT);
    expect(await helpOf(['help', 'totals'], PT)).toBe(pt);
    expect(pt).toMatch(/^Uso: zen-leads totals \[DATA\] \[opções\]\n/);
    expect(pt).toContain('DATA                       AAAA-MM-DD, "today" ou "yesterday"');
    expect(pt).toMatch(/^ {2}-f, --format <formato> {3}table \| json \| csv \| ndjson \(padrão table\)$/m);
    expect(pt).toMatch(/^ {2}-h, --help {2,}mostra esta ajuda$/m);
    expect(pt).toMatch(/^Limite de requisições \(a API aceita uma por token a cada 5 minutos\):$/m);
    for (const form of ['ZEN_STORE', 'file:<dir>', 'memory:', 'redis://host:port[/db]', 'rediss://']) expect(pt).toContain(form);
    expect(pt).toContain('Durações se escrevem como 2500ms, 30s, 5m, 1h.');

    const en = await helpOf(['totals', '--help'], { LANG: 'C' });
    expect(en).toMatch(/^Usage: zen-leads totals \[DATE\] \[options\]\n/);
    expect(en).toMatch(/^ {2}-f, --format <format> {4}table \| json \| csv \| ndjson \(default table\)$/m);
    expect(en).toContain('Durations read like 2500ms, 30s, 5m, 1h.');
  });

  it('zen-leads serve --help and backfill --help in pt-BR, --lang en over the locale in en', async () => {
    const serve = await helpOf(['serve', '--help'], PT);
    expect(serve).toMatch(/^Uso: zen-leads serve \[opções\]\n\nRoda o gateway/);
    expect(serve).toMatch(/^ {2}--keys-file <caminho> {4}chaves de cliente, uma por linha/m);
    expect(serve).toMatch(/^Upstream \(no CRM Zen: ícone de engrenagem → Integração\):$/m);
    expect(await helpOf(['serve', '--help', '--lang', 'en'], PT)).toMatch(/^Usage: zen-leads serve \[options\]\n\nRuns the gateway/);

    const backfill = await helpOf(['backfill', '-h'], { LC_ALL: 'pt_BR.UTF-8' });
    expect(backfill).toMatch(/^Uso: zen-leads backfill --from DIA \[--to DIA\] --out ARQUIVO \[opções\]\n/);
    expect(backfill).toMatch(/^ {2}--from <dia> {13}primeiro dia, AAAA-MM-DD/m);
  });

  it.each(COMMANDS.map((command) => command.name))('%s --help lists the same options in both languages, every one of its table, and names the same flags', async (name) => {
    const command = COMMANDS.find((known) => known.name === name)!;
    const pt = await helpOf([name, '--help'], PT);
    const en = await helpOf([name, '--help'], {});
    expect(pt).not.toBe(en);
    const table = command.options.flatMap((section) => Object.keys(section.options));
    expect(listedOptions(en).sort()).toEqual([...table].sort());
    expect(listedOptions(pt)).toEqual(listedOptions(en));
    expect(namedFlags(pt)).toEqual(namedFlags(en));
  });

  it('the top-level help lists the same options in both languages', async () => {
    const [pt, en] = [await helpOf(['--help'], PT), await helpOf(['--help'], {})];
    expect(listedOptions(en)).toEqual(['help', 'version', 'lang']);
    expect(listedOptions(pt)).toEqual(listedOptions(en));
    expect(namedFlags(pt)).toEqual(namedFlags(en));
  });

  it.each(LANGS)('every %s help fits 80 columns (by display width), but for the commands and output lines it quotes', async (lang) => {
    for (const args of [['--help'], ...COMMANDS.map((command) => [command.name, '--help'])]) {
      const wide = (await helpOf([...args, '--lang', lang], {})).split('\n').filter((line) => !isVerbatim(line) && displayWidth(line) > 80);
      expect(wide, args.join(' ')).toEqual([]);
    }
  });
});

describe('help texts are typed per language', () => {
  /** Every help text of the CLI: option help and section titles of every command, and each summary. */
  function everyText(): Array<[string, Localized]> {
    const sections = (command: string, list: readonly OptionSection[]): Array<[string, Localized]> =>
      list.flatMap((section) => [
        ...(section.title ? [[`${command} title`, section.title] as [string, Localized]] : []),
        ...Object.entries(section.options).map(([option, spec]): [string, Localized] => [`${command} --${option}`, spec.help]),
      ]);
    return COMMANDS.flatMap((command) => [[`${command.name} summary`, command.summary] as [string, Localized], ...sections(command.name, command.options)]);
  }

  it('each text has a non-empty pt-BR and en, and no pt-BR one is the English left untranslated', () => {
    const texts = everyText();
    expect(texts.length).toBeGreaterThan(60);
    for (const [where, text] of texts) {
      for (const lang of LANGS as readonly Lang[]) expect(text[lang]?.trim(), `${where} (${lang})`).toBeTruthy();
      expect(text['pt-BR'], where).not.toBe(text.en);
    }
  });

  it('a text without its pt-BR fails the typecheck (tsc checks this file)', () => {
    // @ts-expect-error — 'pt-BR' is missing: the line that would ship English to a Brazilian user does not compile.
    const missing: Localized = { en: 'show this help' };
    expect(missing['pt-BR']).toBeUndefined();
  });
});
