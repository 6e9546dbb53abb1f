import type { OutputStream } from './cli-context.js';
import { truncateToWidth } from './output/display-width.js';

/** When a terminal does not say its width. */
const FALLBACK_COLUMNS = 80;
const CLEAR_LINE = '\r\x1b[2K';

/**
 * One status line on a terminal, redrawn in place. It is cut to the terminal's width: `\r` and
 * erase-line reach only the last row of a wrapped line, so a line wider than the terminal would
 * leave one stale row per redraw. It is redrawn at once when the window is resized.
 */
export class LiveLine {
  readonly #stream: OutputStream;
  #text: string | undefined;
  readonly #redraw = (): void => {
    if (this.#text !== undefined) this.#draw(this.#text);
  };

  constructor(stream: OutputStream) {
    this.#stream = stream;
  }

  show(text: string): void {
    if (this.#text === undefined) this.#stream.on?.('resize', this.#redraw);
    this.#text = text;
    this.#draw(text);
  }

  /** Clears the line, so what follows prints on a clean one. */
  clear(): void {
    if (this.#text === undefined) return;
    this.#stream.off?.('resize', this.#redraw);
    this.#text = undefined;
    this.#stream.write(CLEAR_LINE);
  }

  #draw(text: string): void {
    // One column spare: some terminals wrap as soon as the last column is written.
    const width = (this.#stream.columns || FALLBACK_COLUMNS) - 1;
    this.#stream.write(`${CLEAR_LINE}${truncateToWidth(text, width)}`);
  }
}
