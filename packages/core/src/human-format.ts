/** How durations, counts and places are worded for people: the one place, so every host says them alike. */

/**
 * A duration for people: `192500` → `3m 13s`, `4250` → `4.3s`, `420` → `420ms`, `0` → `0s`.
 */
export function formatDuration(ms: number): string {
  if (!(ms > 0)) return '0s';
  if (ms < 999.5) return `${Math.max(1, Math.round(ms))}ms`;
  // Tenths matter in a few seconds, not in minutes (a countdown of "4m 59.5s" is noise).
  const totalSeconds = ms < 60_000 ? Math.round(ms / 100) / 10 : Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds - hours * 3600) / 60);
  const seconds = Math.round((totalSeconds - hours * 3600 - minutes * 60) * 10) / 10;
  const parts = [hours > 0 ? `${hours}h` : '', minutes > 0 ? `${minutes}m` : '', seconds > 0 ? `${seconds}s` : ''];
  return parts.filter(Boolean).join(' ') || '0s';
}

/** `plural(1, 'day')` → `1 day`, `plural(3, 'day')` → `3 days`, `plural(2, 'entry', 'entries')`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** `1` → `1st`, `2` → `2nd`, `3` → `3rd`, `11` → `11th`: places in a queue. */
export function ordinal(place: number): string {
  const tens = place % 100;
  if (tens >= 11 && tens <= 13) return `${place}th`;
  const suffix = ['th', 'st', 'nd', 'rd'][place % 10] ?? 'th';
  return `${place}${place % 10 > 3 ? 'th' : suffix}`;
}
