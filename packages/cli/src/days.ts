import { todayInSaoPaulo, zenErrorOf } from '@zen-leads/core';
import { resolveDay } from '@zen-leads/core/internal';
import { CliError } from './cli-error.js';
import { stringOption, type OptionValues } from './parse-command-line.js';

/*
 * Days as people write them — `YYYY-MM-DD`, `today` or `yesterday`, read in São Paulo (the CRM's
 * calendar), never the machine's time zone — are read by the core's `resolveDay`, for the DATE
 * argument and every day option alike; here they are only worded for the command line.
 */

const FORMS = 'Pass DATE as YYYY-MM-DD, "today" or "yesterday" (São Paulo days), e.g. zen-leads totals 2026-11-24.';

/** The DATE argument (default yesterday): a real day, not after today; nothing is sent before. */
export function resolveDateArgument(text: string | undefined, now: number = Date.now()): string {
  try {
    return resolveDay(text ?? 'yesterday', now);
  } catch (error) {
    const input = zenErrorOf(error);
    if (input?.code !== 'ZEN_INPUT') throw error;
    const hint = input.reason === 'future' ? `Ask for today (${todayInSaoPaulo(now)}) or an earlier day.` : FORMS;
    throw new CliError(`${input.problem} ${hint}`);
  }
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
    throw new CliError(`--${name} must be a day written YYYY-MM-DD, "today" or "yesterday", not ${JSON.stringify(text)}.`);
  }
}
