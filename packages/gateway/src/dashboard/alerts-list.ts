import type { Formats, Lang } from '@zen-leads/history';
import { html, raw } from 'hono/html';
import type { DashboardMessages } from './messages/index.js';
import type { Html } from './pages.js';

/** What the dashboard shows of an alert: its sentence (in the viewer's language when it has it) and when it fired. */
export interface AlertLine {
  id: string;
  at: string;
  text: string;
  texts?: Partial<Record<Lang, string>>;
}

/** The alerts part of the dashboard: none set up, or those firing now and today's. */
export type AlertsView = { enabled: false } | { enabled: true; firing: readonly AlertLine[]; recent: readonly AlertLine[] };

/** Alerts firing now (in a `role="status"` region, so a screen reader hears a new one) and today's, newest first. */
export function alertsList(view: AlertsView, m: DashboardMessages, f: Formats): Html {
  if (!view.enabled) return section(m, html`<p class="note">${raw(m.noAlertRules)}</p>`);
  if (view.recent.length === 0 && view.firing.length === 0) return section(m, html`<p class="note">${m.noAlerts}</p>`);
  const items = (alerts: readonly AlertLine[]): Html[] => alerts.map((alert) => html`<li><time datetime="${alert.at}">${f.time(new Date(alert.at))}</time> ${alert.texts?.[f.lang] ?? alert.text}</li>`);
  const firing = view.firing.length > 0 ? html`<h4>${m.alertsFiring}</h4>\n<div role="status"><ul class="alerts firing">${items(view.firing)}</ul></div>\n` : '';
  return section(m, html`${firing}<h4>${m.alertsRecent}</h4>\n<ul class="alerts">${items(view.recent)}</ul>`);
}

function section(m: DashboardMessages, content: Html): Html {
  return html`<section id="alerts">\n<h3>${m.alertsHeading}</h3>\n${content}\n</section>`;
}
