export {
  createBatchedSubscription,
  DEFAULT_BATCH_INTERVAL_MS,
  type BatchedSubscription,
  type BatchedSubscriptionOptions,
  type BatchScheduler,
  type MetricsBatch,
} from './batched-subscription.js';
export { newCallEntry } from './call-entry.js';
export { CallLog, DEFAULT_CALL_LOG_SIZE, type CallEntry, type CallsSince } from './call-log.js';
export { InvalidMetricError, MAX_COUNTER_SAMPLES } from './counter-families.js';
export {
  createMetrics,
  DEFAULT_RECENT_LIMIT,
  MetricsOptionsError,
  type Counter,
  type Metrics,
  type MetricsOptions,
} from './metrics.js';
export { SERIES_MINUTES } from './minute-series.js';
export { isPathGroup, PATH_GROUPS, pathGroupOf, type PathGroup } from './path-group.js';
export { METRIC_PREFIX, PROMETHEUS_CONTENT_TYPE, toPrometheus } from './prometheus.js';
export type {
  CounterFamily,
  Labels,
  MetricsEvent,
  MetricsListener,
  MetricsSnapshot,
  RecentRejection,
  RejectionCounts,
  RejectionInput,
  SeriesPoint,
} from './types.js';
