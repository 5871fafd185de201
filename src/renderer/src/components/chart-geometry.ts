/** Pure geometry of the Activity chart: two polylines (401, 429) over the last 15 minutes. */
import type { ActivityPoint } from '../../../shared/view-types.js';

export interface ChartBox {
  readonly width: number;
  readonly height: number;
  readonly padding: number;
}

export interface ChartGeometry {
  readonly unauthorized: string;
  readonly rateLimited: string;
  /** The value the top of the chart stands for (at least 1). */
  readonly max: number;
}

export function chartGeometry(series: readonly ActivityPoint[], box: ChartBox): ChartGeometry {
  const max = Math.max(1, ...series.map((point) => Math.max(point.unauthorized, point.rateLimited)));
  const innerWidth = box.width - 2 * box.padding;
  const innerHeight = box.height - 2 * box.padding;
  const step = series.length > 1 ? innerWidth / (series.length - 1) : 0;
  const line = (value: (point: ActivityPoint) => number) =>
    series
      .map((point, index) => {
        const x = box.padding + index * step;
        const y = box.padding + innerHeight - (value(point) / max) * innerHeight;
        return `${round(x)},${round(y)}`;
      })
      .join(' ');
  return { unauthorized: line((p) => p.unauthorized), rateLimited: line((p) => p.rateLimited), max };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
