import { describe, expect, it } from 'vitest';
import { chartGeometry } from './chart-geometry.js';

const box = { width: 120, height: 60, padding: 10 };

describe('chartGeometry', () => {
  it('scales both lines to the larger count', () => {
    const series = [
      { time: 0, unauthorized: 0, rateLimited: 4 },
      { time: 60_000, unauthorized: 2, rateLimited: 0 },
      { time: 120_000, unauthorized: 4, rateLimited: 1 },
    ];
    expect(chartGeometry(series, box)).toEqual({
      max: 4,
      unauthorized: '10,50 60,30 110,10',
      rateLimited: '10,10 60,50 110,40',
    });
  });

  it('draws flat lines at the bottom when nothing was rejected', () => {
    const series = [0, 1].map((i) => ({ time: i, unauthorized: 0, rateLimited: 0 }));
    expect(chartGeometry(series, box)).toEqual({ max: 1, unauthorized: '10,50 110,50', rateLimited: '10,50 110,50' });
  });
});
