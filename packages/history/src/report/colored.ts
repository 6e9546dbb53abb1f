import { OTHER_COLOR, seriesColor, type ChartSeries } from './charts.js';
import type { NamedSeries } from './report-data.js';

/** Named series with their colours: fixed order, "everything else" in grey. */
export function colored(series: readonly NamedSeries[]): (ChartSeries & { total: number })[] {
  let index = 0;
  return series.map((one) => ({ name: one.name, values: one.values, total: one.total, color: one.other ? OTHER_COLOR : seriesColor(index++) }));
}
