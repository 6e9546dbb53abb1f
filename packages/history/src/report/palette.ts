/**
 * Series colours: a colour-blind-safe qualitative set (Okabe–Ito, then Tableau's muted tones),
 * assigned in a fixed order so a name keeps its colour across charts of one report.
 */
const COLORS: readonly string[] = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#8c564b',
  '#7f7f7f',
  '#bcbd22',
];

/** The colour of the series "everything else". */
export const OTHER_COLOR = '#c7c7c7';

/** The `index`-th series colour (repeats after the palette runs out). */
export function seriesColor(index: number): string {
  return COLORS[index % COLORS.length] ?? '#000000';
}
