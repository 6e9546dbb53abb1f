import { addDays, todayInSaoPaulo } from '@zen-leads/core';

/** What the list needs of an alert: its key, day, time and text (the alert engine's `Alert`). */
export interface DatedAlert {
  id: string;
  date: string;
  /** ISO time it fired. */
  at: string;
  /** One sentence saying what happened, in the rules file's language. */
  text: string;
}

/** Alerts kept at most, newest first: a runaway rule must not grow memory without end. */
const MAX_ALERTS = 1_000;

/**
 * The alerts this gateway fired today and yesterday, newest first, for `/v1/alerts.json` (the n8n
 * trigger's "Alert" event polls it with `?since=`) and the dashboard. In memory: a restart forgets
 * them, as the webhooks have already been told.
 */
export class RecentAlerts<A extends DatedAlert> {
  #alerts: A[] = [];

  /** `firing`: the alert engine's conditions holding now (fired and not cleared yet). */
  constructor(readonly firing: () => readonly A[] = () => []) {}

  add(fired: readonly A[]): void {
    if (fired.length === 0) return;
    const known = new Set(this.#alerts.map((alert) => alert.id));
    const added = fired.filter((alert) => !known.has(alert.id));
    this.#alerts = [...added, ...this.#alerts].sort((a, b) => b.at.localeCompare(a.at)).slice(0, MAX_ALERTS);
  }

  /** Today's and yesterday's alerts, newest first; with `since`, only those fired after it. */
  list(now: number, since?: Date): A[] {
    const yesterday = addDays(todayInSaoPaulo(now), -1);
    this.#alerts = this.#alerts.filter((alert) => alert.date >= yesterday);
    const after = since?.getTime();
    return after === undefined ? [...this.#alerts] : this.#alerts.filter((alert) => Date.parse(alert.at) > after);
  }
}
