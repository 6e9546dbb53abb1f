/**
 * The CLI's own wording rule. Durations, counts and places are worded by the core
 * (`formatDuration`, `plural`, `ordinal` in `@zen-leads/core/internal`), so every host says them alike.
 */

/** The text as one sentence: a final period added only when it has no closing punctuation yet. */
export function sentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
