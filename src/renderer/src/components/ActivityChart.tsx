import { useState } from 'react';
import type { ActivityPoint } from '../../../shared/view-types.js';
import { CHART_RANGES, chartGeometry, type ChartRange, type ChartSeries } from './chart-geometry.js';

const BOX = { width: 600, height: 190, left: 44, bottom: 26, top: 10, right: 12 };
const LEGEND: readonly { series: ChartSeries; label: string }[] = [
  { series: 'succeeded', label: 'Succeeded' },
  { series: 'unauthorized', label: '401 Unauthorized' },
  { series: 'forbidden', label: '403 Forbidden' },
  { series: 'rateLimited', label: '429 Rate limited' },
];

function tickTime(time: number): string {
  return new Date(time).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function tickValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** Answers over time, per kind, with a value axis (answers per bucket), a time axis and a range of 15 min, 1 h or 24 h. */
export function ActivityChart({ series, now = Date.now() }: { series: readonly ActivityPoint[]; now?: number }) {
  const [rangeId, setRangeId] = useState<ChartRange['id']>('15m');
  const range = CHART_RANGES.find((candidate) => candidate.id === rangeId) ?? CHART_RANGES[0];
  const geometry = chartGeometry(series, range, now, BOX);
  const { plot } = geometry;
  const label = `Answers ${range.unit} over the last ${range.label}, by kind; the value axis goes up to ${geometry.max}.`;
  return (
    <figure className="chart">
      <fieldset className="segmented chart__range">
        <legend>Time range</legend>
        {CHART_RANGES.map((candidate) => (
          <label key={candidate.id} className="segmented__option">
            <input type="radio" name="activity-range" value={candidate.id} checked={candidate.id === rangeId} onChange={() => setRangeId(candidate.id)} />
            {candidate.label}
          </label>
        ))}
      </fieldset>
      <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-label={label}>
        {geometry.yTicks.map((tick) => (
          <g key={tick.value}>
            <line className="chart__grid" x1={plot.x0} y1={tick.y} x2={plot.x1} y2={tick.y} />
            <text className="chart__tick" x={plot.x0 - 6} y={tick.y + 4} textAnchor="end">
              {tickValue(tick.value)}
            </text>
          </g>
        ))}
        <line className="chart__axis" x1={plot.x0} y1={plot.y0} x2={plot.x0} y2={plot.y1} />
        <line className="chart__axis" x1={plot.x0} y1={plot.y1} x2={plot.x1} y2={plot.y1} />
        {geometry.xTicks.map((tick, index) => (
          <text key={index} className="chart__tick" x={tick.x} y={plot.y1 + 18} textAnchor={index === 0 ? 'start' : index === 3 ? 'end' : 'middle'}>
            {tickTime(tick.time)}
          </text>
        ))}
        {LEGEND.map(({ series: name }) => (
          <polyline key={name} className={`chart__line chart__line--${name}`} points={geometry.lines[name]} />
        ))}
      </svg>
      <figcaption className="chart__legend">
        {LEGEND.map(({ series: name, label: text }) => (
          <span key={name} className={`legend legend--${name}`}>
            {text}
          </span>
        ))}
        <span className="muted">answers {range.unit} · last {range.label}</span>
      </figcaption>
    </figure>
  );
}
