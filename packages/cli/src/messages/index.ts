import type { Lang } from '@zen-leads/history';
import { en, type CliMessages } from './en.js';
import { ptBR } from './pt-BR.js';

export type { CliMessages } from './en.js';

/** One catalog per language. */
export const CLI_CATALOGS: Readonly<Record<Lang, CliMessages>> = { 'pt-BR': ptBR, en };

export function cliMessages(lang: Lang): CliMessages {
  return CLI_CATALOGS[lang];
}
