/**
 * São Paulo wall-clock time, as the CRM writes it. The simulator is the server side and keeps
 * its own copy rather than importing the client's: both must agree with `Intl`, not with each
 * other. The machine's time zone never enters.
 */

export const SAO_PAULO_TIME_ZONE = 'America/Sao_Paulo';

let partsFormatter: Intl.DateTimeFormat | undefined;
function formatter(): Intl.DateTimeFormat {
  partsFormatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: SAO_PAULO_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return partsFormatter;
}

function wallClockParts(instant: number): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of formatter().formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = part.value;
  }
  return parts;
}

/** `YYYY-MM-DD HH:MM:SS` in São Paulo: PHP's `date('Y-m-d H:i:s')` on the CRM's server. */
export function formatSaoPauloDateTime(instant: number): string {
  const p = wallClockParts(instant);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** The São Paulo calendar day (`YYYY-MM-DD`) at an instant. */
export function saoPauloDateOf(instant: number): string {
  const p = wallClockParts(instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Ms since São Paulo's midnight at an instant (0..86 399 999). */
export function saoPauloMsOfDay(instant: number): number {
  const p = wallClockParts(instant);
  const ms = ((instant % 1000) + 1000) % 1000;
  return ((Number(p.hour) * 60 + Number(p.minute)) * 60 + Number(p.second)) * 1000 + ms;
}
