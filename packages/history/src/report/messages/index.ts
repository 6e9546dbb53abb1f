import type { Lang } from '../locale.js';
import { en, type ReportMessages } from './en.js';
import { ptBR } from './pt-BR.js';

export type { ReportMessages } from './en.js';

/** One catalog per language. */
export const REPORT_CATALOGS: Readonly<Record<Lang, ReportMessages>> = { 'pt-BR': ptBR, en };

export function reportMessages(lang: Lang): ReportMessages {
  return REPORT_CATALOGS[lang];
}
