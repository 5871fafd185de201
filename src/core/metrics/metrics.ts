import { CallLog, DEFAULT_CALL_LOG_SIZE, type CallEntry, type CallsSince } from './call-log.js';
import { CounterFamilies } from './counter-families.js';
import { MinuteSeries, seriesFieldForStatus } from './minute-series.js';
import { isPathGroup, PATH_GROUPS, type PathGroup } from './path-group.js';
import { RingBuffer } from './ring-buffer.js';
import type {
  Labels,
  MetricsEvent,
  MetricsListener,
  MetricsSnapshot,
  RecentRejection,
  RejectionCounts,
  RejectionInput,
} from './types.js';

export interface MetricsOptions {
  /** Recent rejections kept for the UI (integer 1…10 000, default 200). */
  readonly recentLimit?: number;
  /** Calls the call log keeps (integer 1…100 000, default 5 000). */
  readonly callLogSize?: number;
  /** Wall clock in ms since the epoch (default `Date.now`). Injected by tests. */
  readonly now?: () => number;
}

/** A labelled counter bound to its name. */
export interface Counter {
  increment(labels?: Labels, by?: number): void;
}

export interface Metrics {
  /** Counts one request; call it for every request, including ones later rejected. */
  recordRequest(path: PathGroup): void;
  /** Counts one admitted request by client label (`client_requests_total{client}`). */
  countClientRequest(client: string): void;
  /** Counts one rejection (401, 403, 429…) by status and reason, and keeps it in the recent list. */
  recordRejection(rejection: RejectionInput): void;
  /**
   * Adds one answered call to the call log (every request, refused or not),
   * numbering and timing it; the log owns `entry` from now on. O(1): no copy.
   */
  recordCall(entry: CallEntry): void;
  /** Calls in the log numbered above `after`, oldest first (everything kept for 0). */
  callsSince(after: number): CallsSince;
  /** Number of the newest call recorded, 0 before the first. */
  readonly lastCallSeq: number;
  /** Declares a labelled counter with its help text (for upstream health: JWKS fetch errors…). */
  counter(name: string, help: string): Counter;
  /** Adds to a labelled counter, declaring it on first use. */
  increment(name: string, labels?: Labels, by?: number): void;
  snapshot(): MetricsSnapshot;
  /**
   * Calls `listener` synchronously after every change. Keep it cheap (it runs
   * on the request path); a UI should coalesce with `createBatchedSubscription`.
   * Returns the function that unsubscribes.
   */
  subscribe(listener: MetricsListener): () => void;
  /** Zeroes every count and empties the recent list, the call log and the series. */
  reset(): void;
  readonly recentLimit: number;
}

/** Shared by every call event: listeners read the new calls with `callsSince`, so recording allocates nothing more. */
const CALL_EVENT: MetricsEvent = Object.freeze({ type: 'call' });

export const DEFAULT_RECENT_LIMIT = 200;
/** Admitted requests by client: `client_requests_total{client}` (at most 1,000 clients, as every labelled counter). */
export const CLIENT_REQUESTS = 'client_requests_total';
const MAX_RECENT_LIMIT = 10_000;
const MAX_CALL_LOG_SIZE = 100_000;
/** Distinct (status, reason) pairs counted; beyond, reasons fold into `OTHER` (codes come from code, so this is a guard). */
export const MAX_REASONS = 200;
const OTHER_REASON = 'OTHER';
const MAX_REASON_CHARS = 64;
const MAX_CLIENT_CHARS = 64;
const MAX_PATH_CHARS = 256;

/** Names the exporter uses itself (before its `mcp_toolkit_` prefix); labelled counters may not take them. */
export const BUILT_IN_METRIC_NAMES: ReadonlySet<string> = new Set(['requests_total', 'rejections_total', 'start_time_seconds']);

/** Thrown by `createMetrics` for options it cannot honour. */
export class MetricsOptionsError extends Error {
  override readonly name = 'MetricsOptionsError';
  readonly code = 'METRICS_INVALID_OPTIONS';
}

/** A path as stored: no query or fragment (they may carry secrets), bounded length. */
export function storedPath(path: string): string {
  const end = path.search(/[?#]/);
  return (end === -1 ? path : path.slice(0, end)).slice(0, MAX_PATH_CHARS);
}

function isHttpStatus(status: unknown): status is number {
  return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599;
}

function validateOptions(options: MetricsOptions): Required<MetricsOptions> {
  const { recentLimit = DEFAULT_RECENT_LIMIT, callLogSize = DEFAULT_CALL_LOG_SIZE, now = Date.now } = options;
  if (!Number.isSafeInteger(callLogSize) || callLogSize < 1 || callLogSize > MAX_CALL_LOG_SIZE) {
    throw new MetricsOptionsError(`metrics callLogSize must be an integer from 1 to ${MAX_CALL_LOG_SIZE}, got ${String(callLogSize)}`);
  }
  if (!Number.isSafeInteger(recentLimit) || recentLimit < 1 || recentLimit > MAX_RECENT_LIMIT) {
    throw new MetricsOptionsError(`metrics recentLimit must be an integer from 1 to ${MAX_RECENT_LIMIT}, got ${String(recentLimit)}`);
  }
  if (typeof now !== 'function') throw new MetricsOptionsError('metrics clock `now` must be a function returning ms since the epoch');
  return { recentLimit, callLogSize, now };
}

/**
 * In-memory request and rejection counters for the `/metrics` endpoint and the
 * desktop dashboard. Recording is O(1): array/Map increments, one ring-buffer
 * write and one series slot; memory is bounded (fixed path groups, at most
 * `MAX_REASONS` reasons, `recentLimit` recent entries, `callLogSize` calls,
 * 1,440 series slots).
 */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const { recentLimit, callLogSize, now } = validateOptions(options);
  const calls = new CallLog(callLogSize);
  let succeeded = 0;
  const requestsByPath = new Map<PathGroup, number>(PATH_GROUPS.map((group) => [group, 0]));
  /** status → reason → count */
  const rejectionsByStatus = new Map<number, Map<string, number>>();
  let reasonCount = 0;
  const recent = new RingBuffer<RecentRejection>(recentLimit);
  const series = new MinuteSeries();
  const counters = new CounterFamilies(BUILT_IN_METRIC_NAMES);
  let since = now();
  let listeners: readonly MetricsListener[] = [];
  const failedListeners = new WeakSet<MetricsListener>();

  function emit(event: MetricsEvent): void {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        if (failedListeners.has(listener)) continue;
        failedListeners.add(listener);
        process.stderr.write(`[metrics] a listener failed (reported once): ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  }

  function countReason(status: number, reason: string): string {
    let reasons = rejectionsByStatus.get(status);
    if (reasons === undefined) {
      reasons = new Map();
      rejectionsByStatus.set(status, reasons);
    }
    const known = reasons.get(reason);
    if (known !== undefined) {
      reasons.set(reason, known + 1);
      return reason;
    }
    const counted = reasonCount < MAX_REASONS ? reason : OTHER_REASON;
    if (counted === reason) reasonCount++;
    reasons.set(counted, (reasons.get(counted) ?? 0) + 1);
    return counted;
  }

  function recordRequest(path: PathGroup): void {
    const group = isPathGroup(path) ? path : 'other';
    const time = now();
    requestsByPath.set(group, requestsByPath.get(group)! + 1);
    series.record('requests', time);
    if (listeners.length > 0) emit({ type: 'request', path: group, time });
  }

  function recordRejection(input: RejectionInput): void {
    if (!isHttpStatus(input.status)) throw new TypeError(`rejection status must be an HTTP status code, got ${String(input.status)}`);
    const time = now();
    const reason = countReason(input.status, String(input.reason).slice(0, MAX_REASON_CHARS));
    const rejection: RecentRejection = {
      time,
      status: input.status,
      reason,
      client: String(input.client).slice(0, MAX_CLIENT_CHARS),
      path: storedPath(String(input.path)),
    };
    recent.push(rejection);
    const field = seriesFieldForStatus(input.status);
    if (field !== undefined) series.record(field, time);
    if (listeners.length > 0) emit({ type: 'rejection', rejection });
  }

  function recordCall(entry: CallEntry): void {
    const time = now();
    entry.time = time;
    calls.push(entry);
    if (entry.status < 400) {
      succeeded++;
      series.record('succeeded', time);
    }
    if (listeners.length > 0) emit(CALL_EVENT);
  }

  function increment(name: string, labels: Labels = {}, by = 1): void {
    counters.increment(name, labels, by);
    if (listeners.length > 0) emit({ type: 'counter', name, labels, by, time: now() });
  }

  function snapshot(): MetricsSnapshot {
    const takenAt = now();
    const byStatus: Record<string, RejectionCounts> = {};
    let rejectionsTotal = 0;
    for (const [status, reasons] of [...rejectionsByStatus].sort(([a], [b]) => a - b)) {
      let total = 0;
      for (const count of reasons.values()) total += count;
      rejectionsTotal += total;
      byStatus[String(status)] = { total, byReason: Object.fromEntries([...reasons].sort(([a], [b]) => (a < b ? -1 : 1))) };
    }
    let requestsTotal = 0;
    for (const count of requestsByPath.values()) requestsTotal += count;
    return {
      takenAt,
      since,
      requests: { total: requestsTotal, byPath: Object.fromEntries(requestsByPath) as Record<PathGroup, number> },
      rejections: { total: rejectionsTotal, byStatus },
      succeeded,
      recent: recent.newestFirst(),
      series: series.points(takenAt),
      counters: counters.snapshot(),
    };
  }

  return {
    recentLimit,
    recordRequest,
    recordRejection,
    recordCall,
    callsSince: (after) => calls.since(after),
    get lastCallSeq() {
      return calls.lastSeq;
    },
    increment,
    countClientRequest(client) {
      // Declared on first use, so a server nobody called lists no empty family.
      if (!counters.has(CLIENT_REQUESTS)) counters.describe(CLIENT_REQUESTS, 'Requests admitted past auth and the rate limit, by client (API key name, OAuth subject or address).');
      increment(CLIENT_REQUESTS, { client });
    },
    counter(name, help) {
      counters.describe(name, help);
      return { increment: (labels, by) => increment(name, labels, by) };
    },
    snapshot,
    subscribe(listener) {
      listeners = [...listeners, listener];
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        const index = listeners.indexOf(listener);
        listeners = [...listeners.slice(0, index), ...listeners.slice(index + 1)];
      };
    },
    reset() {
      for (const group of PATH_GROUPS) requestsByPath.set(group, 0);
      rejectionsByStatus.clear();
      reasonCount = 0;
      recent.clear();
      calls.clear();
      succeeded = 0;
      series.clear();
      counters.clear();
      since = now();
      emit({ type: 'reset', time: since });
    },
  };
}
