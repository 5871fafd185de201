import type { ActivityView, RejectionCounts } from '../shared/view-types.js';
import { SERIES_MINUTES } from '../core/metrics/minute-series.js';
import type { MetricsSnapshot } from '../core/metrics/types.js';
import type { CallsSince } from '../core/metrics/call-log.js';
import { toUpstreamCalls, toClientRequests, toUpstreamLatency } from './upstream-activity.js';

const MINUTE_MS = 60_000;
const NO_REJECTIONS: RejectionCounts = { total: 0, byReason: {} };
const NO_CALLS: CallsSince = { after: 0, calls: [] };

/**
 * What the Activity section shows, from a metrics snapshot and the calls
 * since a number: successes and 401/403/429 counts, the 24-hour chart, recent
 * rejections, the call log, calls to upstream servers.
 */
export function toActivityView(snapshot: MetricsSnapshot, calls: CallsSince = NO_CALLS): ActivityView {
  const byStatus = snapshot.rejections.byStatus;
  return {
    requests: snapshot.requests.total,
    succeeded: snapshot.succeeded,
    unauthorized: copyCounts(byStatus['401']),
    forbidden: copyCounts(byStatus['403']),
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
      succeeded: point.succeeded,
      unauthorized: point.unauthorized,
      forbidden: point.forbidden,
      rateLimited: point.rateLimited,
    })),
    bucketMs: MINUTE_MS,
    windowMs: SERIES_MINUTES * MINUTE_MS,
    upstreamCalls: toUpstreamCalls(snapshot.counters),
    upstreamLatency: toUpstreamLatency(snapshot.counters),
    clientRequests: toClientRequests(snapshot.counters),
    // Recorded calls are never changed, so they are passed on as they are (no copy per batch).
    callsAfter: calls.after,
    calls: calls.calls,
  };
}

function copyCounts(counts: RejectionCounts | undefined): RejectionCounts {
  return counts ? { total: counts.total, byReason: { ...counts.byReason } } : NO_REJECTIONS;
}
