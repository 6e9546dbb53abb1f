import type { Lang } from '@zen-leads/history';
import { COMMANDS } from './commands/registry.js';
import type { Localized } from './messages/localized.js';
import { displayWidth, padToWidth } from './output/display-width.js';

/** `zen-leads --help` around its command list, in each language (commands, flags and env names never change). */
const TOP_LEVEL: Localized<(commands: string) => string> = {
  en: (commands) => `Usage: zen-leads <command> [options]

Lead-distribution totals from the CRM Zen API, within its
one-request-per-5-minutes limit.

Commands:
${commands}

Options:
  -h, --help       show help (also: zen-leads <command> --help)
  -V, --version    print the version
  --lang <lang>    pt-BR | en: the language of tables, progress lines, messages,
                   this help and reports (default: LC_ALL, LC_MESSAGES or LANG;
                   messages in English, reports in pt-BR when none is set). JSON
                   and CSV never change.

Environment: ZEN_URL, ZEN_TOKEN, ZEN_STORE, ZEN_CACHE_DIR.
Exit codes: 0 ok · 1 unexpected · 2 invalid input or usage, API 400
            3 authentication (401) · 4 rate limited, not waited
            5 server or network failure · 6 invalid response body
            7 could not write the output · 130 interrupted (Ctrl-C)
            143 terminated (SIGTERM)
`,
  'pt-BR': (commands) => `Uso: zen-leads <comando> [opções]

Totais da distribuição de leads da API do CRM Zen, dentro do limite dela: uma
requisição a cada 5 minutos.

Comandos:
${commands}

Opções:
  -h, --help       mostra a ajuda (também: zen-leads <comando> --help)
  -V, --version    mostra a versão
  --lang <idioma>  pt-BR | en: o idioma das tabelas, das linhas de progresso,
                   das mensagens, desta ajuda e dos relatórios (padrão: LC_ALL,
                   LC_MESSAGES ou LANG; sem nenhum, mensagens em inglês e
                   relatórios em pt-BR). JSON e CSV nunca mudam.

Ambiente: ZEN_URL, ZEN_TOKEN, ZEN_STORE, ZEN_CACHE_DIR.
Códigos de saída: 0 ok · 1 inesperado · 2 entrada ou uso inválido, API 400
                  3 autenticação (401) · 4 limite de requisições, sem esperar
                  5 falha do servidor ou da rede · 6 corpo de resposta inválido
                  7 não foi possível gravar a saída · 130 interrompido (Ctrl-C)
                  143 encerrado (SIGTERM)
`,
};

/** The width `--help` keeps to: a terminal's default. */
const HELP_WIDTH = 80;

/**
 * The words of `text` in lines of at most `width` columns, greedily (a longer word keeps a line
 * of its own): a summary is plain words and single spaces, nothing a wrapping library would add to.
 */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && displayWidth(`${last} ${word}`) <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** `zen-leads --help`: every command of the registry with its summary in `lang`, wrapped under itself. */
export function globalHelp(lang: Lang): string {
  const width = Math.max(...COMMANDS.map((command) => displayWidth(command.name)));
  const indent = ' '.repeat(width + 4);
  const list = COMMANDS.map((command) => {
    const [first = '', ...rest] = wrapWords(command.summary[lang], HELP_WIDTH - indent.length);
    return [`  ${padToWidth(command.name, width)}  ${first}`, ...rest.map((line) => `${indent}${line}`)].join('\n');
  });
  return TOP_LEVEL[lang](list.join('\n'));
}
