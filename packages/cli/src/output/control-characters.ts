/**
 * A CRM field can hold anything. Control characters (ESC starting an ANSI sequence, BEL, C1
 * codes) sent to a terminal drive it — recolour, retitle, ring — so output meant for a person
 * shows them as visible escapes instead. Files and pipes keep the data as it is.
 */
const CONTROL = /\p{Cc}/gu;
// JSON.stringify escapes U+0000–U+001F itself; DEL and the C1 codes it leaves raw.
const RAW_IN_JSON = /[\u007f-\u009f]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOf(char: string): string {
  return NAMED[char] ?? `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
}

/** `"Ana\x1b[31m"` → `"Ana\u001b[31m"`: every control character as a visible escape. */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL, escapeOf);
}

/** JSON text with DEL and C1 codes escaped too: the same value once parsed, harmless on a terminal. */
export function escapeJsonForTerminal(json: string): string {
  return json.replace(RAW_IN_JSON, escapeOf);
}
