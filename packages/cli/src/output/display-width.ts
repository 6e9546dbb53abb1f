import stringWidth from 'string-width';

/**
 * How many terminal columns a string takes, by `string-width` (Unicode's East Asian Width and
 * emoji data, kept current upstream): `.length` counts UTF-16 units, which breaks column
 * alignment for decomposed accents ("José" as J-o-s-e-◌́), emoji and CJK.
 */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** Pads to a display width, on the right (text) or the left (numbers). */
export function padToWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

let segmenter: Intl.Segmenter | undefined;

/** Cuts text to at most `width` columns, ending in "…" when something was cut; never inside a grapheme. */
export function truncateToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let kept = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const next = displayWidth(segment);
    if (used + next > width - 1) break;
    kept += segment;
    used += next;
  }
  return `${kept}…`;
}
