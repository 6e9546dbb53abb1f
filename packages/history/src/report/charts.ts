/**
 * The report's SVG charts, drawn here as text (no script, no library): the series colours, round
 * axes, the frame every chart shares (grid, labels, title), and the line and stacked-bar charts.
 * The gateway's dashboard draws with the same parts.
 */
import { coordinate, escapeHtml } from './format.js';

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

/** A linear axis from 0 to a round maximum, with about `count` round ticks (1, 2 or 5 × 10ⁿ apart). */
export interface Axis {
  max: number;
  ticks: number[];
}

export function niceAxis(maxValue: number, count = 5): Axis {
  if (!(maxValue > 0)) return { max: 1, ticks: [0, 1] };
  const rough = maxValue / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude);
  const max = Math.ceil(maxValue / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let tick = 0; tick <= max + step / 2; tick += step) ticks.push(Math.round(tick * 1e6) / 1e6);
  return { max, ticks };
}

/** Which of `count` x labels to print so that at most `room` appear, evenly spread, always the first. */
export function labelStride(count: number, room: number): number {
  return Math.max(1, Math.ceil(count / Math.max(1, room)));
}

/** One named series of values, one per category (`null` where there is no value: a day not stored). */
export interface ChartSeries {
  name: string;
  color: string;
  values: readonly (number | null)[];
  /** How this series' values read in tooltips, when not as the y axis reads them. */
  format?: (value: number) => string;
}

/** What every chart shares: size, the x categories (days), how y values read, and its accessible text. */
export interface ChartOptions {
  /** Short name, read out by screen readers (`<title>`). */
  title: string;
  /** One sentence on what the chart shows (`<desc>`). */
  description: string;
  /** The x categories, in order: `YYYY-MM-DD` days. */
  categories: readonly string[];
  yFormat: (value: number) => string;
  /** A fixed y axis (0–100 % for shares); otherwise one is fitted to the data. */
  yAxis?: Axis;
  width?: number;
  height?: number;
}

export const MARGIN = { top: 12, right: 16, bottom: 30, left: 56 } as const;

/** The plot area and the functions that place values in it. */
export interface Frame {
  width: number;
  height: number;
  plotWidth: number;
  plotHeight: number;
  axis: Axis;
  /** Left edge of category `index`'s band. */
  bandX(index: number): number;
  bandWidth: number;
  y(value: number): number;
}

export function frameOf(options: ChartOptions, maxValue: number): Frame {
  const width = options.width ?? 960;
  const height = options.height ?? 300;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const axis = options.yAxis ?? niceAxis(maxValue);
  const bandWidth = plotWidth / Math.max(1, options.categories.length);
  return {
    width,
    height,
    plotWidth,
    plotHeight,
    axis,
    bandWidth,
    bandX: (index) => MARGIN.left + index * bandWidth,
    y: (value) => MARGIN.top + plotHeight - (Math.min(value, axis.max) / axis.max) * plotHeight,
  };
}

/** The `<svg>` element around a chart's marks: title, description, grid, y ticks and x labels. */
export function svgChart(options: ChartOptions, frame: Frame, marks: string, className: string): string {
  const id = `chart-${className}`;
  const grid = frame.axis.ticks
    .map((tick) => {
      const y = coordinate(frame.y(tick));
      return `<line x1="${MARGIN.left}" x2="${frame.width - MARGIN.right}" y1="${y}" y2="${y}" class="grid"/><text x="${MARGIN.left - 6}" y="${y}" dy="0.32em" text-anchor="end">${escapeHtml(options.yFormat(tick))}</text>`;
    })
    .join('');
  const stride = labelStride(options.categories.length, Math.floor(frame.plotWidth / 48));
  const baseline = coordinate(MARGIN.top + frame.plotHeight);
  const labels = options.categories
    .map((day, index) =>
      index % stride === 0
        ? `<text x="${coordinate(frame.bandX(index) + frame.bandWidth / 2)}" y="${baseline}" dy="1.3em" text-anchor="middle">${escapeHtml(shortDay(day))}</text>`
        : '',
    )
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart ${className}" viewBox="0 0 ${frame.width} ${frame.height}" width="${frame.width}" height="${frame.height}" role="img" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${escapeHtml(options.title)}</title><desc id="${id}-desc">${escapeHtml(options.description)}</desc>` +
    `<g class="axis">${grid}${labels}<line x1="${MARGIN.left}" x2="${frame.width - MARGIN.right}" y1="${baseline}" y2="${baseline}" class="baseline"/></g>` +
    `<g class="marks">${marks}</g></svg>`
  );
}

/** `2026-01-05` → `01-05`: the year is in the report's heading. */
function shortDay(day: string): string {
  return day.slice(5);
}

/**
 * One line per series across the categories; a missing value (`null`, a day not stored) breaks
 * the line rather than drawing it to zero. Points carry `<title>` tooltips.
 */
export function lineChart(options: ChartOptions & { className: string }, series: readonly ChartSeries[]): string {
  const values = series.flatMap((one) => one.values.filter((value): value is number => value !== null));
  const frame = frameOf(options, Math.max(0, ...values));
  const x = (index: number): string => coordinate(frame.bandX(index) + frame.bandWidth / 2);
  const marks = series.map((one) => {
    let path = '';
    let drawing = false;
    const points: string[] = [];
    one.values.forEach((value, index) => {
      if (value === null) {
        drawing = false;
        return;
      }
      const y = coordinate(frame.y(value));
      path += `${drawing ? 'L' : 'M'}${x(index)} ${y}`;
      drawing = true;
      points.push(
        `<circle cx="${x(index)}" cy="${y}" r="2.5"><title>${escapeHtml(`${options.categories[index] ?? ''} · ${one.name}: ${(one.format ?? options.yFormat)(value)}`)}</title></circle>`,
      );
    });
    const line = path === '' ? '' : `<path d="${path}" fill="none" stroke="${one.color}" stroke-width="2" stroke-linejoin="round"/>`;
    return `<g class="series">${line}<g fill="${one.color}">${points.join('')}</g></g>`;
  });
  return svgChart(options, frame, marks.join(''), options.className);
}

/**
 * Bars per category, the series stacked bottom-up in the order given. Each segment carries a
 * `<title>`, so hovering shows its value without any script.
 */
export function stackedBarChart(options: ChartOptions & { className: string }, series: readonly ChartSeries[]): string {
  const totals = options.categories.map((_, index) => series.reduce((sum, one) => sum + (one.values[index] ?? 0), 0));
  const frame = frameOf(options, Math.max(0, ...totals));
  const gap = Math.min(6, frame.bandWidth * 0.2);
  const barWidth = coordinate(Math.max(1, frame.bandWidth - gap));
  const marks: string[] = [];
  for (const one of series) {
    const rects: string[] = [];
    options.categories.forEach((day, index) => {
      const value = one.values[index] ?? 0;
      if (value <= 0) return;
      const below = series.slice(0, series.indexOf(one)).reduce((sum, other) => sum + (other.values[index] ?? 0), 0);
      const top = frame.y(below + value);
      const height = frame.y(below) - top;
      rects.push(
        `<rect x="${coordinate(frame.bandX(index) + gap / 2)}" y="${coordinate(top)}" width="${barWidth}" height="${coordinate(height)}"><title>${escapeHtml(`${day} · ${one.name}: ${(one.format ?? options.yFormat)(value)}`)}</title></rect>`,
      );
    });
    if (rects.length > 0) marks.push(`<g fill="${one.color}">${rects.join('')}</g>`);
  }
  return svgChart(options, frame, marks.join(''), options.className);
}
