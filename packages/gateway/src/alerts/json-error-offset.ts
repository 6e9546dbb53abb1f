/**
 * Where a text stops being JSON. Written here because `JSON.parse` names no position on every
 * runtime (V8's "Unexpected token" messages leave it out), and an error must name its line.
 */

/** The offset of the first character that breaks JSON's grammar, or -1 for valid JSON. */
export function jsonErrorOffset(text: string): number {
  let at = 0;
  const fail = (): never => {
    throw new JsonBreak(at);
  };
  const space = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at += 1;
  };
  const take = (char: string): void => {
    if (text[at] !== char) fail();
    at += 1;
  };
  const pattern = (regex: RegExp): void => {
    regex.lastIndex = at;
    if (!regex.test(text)) fail();
    at = regex.lastIndex;
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{') members('}', () => (pattern(STRING), space(), take(':'), value()));
    else if (char === '[') members(']', value);
    else if (char === '"') pattern(STRING);
    else pattern(LITERAL);
    space();
  };
  // An object's or array's entries, comma-separated, none after the last.
  const members = (close: string, entry: () => void): void => {
    at += 1;
    space();
    if (text[at] === close) return void (at += 1);
    for (;;) {
      space();
      entry();
      if (text[at] !== ',') return take(close);
      at += 1;
    }
  };
  try {
    value();
    return at < text.length ? at : -1;
  } catch (error) {
    if (error instanceof JsonBreak) return error.offset;
    throw error;
  }
}

const STRING = /"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/y;
const LITERAL = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class JsonBreak {
  constructor(readonly offset: number) {}
}
