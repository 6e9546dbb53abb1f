/**
 * An alert: one condition of one rule that started holding, for a day (and a seller, for the
 * rules about sellers). Plain JSON data: what webhooks receive, `/v1/alerts.json` lists and the
 * n8n trigger emits.
 */
import type { Lang } from '@zen-leads/history';

export type { TodaySnapshot } from '@zen-leads/history';

export const ALERT_KINDS = ['seller-silent', 'problem-count', 'below-typical', 'seller-share'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface Alert {
  /** Idempotency key: sha256 (hex) of the rule's name, the day, the seller and when the condition started. */
  id: string;
  /** The rule's name (unique in its file). */
  rule: string;
  kind: AlertKind;
  /** The São Paulo day, `YYYY-MM-DD`. */
  date: string;
  /** When it fired: the fetch time of the snapshot that showed it, ISO. */
  at: string;
  /** The seller it is about, for seller-silent and seller-share. */
  seller?: string;
  /** What was measured: minutes silent, a count, an increase, a percentage. */
  value: number;
  /** The rule's bound it crossed, in the same unit as `value`. */
  threshold: number;
  /** One sentence in the rules file's language. */
  text: string;
  /** The same sentence in each language people read (`pt-BR`, `en`): the dashboard shows its viewer's. */
  texts?: Partial<Record<Lang, string>>;
}
