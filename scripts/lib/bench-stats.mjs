// Figures of `npm run bench`: medians, spreads, percentiles and the goal marks.

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Percentile of an ascending array. */
export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

/** The min–max spread of values, in % of their median: the noise of a row. */
export const spreadPct = (values) => ((Math.max(...values) - Math.min(...values)) / median(values)) * 100;

/** `✓` or `✗` and the line of one goal. */
export function goalLine(ok, what, figure, goal) {
  return `${ok ? '✓' : '✗'} ${what.padEnd(70)} ${String(figure).padStart(40)}   goal ${goal}`;
}

export const fixed = (value, digits, width) => (Number.isFinite(value) ? value.toFixed(digits) : '—').padStart(width);
