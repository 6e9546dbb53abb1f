/**
 * The daily job's settings (bun-daily and deno-daily alike), from flags first and the environment
 * second. The token comes only from the environment: a flag would show it to anyone running `ps`.
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { isCalendarDate, yesterdayInSaoPaulo } from '@zen-leads/core';

export interface DailyConfig {
  /** The integration URL (ZEN_URL). */
  zenUrl: string;
  /** The integration token (ZEN_TOKEN). Never printed. */
  zenToken: string;
  /** Where the day's totals are POSTed (WEBHOOK_URL / --webhook). */
  webhookUrl: string;
  /** The São Paulo day to send (--date; default yesterday). */
  date: string;
  /** Holds history.sqlite and the client's cache (ZEN_DAILY_STATE_DIR / --state-dir). */
  stateDir: string;
  /** Webhook retries after the first try (--webhook-retries; default 3). */
  webhookRetries: number;
  /** First webhook backoff in ms, doubled each retry (--webhook-backoff-ms; default 1000). */
  webhookBackoffMs: number;
}

/**
 * The usage, starting with how the app is run (`bun src/main.ts`, `deno run <permissions>
 * src/main.ts`); the other lines line up under the first flag.
 */
export function usageFor(command: string): string {
  const first = `Usage: ${command} `;
  const indent = ' '.repeat(first.length);
  return `${first}[--date YYYY-MM-DD] [--webhook URL] [--state-dir DIR]
${indent}[--webhook-retries N] [--webhook-backoff-ms MS]
Environment: ZEN_URL, ZEN_TOKEN (required), WEBHOOK_URL, ZEN_DAILY_STATE_DIR, HOME.
Sends one São Paulo day (default: yesterday) to the webhook and records it in DIR/history.sqlite.`;
}

/** A bad flag or a missing setting: exit code 2 with the usage. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readConfig(argv: readonly string[], env: Record<string, string | undefined>, now: number = Date.now()): DailyConfig {
  let flags;
  try {
    flags = parseArgs({
      args: [...argv],
      options: {
        date: { type: 'string' },
        webhook: { type: 'string' },
        'state-dir': { type: 'string' },
        'webhook-retries': { type: 'string' },
        'webhook-backoff-ms': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  if (flags.help) throw new ConfigError('help');

  const zenUrl = required(env['ZEN_URL'], 'ZEN_URL (the integration URL from CRM Zen → Integração)');
  const zenToken = required(env['ZEN_TOKEN'], 'ZEN_TOKEN (the integration token)');
  const webhookUrl = required(flags.webhook ?? env['WEBHOOK_URL'], '--webhook or WEBHOOK_URL');
  const date = flags.date ?? yesterdayInSaoPaulo(now);
  if (!isCalendarDate(date)) throw new ConfigError(`--date ${JSON.stringify(date)} is not a calendar day written YYYY-MM-DD.`);
  const home = env['HOME'];
  const stateDir = flags['state-dir'] ?? env['ZEN_DAILY_STATE_DIR'] ?? (home ? join(home, '.local', 'state', 'zen-leads-daily') : undefined);
  if (!stateDir) throw new ConfigError('Set --state-dir or ZEN_DAILY_STATE_DIR (no HOME to default to).');
  return {
    zenUrl,
    zenToken,
    webhookUrl,
    date,
    stateDir,
    webhookRetries: wholeNumber(flags['webhook-retries'], '--webhook-retries', 3, 10),
    webhookBackoffMs: wholeNumber(flags['webhook-backoff-ms'], '--webhook-backoff-ms', 1_000, 60_000),
  };
}

function required(value: string | undefined, what: string): string {
  if (value === undefined || value === '') throw new ConfigError(`Missing ${what}.`);
  return value;
}

function wholeNumber(text: string | undefined, flag: string, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > max) throw new ConfigError(`${flag} must be a whole number from 0 to ${max}, got ${JSON.stringify(text)}.`);
  return value;
}
