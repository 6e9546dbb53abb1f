/** What the gateway shows of an alert: its key, day, time and text (the alert engine's `Alert`). */
export interface DatedAlert {
  id: string;
  date: string;
  /** ISO time it fired. */
  at: string;
  /** One sentence saying what happened, in the rules file's language. */
  text: string;
}

/** The alert engine as `/v1/alerts.json` and the dashboard read it. */
export interface AlertBoard {
  /** Today's and yesterday's alerts (São Paulo), newest first. */
  alerts(): readonly DatedAlert[];
  /** Alerts whose condition still holds, newest first. */
  firing(): readonly DatedAlert[];
}

/** The board's alerts fired after `since` (all of them without it): what a poller has not seen yet. */
export function alertsSince(board: AlertBoard, since?: Date): DatedAlert[] {
  const after = since?.getTime();
  return board.alerts().filter((alert) => after === undefined || Date.parse(alert.at) > after);
}
