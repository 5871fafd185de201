import type { ActivityView, RejectionCounts } from '../shared/view-types.js';
import { SERIES_MINUTES } from '../core/metrics/minute-series.js';
import type { MetricsSnapshot } from '../core/metrics/types.js';
import { toUpstreamCalls, toClientRequests, toUpstreamLatency } from './upstream-activity.js';

const MINUTE_MS = 60_000;
const NO_REJECTIONS: RejectionCounts = { total: 0, byReason: {} };

/** What the Activity section shows, from a metrics snapshot: 401 and 429 counts, the 15-minute chart, recent rejections, calls to upstream servers. */
export function toActivityView(snapshot: MetricsSnapshot): ActivityView {
  const byStatus = snapshot.rejections.byStatus;
  return {
    requests: snapshot.requests.total,
    unauthorized: copyCounts(byStatus['401']),
    rateLimited: copyCounts(byStatus['429']),
    recent: snapshot.recent.map((entry) => ({
      time: entry.time,
      status: entry.status,
      client: entry.client,
      path: entry.path,
      reason: entry.reason,
    })),
    series: snapshot.series.map((point) => ({
      time: point.minuteStart,
      unauthorized: point.unauthorized,
      rateLimited: point.rateLimited,
    })),
    bucketMs: MINUTE_MS,
    windowMs: SERIES_MINUTES * MINUTE_MS,
    upstreamCalls: toUpstreamCalls(snapshot.counters),
    upstreamLatency: toUpstreamLatency(snapshot.counters),
    clientRequests: toClientRequests(snapshot.counters),
  };
}

function copyCounts(counts: RejectionCounts | undefined): RejectionCounts {
  return counts ? { total: counts.total, byReason: { ...counts.byReason } } : NO_REJECTIONS;
}
