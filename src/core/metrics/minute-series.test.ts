import { describe, expect, it } from 'vitest';
import { MinuteSeries, SERIES_MINUTES, seriesFieldForStatus } from './minute-series.js';

const MINUTE = 60_000;
/** 2026-01-01T00:00:00Z, a whole minute. */
const T0 = Date.UTC(2026, 0, 1);

describe('MinuteSeries', () => {
  it('gives 15 points ending with the current minute, zeros where nothing happened', () => {
    const series = new MinuteSeries();
    series.record('unauthorized', T0 + 5_000);
    series.record('unauthorized', T0 + 59_999);
    series.record('rateLimited', T0 + MINUTE);

    const points = series.points(T0 + MINUTE + 30_000);
    expect(points).toHaveLength(SERIES_MINUTES);
    expect(points.map((p) => p.minuteStart)).toEqual(
      Array.from({ length: SERIES_MINUTES }, (_, i) => T0 + MINUTE - (SERIES_MINUTES - 1 - i) * MINUTE),
    );
    expect(points.at(-2)).toEqual({ minuteStart: T0, requests: 0, unauthorized: 2, forbidden: 0, rateLimited: 0 });
    expect(points.at(-1)).toEqual({ minuteStart: T0 + MINUTE, requests: 0, unauthorized: 0, forbidden: 0, rateLimited: 1 });
    expect(points.slice(0, -2).every((p) => p.unauthorized + p.rateLimited === 0)).toBe(true);
  });

  it('rolls over: minutes older than the window drop out, and a reused slot starts from zero', () => {
    const series = new MinuteSeries();
    for (let minute = 0; minute < 20; minute++) series.record('requests', T0 + minute * MINUTE);
    series.record('requests', T0 + 19 * MINUTE);

    const at19 = series.points(T0 + 19 * MINUTE);
    expect(at19.map((p) => p.requests)).toEqual([...Array<number>(14).fill(1), 2]);
    expect(at19[0]!.minuteStart).toBe(T0 + 5 * MINUTE);

    // Ten quiet minutes later, only the last five recorded minutes remain in view.
    const at29 = series.points(T0 + 29 * MINUTE);
    expect(at29.map((p) => p.requests)).toEqual([1, 1, 1, 1, 2, ...Array<number>(10).fill(0)]);

    // Recording into minute 34 reuses minute 19's slot: the old 2 must not leak in.
    series.record('requests', T0 + 34 * MINUTE);
    expect(series.points(T0 + 34 * MINUTE).map((p) => p.requests)).toEqual([...Array<number>(14).fill(0), 1]);
  });

  it('clear() forgets everything', () => {
    const series = new MinuteSeries();
    series.record('forbidden', T0);
    series.clear();
    expect(series.points(T0).every((p) => p.forbidden === 0)).toBe(true);
  });

  it('maps 401, 403 and 429 to their fields and other statuses to none', () => {
    expect([401, 403, 429, 400, 404].map(seriesFieldForStatus)).toEqual(['unauthorized', 'forbidden', 'rateLimited', undefined, undefined]);
  });
});
