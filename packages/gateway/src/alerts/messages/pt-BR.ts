import type { Formats } from '@zen-leads/history';
import { capital, minutesOf, type AlertMessages } from './en.js';

/** As frases dos alertas em português do Brasil. */
export const ptBR: AlertMessages = {
  problems: {
    withError: 'leads com erro',
    ungrouped: 'leads sem agrupamento',
    contactLimitExceeded: 'leads acima do limite de contatos',
    duplicates: 'leads duplicados',
    any: 'leads com problema',
  },
  sellerSilent: (f: Formats, seller: string, minutes: number, others: number): string =>
    `${seller} não recebe leads novos há ${minutesOf(f, minutes)} ${f.plural(minutes, { one: 'minuto', other: 'minutos' })}, enquanto os outros vendedores receberam ${f.count(others)}.`,
  problemIncrease: (f: Formats, problems: string, increase: number, now: number): string =>
    `${capital(problems)} aumentaram ${f.count(increase)} desde a última atualização: ${f.count(now)} hoje.`,
  problemAbove: (f: Formats, problems: string, now: number, above: number): string => `${capital(problems)} hoje: ${f.count(now)}, acima do limite de ${f.count(above)}.`,
  belowTypical: (f: Formats, total: number, expected: number, at: Date, percent: number): string =>
    `Hoje há ${f.count(total)} ${f.plural(total, { one: 'lead', other: 'leads' })} até ${f.time(at)}, ${f.share(total / expected)} dos ${f.count(expected)} habituais (o alerta é abaixo de ${f.decimal(percent)}%).`,
  sellerShare: (f: Formats, seller: string, leads: number, total: number): string =>
    `${seller} recebeu ${f.share(leads / total)} dos leads de hoje (${f.count(leads)} de ${f.count(total)}).`,
};
