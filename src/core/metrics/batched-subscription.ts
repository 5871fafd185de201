import type { CallsSince } from './call-log.js';
import type { Metrics } from './metrics.js';
import type { MetricsSnapshot, RecentRejection } from './types.js';

/** One coalesced update for a UI. */
export interface MetricsBatch {
  /** The full state at flush time. */
  readonly snapshot: MetricsSnapshot;
  /** Rejections since the previous batch, oldest first (at most the metrics' `recentLimit`). */
  readonly rejections: readonly RecentRejection[];
  /** Calls recorded since the previous batch (numbered after `calls.after`), oldest first; at most the call log's size. */
  readonly calls: CallsSince;
  /** How many events this batch coalesces. */
  readonly events: number;
}

/** Timer functions, injectable for tests; defaults to the global ones. */
export interface BatchScheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface BatchedSubscriptionOptions {
  /** Longest wait between the first event and its batch; at most one batch per interval. Default 250 ms. */
  readonly intervalMs?: number;
  readonly scheduler?: BatchScheduler;
}

export interface BatchedSubscription {
  /** Delivers pending events now, if any. */
  flush(): void;
  /** Unsubscribes and drops pending events; nothing is delivered afterwards. */
  close(): void;
}

export const DEFAULT_BATCH_INTERVAL_MS = 250;

const globalScheduler: BatchScheduler = {
  setTimeout(callback, ms) {
    const timer = setTimeout(callback, ms);
    timer.unref?.(); // a pending UI update must not keep a headless process alive
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Coalesces metrics events into at most one `onBatch` call per `intervalMs`
 * (4 per second by default) however many requests arrive: the first event
 * after a quiet period starts a timer, later ones only accumulate. Each batch
 * carries a fresh snapshot, so nothing is lost by coalescing. Per event the cost
 * is a counter increment (and an array push for a rejection).
 */
export function createBatchedSubscription(
  metrics: Metrics,
  options: BatchedSubscriptionOptions,
  onBatch: (batch: MetricsBatch) => void,
): BatchedSubscription {
  const { intervalMs = DEFAULT_BATCH_INTERVAL_MS, scheduler = globalScheduler } = options;
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) {
    throw new RangeError(`batch intervalMs must be a finite number > 0, got ${String(intervalMs)}`);
  }
  const keep = metrics.recentLimit;
  let pendingEvents = 0;
  let pendingRejections: RecentRejection[] = [];
  /** The newest call already delivered: each batch carries only the calls after it. */
  let lastCallSeq = metrics.lastCallSeq;
  let timer: unknown;
  let closed = false;

  function flush(): void {
    if (timer !== undefined) scheduler.clearTimeout(timer);
    timer = undefined;
    if (closed || pendingEvents === 0) return;
    const calls = metrics.callsSince(lastCallSeq);
    lastCallSeq = calls.calls.at(-1)?.seq ?? lastCallSeq;
    const batch: MetricsBatch = {
      snapshot: metrics.snapshot(),
      rejections: pendingRejections.slice(-keep),
      calls,
      events: pendingEvents,
    };
    pendingEvents = 0;
    pendingRejections = [];
    try {
      onBatch(batch);
    } catch (error) {
      process.stderr.write(`[metrics] batch listener failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }

  const unsubscribe = metrics.subscribe((event) => {
    pendingEvents++;
    if (event.type === 'rejection') {
      pendingRejections.push(event.rejection);
      // Trim in halves so the list stays bounded at O(1) amortised cost.
      if (pendingRejections.length >= 2 * keep) pendingRejections = pendingRejections.slice(-keep);
    } else if (event.type === 'reset') {
      pendingRejections = [];
    }
    if (timer === undefined) timer = scheduler.setTimeout(flush, intervalMs);
  });

  return {
    flush,
    close() {
      closed = true;
      unsubscribe();
      if (timer !== undefined) scheduler.clearTimeout(timer);
      timer = undefined;
      pendingEvents = 0;
      pendingRejections = [];
    },
  };
}
