/** A São Paulo day in ms: the day's clock runs from 0 to this (24:00). */
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

const CLOCK_PATTERN = /^(\d{2}):(\d{2})$/;

/** `HH:MM` (00:00–24:00) as ms since midnight; a RangeError naming the field otherwise. */
export function clockTimeMs(text: string, field: string): number {
  const match = CLOCK_PATTERN.exec(text);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  const ms = (hours * 60 + minutes) * 60_000;
  if (!match || minutes > 59 || ms > DAY_MS) {
    throw new RangeError(`${field} must be a São Paulo time HH:MM between 00:00 and 24:00, got "${text}"`);
  }
  return ms;
}

/** A time of day as it reached us (a test's fast clock may overshoot): clamped to [0, 24:00]. */
export function clampToDay(ms: number): number {
  if (!Number.isFinite(ms)) throw new RangeError(`today.timeOfDay must return a number of ms, got ${String(ms)}`);
  return Math.min(DAY_MS, Math.max(0, ms));
}
