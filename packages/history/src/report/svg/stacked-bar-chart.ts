import { escapeHtml } from '../escape-html.js';
import { coordinate } from '../number-format.js';
import { frameOf, svgChart, type ChartOptions, type ChartSeries } from './chart-frame.js';

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
