import type { Lang } from '@zen-leads/history';
import { en, type DashboardMessages } from './en.js';
import { ptBR } from './pt-BR.js';

export type { DashboardMessages } from './en.js';

/** One catalog per language. */
export const DASHBOARD_CATALOGS: Readonly<Record<Lang, DashboardMessages>> = { 'pt-BR': ptBR, en };

export function dashboardMessages(lang: Lang): DashboardMessages {
  return DASHBOARD_CATALOGS[lang];
}
