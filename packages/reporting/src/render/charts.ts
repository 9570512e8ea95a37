/**
 * The report's charts as inline SVG: drawn from our figures, no script, no external resource, and
 * each with a text title for screen readers (the same figures are in the tables next to it).
 */
import type { SeverityLabel } from '@soar/asff-schema';
import type { SeverityCounts } from '../assemble';
import { SEVERITIES } from '../facts';
import { markup, type Markup } from './markup';

/** Cell colours of the severities in tables. */
export const SEVERITY_COLOURS: Readonly<Record<SeverityLabel, string>> = {
  CRITICAL: '#FAACF9',
  HIGH: '#FF9D96',
  MEDIUM: '#FFB060',
  LOW: '#EEEEC0',
  INFORMATIONAL: '#F6F6F6',
};

const WIDTH = 640;
const HEIGHT = 260;
const LEFT = 44;
const RIGHT = 150;
const TOP = 24;
const BOTTOM = 40;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

/** A round upper bound of the axis (four steps of 1, 2, 2.5 or 5 times a power of ten), at least 4. */
function axisMax(value: number): number {
  if (value <= 4) return 4;
  const quarter = value / 4;
  const magnitude = 10 ** Math.floor(Math.log10(quarter));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((m) => m >= quarter) ?? magnitude * 10;
  return step * 4;
}

function frame(title: string, max: number, body: readonly Markup[], legend: readonly Markup[]): Markup {
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => {
    const y = TOP + PLOT_HEIGHT - share * PLOT_HEIGHT;
    const value = Math.round(share * max * 10) / 10;
    return markup`<line x1="${LEFT}" y1="${y}" x2="${LEFT + PLOT_WIDTH}" y2="${y}" stroke="#E5E7EB" stroke-width="1"/><text x="${LEFT - 6}" y="${y + 4}" text-anchor="end" font-size="11" fill="#6B7280">${value}</text>`;
  });
  return markup`<svg role="img" aria-label="${title}" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif" style="max-width:100%;height:auto;background-color:#FFFFFF"><title>${title}</title>${ticks}${body}${legend}</svg>`;
}

function legendItem(index: number, colour: string, label: string): Markup {
  const y = TOP + index * 20;
  const x = LEFT + PLOT_WIDTH + 16;
  return markup`<rect x="${x}" y="${y}" width="12" height="12" fill="${colour}" stroke="#6B7280" stroke-width="0.5"/><text x="${x + 18}" y="${y + 10}" font-size="12" fill="#374151">${label}</text>`;
}

function weekLabel(x: number, label: string): Markup {
  return markup`<text x="${x}" y="${TOP + PLOT_HEIGHT + 18}" text-anchor="middle" font-size="12" fill="#374151">${label}</text>`;
}

/**
 * Stacked bars of counts per severity, one bar per week, oldest on the left.
 *
 * @param weeks - index 0 is this week (as in the report data); drawn last
 */
export function severityTrendChart(
  title: string,
  weeks: readonly SeverityCounts[],
  labels: readonly string[],
): Markup {
  const totals = weeks.map((counts) => SEVERITIES.reduce((sum, severity) => sum + counts[severity], 0));
  const max = axisMax(Math.max(0, ...totals));
  const slot = PLOT_WIDTH / weeks.length;
  const barWidth = Math.min(56, slot * 0.6);
  const bars = [...weeks.keys()].reverse().map((week, position) => {
    const counts = weeks[week];
    const x = LEFT + position * slot + (slot - barWidth) / 2;
    let y = TOP + PLOT_HEIGHT;
    const parts =
      counts === undefined
        ? []
        : [...SEVERITIES].reverse().map((severity) => {
            const height = (counts[severity] / max) * PLOT_HEIGHT;
            y -= height;
            return height === 0
              ? markup``
              : markup`<rect x="${x}" y="${y}" width="${barWidth}" height="${height}" fill="${SEVERITY_COLOURS[severity]}" stroke="#6B7280" stroke-width="0.5"><title>${severity}: ${counts[severity]}</title></rect>`;
          });
    return markup`${parts}<text x="${x + barWidth / 2}" y="${y - 5}" text-anchor="middle" font-size="12" font-weight="700" fill="#111827">${totals[week] ?? 0}</text>${weekLabel(x + barWidth / 2, labels[week] ?? '')}`;
  });
  const legend = SEVERITIES.map((severity, index) => legendItem(index, SEVERITY_COLOURS[severity], severity));
  return frame(title, max, bars, legend);
}

/** Side-by-side bars of two series per week (opened and closed tickets), oldest week on the left. */
export function pairedBarsChart(
  title: string,
  series: readonly [
    { label: string; values: readonly number[] },
    { label: string; values: readonly number[] },
  ],
  labels: readonly string[],
): Markup {
  const colours = ['#3B82F6', '#10B981'];
  const weeks = Math.max(series[0].values.length, series[1].values.length);
  const max = axisMax(Math.max(0, ...series[0].values, ...series[1].values));
  const slot = PLOT_WIDTH / weeks;
  const barWidth = Math.min(32, slot * 0.3);
  const bars = [...Array(weeks).keys()].reverse().map((week, position) => {
    const centre = LEFT + position * slot + slot / 2;
    const pair = series.map((one, index) => {
      const value = one.values[week] ?? 0;
      const height = (value / max) * PLOT_HEIGHT;
      const x = centre + (index === 0 ? -barWidth - 2 : 2);
      const y = TOP + PLOT_HEIGHT - height;
      return markup`<rect x="${x}" y="${y}" width="${barWidth}" height="${height}" fill="${colours[index] ?? '#9CA3AF'}"><title>${one.label}: ${value}</title></rect><text x="${x + barWidth / 2}" y="${y - 5}" text-anchor="middle" font-size="12" font-weight="700" fill="#111827">${value}</text>`;
    });
    return markup`${pair}${weekLabel(centre, labels[week] ?? '')}`;
  });
  const legend = series.map((one, index) => legendItem(index, colours[index] ?? '#9CA3AF', one.label));
  return frame(title, max, bars, legend);
}
