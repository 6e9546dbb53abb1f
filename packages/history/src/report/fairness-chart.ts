import { formatGini, formatShare } from './number-format.js';
import { seriesColor } from './palette.js';
import type { ReportData } from './report-data.js';
import type { ChartSeries } from './svg/chart-frame.js';
import { lineChart } from './svg/line-chart.js';

/**
 * The top user's share and the Gini coefficient per day, as one line chart (the report's and the
 * gateway dashboard's). Days without users are gaps. Returns the SVG and its series, for a legend.
 */
export function fairnessChart(data: ReportData, frame: { className: string; title: string; height: number }): { svg: string; series: ChartSeries[] } {
  const pick = (read: (summary: NonNullable<ReportData['summaries'][number]>) => number): (number | null)[] =>
    data.summaries.map((summary) => (summary && summary.users > 0 ? read(summary) : null));
  const series: ChartSeries[] = [
    { name: 'Top user’s share', color: seriesColor(0), values: pick((summary) => summary.topUserShare), format: formatShare },
    { name: 'Gini coefficient', color: seriesColor(5), values: pick((summary) => summary.gini), format: formatGini },
  ];
  const svg = lineChart(
    {
      ...frame,
      description: 'Per day, the share of leads that went to the user with the most, and the Gini coefficient of leads per user (0 = perfectly even, 1 = all to one user).',
      categories: data.days,
      yFormat: (value) => value.toFixed(1),
      yAxis: { max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] },
    },
    series,
  );
  return { svg, series };
}
