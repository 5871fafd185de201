import { describe, expect, it } from 'vitest';
import { MinuteSeries, SERIES_MINUTES, seriesFieldForStatus } from './minute-series.js';

const MINUTE = 60_000;
/** 2026-01-01T00:00:00Z, a whole minute. */
const T0 = Date.UTC(2026, 0, 1);

describe('MinuteSeries', () => {
  it('gives the minutes of the last 24 hours that counted anything, oldest first', () => {
    const series = new MinuteSeries();
    series.record('unauthorized', T0 + 5_000);
    series.record('unauthorized', T0 + 59_999);
    series.record('rateLimited', T0 + MINUTE);
    series.record('succeeded', T0 + 3 * MINUTE);

    expect(SERIES_MINUTES).toBe(1_440);
    expect(series.points(T0 + 3 * MINUTE + 30_000)).toEqual([
      { minuteStart: T0, requests: 0, succeeded: 0, unauthorized: 2, forbidden: 0, rateLimited: 0 },
      { minuteStart: T0 + MINUTE, requests: 0, succeeded: 0, unauthorized: 0, forbidden: 0, rateLimited: 1 },
      { minuteStart: T0 + 3 * MINUTE, requests: 0, succeeded: 1, unauthorized: 0, forbidden: 0, rateLimited: 0 },
    ]);
  });

  it('rolls over after 24 hours: older minutes drop out, and a reused slot starts from zero', () => {
    const series = new MinuteSeries();
    for (let minute = 0; minute < SERIES_MINUTES + 5; minute++) series.record('requests', T0 + minute * MINUTE);
    series.record('requests', T0 + (SERIES_MINUTES + 4) * MINUTE);

    const full = series.points(T0 + (SERIES_MINUTES + 4) * MINUTE);
    expect(full).toHaveLength(SERIES_MINUTES); // bounded: 1,440 points at most
    expect(full[0]!.minuteStart).toBe(T0 + 5 * MINUTE);
    expect(full.at(-1)!.requests).toBe(2);

    // Ten quiet minutes later, the ten oldest recorded minutes are out of the window.
    const later = series.points(T0 + (SERIES_MINUTES + 14) * MINUTE);
    expect(later).toHaveLength(SERIES_MINUTES - 10);
    expect(later[0]!.minuteStart).toBe(T0 + 15 * MINUTE);

    // Recording a day after the last minute reuses its slot: the old 2 must not leak in.
    const reused = T0 + (2 * SERIES_MINUTES + 4) * MINUTE;
    series.record('requests', reused);
    expect(series.points(reused)).toEqual([{ minuteStart: reused, requests: 1, succeeded: 0, unauthorized: 0, forbidden: 0, rateLimited: 0 }]);
  });

  it('clear() forgets everything', () => {
    const series = new MinuteSeries();
    series.record('forbidden', T0);
    series.clear();
    expect(series.points(T0)).toEqual([]);
  });

  it('maps 401, 403 and 429 to their fields and other statuses to none', () => {
    expect([401, 403, 429, 400, 404].map(seriesFieldForStatus)).toEqual(['unauthorized', 'forbidden', 'rateLimited', undefined, undefined]);
  });
});
