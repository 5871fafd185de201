import { describe, expect, it } from 'vitest';
import type { ActivityPoint } from '../../../shared/view-types.js';
import { bucketCounts, CHART_RANGES, chartGeometry, niceCeil } from './chart-geometry.js';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 0, 1, 12, 0, 30);
const box = { width: 170, height: 70, left: 20, bottom: 10, top: 10, right: 10 };
const [quarter, , day] = CHART_RANGES;

function point(minutesAgo: number, counts: Partial<ActivityPoint>): ActivityPoint {
  return { time: Date.UTC(2026, 0, 1, 12, 0) - minutesAgo * MINUTE, succeeded: 0, unauthorized: 0, forbidden: 0, rateLimited: 0, ...counts };
}

describe('chart geometry', () => {
  it('rounds the top of the value axis up to 1, 2 or 5 × 10ⁿ', () => {
    expect([0, 1, 3, 7, 10, 11, 180, 4_000].map(niceCeil)).toEqual([1, 1, 5, 10, 10, 20, 200, 5_000]);
  });

  it('fills minutes with nothing counted as zeros, and leaves out points outside the range', () => {
    const { start, counts } = bucketCounts([point(20, { succeeded: 9 }), point(14, { unauthorized: 2 }), point(0, { unauthorized: 1, succeeded: 3 })], quarter, NOW);
    expect(start).toBe(Date.UTC(2026, 0, 1, 11, 46));
    expect(counts.unauthorized).toEqual([2, ...Array<number>(13).fill(0), 1]);
    expect(counts.succeeded).toEqual([...Array<number>(14).fill(0), 3]);
  });

  it('sums a day into 144 ten-minute buckets', () => {
    const { counts } = bucketCounts([point(0, { rateLimited: 1 }), point(5, { rateLimited: 2 }), point(23 * 60, { forbidden: 4 })], day, NOW);
    expect(counts.rateLimited).toHaveLength(144);
    expect(counts.rateLimited.slice(-2)).toEqual([2, 1]); // 11:55 falls in 11:50–12:00, 12:00 starts the last bucket
    expect(counts.forbidden.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('scales every line to a round top, with value and time marks along the axes', () => {
    const geometry = chartGeometry([point(14, { unauthorized: 4 }), point(0, { rateLimited: 2 })], quarter, NOW, box);
    expect(geometry.max).toBe(5);
    expect(geometry.plot).toEqual({ x0: 20, x1: 160, y0: 10, y1: 60 });
    expect(geometry.lines.unauthorized.split(' ')[0]).toBe('20,20');
    expect(geometry.lines.rateLimited.split(' ').at(-1)).toBe('160,40');
    expect(geometry.lines.succeeded.split(' ').every((xy) => xy.endsWith(',60'))).toBe(true);
    expect(geometry.yTicks).toEqual([
      { value: 0, y: 60 },
      { value: 2.5, y: 35 },
      { value: 5, y: 10 },
    ]);
    expect(geometry.xTicks.map((tick) => tick.x)).toEqual([20, 70, 110, 160]);
    expect(geometry.xTicks.at(-1)!.time).toBe(Date.UTC(2026, 0, 1, 12, 0));
  });
});
