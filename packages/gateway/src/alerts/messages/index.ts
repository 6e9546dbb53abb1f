import type { Lang } from '@zen-leads/history';
import { en, type AlertMessages } from './en.js';
import { ptBR } from './pt-BR.js';

export type { AlertMessages } from './en.js';

/** One catalog per language. */
export const ALERT_CATALOGS: Readonly<Record<Lang, AlertMessages>> = { 'pt-BR': ptBR, en };

export function alertMessages(lang: Lang): AlertMessages {
  return ALERT_CATALOGS[lang];
}
