import { escapeHtml } from '../escape-html.js';
import { coordinate } from '../number-format.js';
import { frameOf, svgChart, type ChartOptions, type ChartSeries } from './chart-frame.js';

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
