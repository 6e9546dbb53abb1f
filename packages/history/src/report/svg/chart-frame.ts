import { escapeHtml } from '../escape-html.js';
import { coordinate } from '../number-format.js';
import { labelStride, niceAxis, type Axis } from './scale.js';

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
