import type { CliContext } from '../cli-context.js';
import { resolveDateArgument } from '../days.js';
import { CONNECTION_OPTIONS, connectionOptionsHelp, pickFailureContext, resolveConnectionSettings } from '../global-options.js';
import { openClient } from '../open-client.js';
import { assertRenderable, defaultViewFor, FORMATS, renderTotals } from '../output/render.js';
import { VIEWS } from '../output/view.js';
import { choiceOption, optionsHelp, type OptionSection, type ParsedCommandLine } from '../parse-command-line.js';
import { withFailureContext } from '../describe-error.js';
import { messagesLang } from '../global-options.js';
import type { Lang } from '@zen-leads/history';
import type { Localized } from '../messages/localized.js';

const OUTPUT: OptionSection = {
  title: { en: 'Output (data on stdout, messages on stderr):', 'pt-BR': 'Saída (dados no stdout, mensagens no stderr):' },
  options: {
    format: {
      type: 'string',
      short: 'f',
      value: 'format',
      help: {
        en: 'table | json | csv | ndjson (default table)',
        'pt-BR': 'table | json | csv | ndjson (padrão table)',
      },
    },
    view: {
      type: 'string',
      value: 'view',
      help: {
        en: 'full | users | breakdown | summary\n(default: full for json and ndjson — the LeadTotals\nobject; users for table and csv)',
        'pt-BR': 'full | users | breakdown | summary\n(padrão: full para json e ndjson — o objeto\nLeadTotals; users para table e csv)',
      },
    },
  },
};

/** `zen-leads totals --help`, in each language. */
const HELP: Localized = {
  en: `Usage: zen-leads totals [DATE] [options]

One day of lead-distribution totals per user from the CRM Zen API.

DATE                       YYYY-MM-DD, "today" or "yesterday" (default
                           yesterday), calendar days in São Paulo
                           (America/Sao_Paulo)

${optionsHelp([OUTPUT], 'en')}

${connectionOptionsHelp('en')}

Examples:
  export ZEN_URL=… ZEN_TOKEN=…
  zen-leads totals                              yesterday, as a table
  zen-leads totals 2026-11-24 --format json     the whole day as JSON
  zen-leads totals --format csv --view breakdown > breakdown.csv
  zen-leads totals today --on-rate-limit fail   exit 4 at once if the window
                                                is taken
`,
  'pt-BR': `Uso: zen-leads totals [DATA] [opções]

Um dia de totais da distribuição de leads por usuário, da API do CRM Zen.

DATA                       AAAA-MM-DD, "today" ou "yesterday" (padrão
                           yesterday), dias do calendário de São Paulo
                           (America/Sao_Paulo)

${optionsHelp([OUTPUT], 'pt-BR')}

${connectionOptionsHelp('pt-BR')}

Exemplos:
  export ZEN_URL=… ZEN_TOKEN=…
  zen-leads totals                              ontem, como tabela
  zen-leads totals 2026-11-24 --format json     o dia inteiro em JSON
  zen-leads totals --format csv --view breakdown > breakdown.csv
  zen-leads totals today --on-rate-limit fail   sai com 4 se a janela estiver
                                                ocupada
`,
};

/** The option table: it parses the command line and writes the help's option lines. */
export const options: readonly OptionSection[] = [OUTPUT, ...CONNECTION_OPTIONS];
export const positionals: number = 1;

export const help = (lang: Lang): string => HELP[lang];

/** `zen-leads totals [DATE]`: fetch one day and print it in the chosen format and view. */
export async function run({ values, positionals }: ParsedCommandLine, context: CliContext): Promise<number> {
  // Every local check runs before the client exists: bad input spends no request.
  const format = choiceOption(values, 'format', FORMATS) ?? 'table';
  const view = choiceOption(values, 'view', VIEWS) ?? defaultViewFor(format);
  assertRenderable(format, view);
  const date = resolveDateArgument(positionals[0], context.now());
  const settings = resolveConnectionSettings(values, context);

  const { client, close } = await openClient(settings, context);
  try {
    const totals = await withFailureContext(pickFailureContext(settings), () =>
      client.getTotals(date, context.signal ? { signal: context.signal } : {}),
    );
    context.stdout.write(renderTotals(totals, format, view, { terminal: context.stdout.isTTY === true, lang: messagesLang(context) }));
    return 0;
  } finally {
    await close();
  }
}
