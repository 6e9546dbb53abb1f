import { todayInSaoPaulo, zenErrorOf } from '@zen-leads/core';
import { nonexistentDateOf, resolveDay } from '@zen-leads/core/internal';
import { CliError, type Wording } from './cli-error.js';
import { stringOption, type OptionValues } from './parse-command-line.js';

/*
 * Days as people write them — `YYYY-MM-DD`, `today` or `yesterday`, read in São Paulo (the CRM's
 * calendar), never the machine's time zone — are read by the core's `resolveDay`, for the DATE
 * argument and every day option alike; here they are only worded for the command line, in the
 * run's language, from the reason the core gives (its own sentence is English, for other hosts).
 */

/** The DATE argument (default yesterday): a real day, not after today; nothing is sent before. */
export function resolveDateArgument(text: string | undefined, now: number = Date.now()): string {
  const value = (text ?? 'yesterday').trim();
  try {
    return resolveDay(value, now);
  } catch (error) {
    const input = zenErrorOf(error);
    if (input?.code !== 'ZEN_INPUT') throw error;
    const problem = dateProblem(value, input.reason, todayInSaoPaulo(now));
    throw new CliError(
      input.reason === 'future' ? (say) => `${problem(say)} ${say.input.dateUpToToday(todayInSaoPaulo(now))}` : (say) => `${problem(say)} ${say.input.dateForms}`,
    );
  }
}

/** What is wrong with a day the core refused, by its reason: not the form, a day that does not exist, or after today. */
function dateProblem(value: string, reason: string, today: string): Wording {
  const why = reason === 'nonexistent' ? nonexistentDateOf(value) : undefined;
  if (reason === 'future') return (say) => say.input.dateFuture(value, today);
  if (why?.kind === 'year') return (say) => say.input.dateYear(value);
  if (why?.kind === 'month') return (say) => say.input.dateMonth(value);
  if (why?.kind === 'day') return (say) => say.input.dateDay(value, why.year, why.month, why.lastDay);
  const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return (say) => say.input.dateFormat(shown);
}

/**
 * A day option (`--from`, `--to`, `--fill-from`). A real day after today passes: whether it suits
 * the command (a backfill takes closed days only, a report may ask past its last day) is the
 * command's own check, worded for that command.
 */
export function dayOption(values: OptionValues, name: string, now: number): string | undefined {
  const text = stringOption(values, name)?.trim();
  if (text === undefined) return undefined;
  try {
    return resolveDay(text, now);
  } catch (error) {
    const input = zenErrorOf(error);
    if (input?.code !== 'ZEN_INPUT') throw error;
    if (input.reason === 'future') return text;
    throw new CliError((say) => say.input.dayOption(`--${name}`, JSON.stringify(text)));
  }
}
