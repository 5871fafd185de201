/** Pure geometry of the Activity chart: one polyline per kind of answer over the chosen range, with axes. */
import type { ActivityPoint } from '../../../shared/view-types.js';

const MINUTE = 60_000;

/** The ranges the chart offers; 24 hours is drawn in 10-minute buckets so it stays a readable line. */
export const CHART_RANGES = [
  { id: '15m', label: '15 min', ms: 15 * MINUTE, bucketMs: MINUTE, unit: 'per minute' },
  { id: '1h', label: '1 h', ms: 60 * MINUTE, bucketMs: MINUTE, unit: 'per minute' },
  { id: '24h', label: '24 h', ms: 24 * 60 * MINUTE, bucketMs: 10 * MINUTE, unit: 'per 10 minutes' },
] as const;
export type ChartRange = (typeof CHART_RANGES)[number];

export const CHART_SERIES = ['succeeded', 'unauthorized', 'forbidden', 'rateLimited'] as const;
export type ChartSeries = (typeof CHART_SERIES)[number];

export interface ChartBox {
  readonly width: number;
  readonly height: number;
  /** Room for the value labels on the left and the time labels below. */
  readonly left: number;
  readonly bottom: number;
  readonly top: number;
  readonly right: number;
}

export interface ChartGeometry {
  readonly lines: Readonly<Record<ChartSeries, string>>;
  /** The value the top of the chart stands for: a round number, at least 1. */
  readonly max: number;
  /** Value axis marks: 0, half and the top. */
  readonly yTicks: readonly { readonly value: number; readonly y: number }[];
  /** Time axis marks: the start, two between and the current bucket. */
  readonly xTicks: readonly { readonly time: number; readonly x: number }[];
  /** Where the plot area is (the axes run along its left and bottom). */
  readonly plot: { readonly x0: number; readonly x1: number; readonly y0: number; readonly y1: number };
}

/** The smallest of 1, 2, 5 × 10ⁿ at least `value`. */
export function niceCeil(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** Sums the (sparse, per-minute) points into the range's buckets ending with the bucket of `now`. */
export function bucketCounts(series: readonly ActivityPoint[], range: ChartRange, now: number): { start: number; counts: Record<ChartSeries, number[]> } {
  const buckets = range.ms / range.bucketMs;
  const start = (Math.floor(now / range.bucketMs) - buckets + 1) * range.bucketMs;
  const counts = Object.fromEntries(CHART_SERIES.map((name) => [name, new Array<number>(buckets).fill(0)])) as Record<ChartSeries, number[]>;
  for (const point of series) {
    const index = Math.floor((point.time - start) / range.bucketMs);
    if (index < 0 || index >= buckets) continue;
    for (const name of CHART_SERIES) counts[name][index]! += point[name];
  }
  return { start, counts };
}

export function chartGeometry(series: readonly ActivityPoint[], range: ChartRange, now: number, box: ChartBox): ChartGeometry {
  const { start, counts } = bucketCounts(series, range, now);
  const buckets = range.ms / range.bucketMs;
  const max = niceCeil(Math.max(...CHART_SERIES.flatMap((name) => counts[name])));
  const plot = { x0: box.left, x1: box.width - box.right, y0: box.top, y1: box.height - box.bottom };
  const step = (plot.x1 - plot.x0) / Math.max(buckets - 1, 1);
  const yOf = (value: number): number => round(plot.y1 - (value / max) * (plot.y1 - plot.y0));
  const line = (values: number[]): string => values.map((value, index) => `${round(plot.x0 + index * step)},${yOf(value)}`).join(' ');
  const lines = Object.fromEntries(CHART_SERIES.map((name) => [name, line(counts[name])])) as Record<ChartSeries, string>;
  const yTicks = [0, max / 2, max].map((value) => ({ value, y: yOf(value) }));
  const xTicks = [0, 1, 2, 3].map((part) => {
    const index = Math.round((part * (buckets - 1)) / 3);
    return { time: start + index * range.bucketMs, x: round(plot.x0 + index * step) };
  });
  return { lines, max, yTicks, xTicks, plot };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
