import type { Metrics } from './metrics.js';
import type { Labels, MetricsSnapshot } from './types.js';

/** `Content-Type` of the text exposition format, version 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
/** Prefix of every metric name this app exports. */
export const METRIC_PREFIX = 'mcp_toolkit_';

type MetricType = 'counter' | 'gauge';
type Sample = readonly [labels: Labels, value: number];

/** A HELP docstring: backslash and line feed escaped (exposition format 0.0.4). */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** A label value: backslash, double quote and line feed escaped (exposition format 0.0.4). */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** A sample value: integers as such, non-finite as `NaN`, `+Inf`, `-Inf`. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

function formatLabels(labels: Labels): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${escapeLabelValue(value)}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

/** One metric family: `# HELP`, `# TYPE`, then one line per sample. */
function family(name: string, help: string, type: MetricType, samples: readonly Sample[]): string {
  const lines = [`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${type}`];
  for (const [labels, value] of samples) lines.push(`${name}${formatLabels(labels)} ${formatValue(value)}`);
  return lines.join('\n');
}

function isMetrics(source: Metrics | MetricsSnapshot): source is Metrics {
  return typeof (source as Metrics).snapshot === 'function';
}

/**
 * The metrics in the Prometheus text exposition format 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/): request and
 * rejection counters, the start time of the counts, and every labelled counter
 * other modules registered, each name prefixed with `mcp_toolkit_`.
 * Serve it with `Content-Type: PROMETHEUS_CONTENT_TYPE`.
 */
export function toPrometheus(source: Metrics | MetricsSnapshot): string {
  const snapshot = isMetrics(source) ? source.snapshot() : source;
  const rejectionSamples: Sample[] = [];
  for (const [status, counts] of Object.entries(snapshot.rejections.byStatus)) {
    for (const [reason, count] of Object.entries(counts.byReason)) rejectionSamples.push([{ status, reason }, count]);
  }
  const families = [
    family(
      `${METRIC_PREFIX}requests_total`,
      'HTTP requests received, by path group.',
      'counter',
      Object.entries(snapshot.requests.byPath).map(([path, count]) => [{ path }, count]),
    ),
    family(
      `${METRIC_PREFIX}rejections_total`,
      'Requests rejected, by HTTP status and reason code.',
      'counter',
      rejectionSamples,
    ),
    family(
      `${METRIC_PREFIX}start_time_seconds`,
      'Unix time when these counters started (server start or last reset).',
      'gauge',
      [[{}, snapshot.since / 1000]],
    ),
    ...snapshot.counters.map((counter) =>
      family(
        `${METRIC_PREFIX}${counter.name}`,
        counter.help,
        'counter',
        counter.samples.map((sample) => [sample.labels, sample.value]),
      ),
    ),
  ];
  return `${families.join('\n')}\n`;
}
