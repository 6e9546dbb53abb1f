/**
 * The report's SVG charts, drawn here as text (no script, no library): the series colours, round
 * axes, the frame every chart shares (grid, labels, title), the line and stacked-bar charts, and
 * their legend. The gateway's dashboard draws with the same parts.
 *
 * Each chart is drawn twice, for a wide and a narrow screen (CSS shows one): a viewBox scales
 * its text with it, so one drawing 960 units wide would print its labels at 4 px on a phone.
 */
import { coordinate, escapeHtml } from './format.js';

/**
 * Series colours: a colour-blind-safe qualitative set (Okabe–Ito, then Tableau's muted tones),
 * assigned in a fixed order so a name keeps its colour across charts of one report.
 */
export const SERIES_COLORS: readonly string[] = [
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

/** The colour of the series "everything else": a grey with 3:1 contrast on white, a mark one can see. */
export const OTHER_COLOR = '#8c959f';

/** The `index`-th series colour (repeats after the palette runs out). */
export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length] ?? '#000000';
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
  /** How a category reads on the x axis and in tooltips (default: as given). */
  categoryLabel?: (category: string) => string;
  yFormat: (value: number) => string;
  /** A fixed y axis (0–100 % for shares); otherwise one is fitted to the data. */
  yAxis?: Axis;
  /** The wide drawing's height (the narrow one is shorter). */
  height?: number;
}

/**
 * The two drawings. Wide: 960 units, its text 12 units (12 px on a desktop, 18 units between 700
 * and 1007 px, see {@link CHART_CSS}). Narrow: 320 units, about as wide as a 360 px phone's column, so
 * 12 units stay 12 px. `room` is the width an x label needs at the largest text size. A phone has
 * no hover, so the narrow drawing leaves tooltips out (the summary table holds every value).
 */
const VARIANTS = [
  { name: 'wide', width: 960, margin: { top: 14, right: 16, bottom: 40, left: 72 }, room: 76, heightScale: 1, tooltips: true },
  { name: 'narrow', width: 320, margin: { top: 12, right: 12, bottom: 30, left: 44 }, room: 54, heightScale: 0.8, tooltips: false },
] as const;
type Variant = (typeof VARIANTS)[number];

/** The charts' CSS: which drawing shows, and text that stays at least 12 px wide-screen or narrow. */
export const CHART_CSS = `
svg.chart{display:block;width:100%;height:auto}
svg.chart.wide{max-width:960px}
svg.chart.narrow{display:none}
svg.chart text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:#57606a}
svg.chart .grid{stroke:#eaeef2}
svg.chart .baseline{stroke:#8c959f}
@media (max-width:1007px){svg.chart.wide text{font-size:18px}}
@media (max-width:699px){svg.chart.wide{display:none}svg.chart.narrow{display:block}}
`;

/** Dash patterns by series index: colour is never the only thing telling two lines apart. */
const DASHES: readonly string[] = ['', '7 4', '2 3', '10 3 2 3'];

export function dashOf(index: number): string {
  return DASHES[index % DASHES.length] ?? '';
}

/** The plot area and the functions that place values in it. */
export interface Frame {
  width: number;
  height: number;
  margin: Variant['margin'];
  plotWidth: number;
  plotHeight: number;
  tooltips: boolean;
  axis: Axis;
  /** Left edge of category `index`'s band. */
  bandX(index: number): number;
  bandWidth: number;
  y(value: number): number;
}

function frameOf(options: ChartOptions, variant: Variant, maxValue: number): Frame {
  const { width, margin } = variant;
  const height = Math.round((options.height ?? 300) * variant.heightScale);
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const axis = options.yAxis ?? niceAxis(maxValue);
  const bandWidth = plotWidth / Math.max(1, options.categories.length);
  return {
    width,
    height,
    margin,
    plotWidth,
    plotHeight,
    tooltips: variant.tooltips,
    axis,
    bandWidth,
    bandX: (index) => margin.left + index * bandWidth,
    y: (value) => margin.top + plotHeight - (Math.min(value, axis.max) / axis.max) * plotHeight,
  };
}

/** The chart drawn in both variants, its marks placed by `marks` in each variant's frame. */
function bothVariants(options: ChartOptions, className: string, maxValue: number, marks: (frame: Frame) => string): string {
  return VARIANTS.map((variant) => {
    const frame = frameOf(options, variant, maxValue);
    return svgChart(options, frame, marks(frame), className, variant);
  }).join('');
}

/** The `<svg>` element around a chart's marks: title, description, grid, y ticks and x labels. */
function svgChart(options: ChartOptions, frame: Frame, marks: string, className: string, variant: Variant): string {
  const id = `chart-${className}-${variant.name}`;
  const { margin } = frame;
  const label = options.categoryLabel ?? ((category: string) => category);
  const grid = frame.axis.ticks
    .map((tick) => {
      const y = coordinate(frame.y(tick));
      return `<line x1="${margin.left}" x2="${frame.width - margin.right}" y1="${y}" y2="${y}" class="grid"/><text x="${margin.left - 6}" y="${y}" dy="0.32em" text-anchor="end">${escapeHtml(options.yFormat(tick))}</text>`;
    })
    .join('');
  const stride = labelStride(options.categories.length, Math.floor(frame.plotWidth / variant.room));
  const baseline = coordinate(margin.top + frame.plotHeight);
  const labels = options.categories
    .map((day, index) =>
      index % stride === 0
        ? `<text x="${coordinate(frame.bandX(index) + frame.bandWidth / 2)}" y="${baseline}" dy="1.3em" text-anchor="middle">${escapeHtml(label(day))}</text>`
        : '',
    )
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart ${className} ${variant.name}" viewBox="0 0 ${frame.width} ${frame.height}" width="${frame.width}" height="${frame.height}" role="img" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${escapeHtml(options.title)}</title><desc id="${id}-desc">${escapeHtml(options.description)}</desc>` +
    `<g class="axis" aria-hidden="true">${grid}${labels}<line x1="${margin.left}" x2="${frame.width - margin.right}" y1="${baseline}" y2="${baseline}" class="baseline"/></g>` +
    `<g class="marks">${marks}</g></svg>`
  );
}

function tooltip(frame: Frame, options: ChartOptions, index: number, name: string, value: string): string {
  if (!frame.tooltips) return '';
  const category = options.categories[index] ?? '';
  return `<title>${escapeHtml(`${(options.categoryLabel ?? ((day: string) => day))(category)} · ${name}: ${value}`)}</title>`;
}

/**
 * One line per series across the categories, each with its own dash pattern; a missing value
 * (`null`, a day not stored) breaks the line rather than drawing it to zero. Points carry
 * `<title>` tooltips.
 */
export function lineChart(options: ChartOptions & { className: string }, series: readonly ChartSeries[]): string {
  const values = series.flatMap((one) => one.values.filter((value): value is number => value !== null));
  return bothVariants(options, options.className, Math.max(0, ...values), (frame) => {
    const x = (index: number): string => coordinate(frame.bandX(index) + frame.bandWidth / 2);
    const marks = series.map((one, seriesIndex) => {
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
        points.push(`<circle cx="${x(index)}" cy="${y}" r="2.5">${tooltip(frame, options, index, one.name, (one.format ?? options.yFormat)(value))}</circle>`);
      });
      const dash = dashOf(seriesIndex) === '' ? '' : ` stroke-dasharray="${dashOf(seriesIndex)}"`;
      const line = path === '' ? '' : `<path d="${path}" fill="none" stroke="${one.color}" stroke-width="2" stroke-linejoin="round"${dash}/>`;
      return `<g class="series">${line}<g fill="${one.color}">${points.join('')}</g></g>`;
    });
    return marks.join('');
  });
}

/**
 * Bars per category, the series stacked bottom-up in the order given (the legend's order). Each
 * segment carries a `<title>`, so hovering shows its value without any script.
 */
export function stackedBarChart(options: ChartOptions & { className: string }, series: readonly ChartSeries[]): string {
  const totals = options.categories.map((_, index) => series.reduce((sum, one) => sum + (one.values[index] ?? 0), 0));
  return bothVariants(options, options.className, Math.max(0, ...totals), (frame) => {
    const gap = Math.min(6, frame.bandWidth * 0.2);
    const barWidth = coordinate(Math.max(1, frame.bandWidth - gap));
    const marks: string[] = [];
    for (const one of series) {
      const rects: string[] = [];
      options.categories.forEach((_, index) => {
        const value = one.values[index] ?? 0;
        if (value <= 0) return;
        const below = series.slice(0, series.indexOf(one)).reduce((sum, other) => sum + (other.values[index] ?? 0), 0);
        const top = frame.y(below + value);
        const height = frame.y(below) - top;
        rects.push(
          `<rect x="${coordinate(frame.bandX(index) + gap / 2)}" y="${coordinate(top)}" width="${barWidth}" height="${coordinate(height)}">${tooltip(frame, options, index, one.name, (one.format ?? options.yFormat)(value))}</rect>`,
        );
      });
      if (rects.length > 0) marks.push(`<g fill="${one.color}">${rects.join('')}</g>`);
    }
    return marks.join('');
  });
}

/**
 * A chart's legend as an HTML list: each name with a swatch drawn as the chart draws it (a square
 * for bars, a line with its dash pattern for lines), in the series' order. An SVG swatch, not an
 * inline style, so it also shows under the dashboard's `default-src 'self'`.
 */
export function chartLegend(series: readonly ChartSeries[], kind: 'bars' | 'lines', detail?: (one: ChartSeries) => string): string {
  const items = series.map((one, index) => {
    const swatch =
      kind === 'bars'
        ? `<rect y="1" width="12" height="12" rx="2" fill="${one.color}"/>`
        : `<line x1="0" x2="22" y1="7" y2="7" stroke="${one.color}" stroke-width="3"${dashOf(index) === '' ? '' : ` stroke-dasharray="${dashOf(index)}"`}/>`;
    const extra = detail ? ` <small>${escapeHtml(detail(one))}</small>` : '';
    return `<li><svg class="swatch" width="${kind === 'bars' ? 12 : 22}" height="14" aria-hidden="true">${swatch}</svg>${escapeHtml(one.name)}${extra}</li>`;
  });
  return `<ul class="legend">${items.join('')}</ul>`;
}
