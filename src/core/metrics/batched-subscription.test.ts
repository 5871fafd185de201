import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBatchedSubscription, type BatchScheduler, type MetricsBatch } from './batched-subscription.js';
import { newCallEntry } from './call-entry.js';
import { createMetrics } from './metrics.js';

/** A scheduler driven by a hand-moved clock, shared with the metrics. */
function manualTime(start = Date.UTC(2026, 0, 1)) {
  let ms = start;
  let nextId = 1;
  const timers = new Map<number, { due: number; callback: () => void }>();
  const scheduler: BatchScheduler = {
    setTimeout(callback, delay) {
      const id = nextId++;
      timers.set(id, { due: ms + delay, callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
  };
  return {
    now: () => ms,
    scheduler,
    pendingTimers: () => timers.size,
    /** Moves time forward, firing due timers in order. */
    advance(byMs: number) {
      const until = ms + byMs;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.due <= until).sort(([, a], [, b]) => a.due - b.due)[0];
        if (due === undefined) break;
        timers.delete(due[0]);
        ms = Math.max(ms, due[1].due);
        due[1].callback();
      }
      ms = until;
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('createBatchedSubscription', () => {
  it('coalesces 10 000 events arriving over 2 seconds into at most 4 updates per second', () => {
    const time = manualTime();
    const metrics = createMetrics({ now: time.now });
    const batches: MetricsBatch[] = [];
    createBatchedSubscription(metrics, { intervalMs: 250, scheduler: time.scheduler }, (b) => batches.push(b));

    for (let i = 0; i < 10_000; i++) {
      if (i % 5 === 0) time.advance(1); // 5 events per ms
      if (i % 100 === 0) metrics.recordRejection({ status: 429, reason: 'RATE_LIMITED', client: `key:${i}`, path: '/mcp' });
      else metrics.recordRequest('mcp');
    }
    time.advance(250);

    expect(batches.length).toBeGreaterThanOrEqual(8);
    expect(batches.length).toBeLessThanOrEqual(9);
    expect(batches.reduce((sum, b) => sum + b.events, 0)).toBe(10_000);
    expect(batches.flatMap((b) => b.rejections)).toHaveLength(100);
    const last = batches.at(-1)!.snapshot;
    expect(last.requests.total).toBe(9_900);
    expect(last.rejections.total).toBe(100);
  });

  it('delivers a lone event one interval later, not before', () => {
    const time = manualTime();
    const metrics = createMetrics({ now: time.now });
    const batches: MetricsBatch[] = [];
    createBatchedSubscription(metrics, { intervalMs: 250, scheduler: time.scheduler }, (b) => batches.push(b));

    metrics.recordRejection({ status: 401, reason: 'AUTH_MISSING_KEY', client: 'ip:127.0.0.1', path: '/mcp' });
    time.advance(249);
    expect(batches).toHaveLength(0);
    time.advance(1);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ events: 1, rejections: [{ status: 401, reason: 'AUTH_MISSING_KEY' }] });

    time.advance(10_000); // quiet: no empty batches
    expect(batches).toHaveLength(1);
    expect(time.pendingTimers()).toBe(0);
  });

  it('flush() delivers pending events at once; with nothing pending it does nothing', () => {
    const time = manualTime();
    const metrics = createMetrics({ now: time.now });
    const onBatch = vi.fn();
    const subscription = createBatchedSubscription(metrics, { scheduler: time.scheduler }, onBatch);

    subscription.flush();
    expect(onBatch).not.toHaveBeenCalled();
    metrics.recordRequest('mcp');
    subscription.flush();
    expect(onBatch).toHaveBeenCalledTimes(1);
    expect(time.pendingTimers()).toBe(0);
  });

  it('close() stops delivery, drops what is pending and clears its timer', () => {
    const time = manualTime();
    const metrics = createMetrics({ now: time.now });
    const onBatch = vi.fn();
    const subscription = createBatchedSubscription(metrics, { scheduler: time.scheduler }, onBatch);

    metrics.recordRequest('mcp');
    subscription.close();
    expect(time.pendingTimers()).toBe(0);
    metrics.recordRequest('mcp');
    subscription.flush();
    time.advance(1_000);
    expect(onBatch).not.toHaveBeenCalled();
  });

  it('keeps at most recentLimit new rejections per batch, the newest', () => {
    const time = manualTime();
    const metrics = createMetrics({ now: time.now, recentLimit: 10 });
    const batches: MetricsBatch[] = [];
    createBatchedSubscription(metrics, { scheduler: time.scheduler }, (b) => batches.push(b));
    for (let i = 0; i < 1_000; i++) metrics.recordRejection({ status: 429, reason: 'RATE_LIMITED', client: String(i), path: '/mcp' });
    time.advance(250);
    expect(batches[0]!.rejections.map((r) => r.client)).toEqual(Array.from({ length: 10 }, (_, i) => String(990 + i)));
    expect(batches[0]!.events).toBe(1_000);
  });

  it('survives a failing batch listener and keeps batching', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const time = manualTime();
    const metrics = createMetrics({ now: time.now });
    let calls = 0;
    createBatchedSubscription(metrics, { scheduler: time.scheduler }, () => {
      calls++;
      throw new Error('render failed');
    });
    metrics.recordRequest('mcp');
    time.advance(250);
    metrics.recordRequest('mcp');
    time.advance(250);
    expect(calls).toBe(2);
    expect(String(stderr.mock.calls[0]![0])).toBe('[metrics] batch listener failed: render failed\n');
  });

  it('uses the real timers by default (checked with fake timers)', () => {
    vi.useFakeTimers();
    const metrics = createMetrics();
    const onBatch = vi.fn();
    const subscription = createBatchedSubscription(metrics, {}, onBatch);
    for (let i = 0; i < 1_000; i++) metrics.recordRequest('mcp');
    vi.advanceTimersByTime(249);
    expect(onBatch).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onBatch).toHaveBeenCalledTimes(1);
    expect(onBatch.mock.calls[0]![0]).toMatchObject({ events: 1_000 });
    subscription.close();
  });

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])('refuses intervalMs %s', (intervalMs) => {
    expect(() => createBatchedSubscription(createMetrics(), { intervalMs }, () => {})).toThrow(RangeError);
  });
});

describe('createBatchedSubscription: the call log', () => {
  function recordCalls(metrics: ReturnType<typeof createMetrics>, count: number): void {
    for (let i = 0; i < count; i++) {
      const entry = newCallEntry('POST', '/mcp');
      entry.status = 200;
      metrics.recordCall(entry);
    }
  }

  it('sends each call exactly once across batches: only those after the previous batch', () => {
    const time = manualTime();
    const metrics = createMetrics({ now: time.now });
    recordCalls(metrics, 7); // before subscribing: not sent again
    const batches: MetricsBatch[] = [];
    createBatchedSubscription(metrics, { intervalMs: 250, scheduler: time.scheduler }, (b) => batches.push(b));

    for (let i = 0; i < 3_000; i++) {
      if (i % 4 === 0) time.advance(1); // 4 calls per ms: 1,000 per 250 ms batch
      recordCalls(metrics, 1);
    }
    time.advance(250);

    const seqs = batches.flatMap((b) => b.calls.calls.map((c) => c.seq));
    expect(seqs).toEqual(Array.from({ length: 3_000 }, (_, i) => 8 + i));
    // Each batch follows on from the one before.
    expect(batches[0]!.calls.after).toBe(7);
    for (let i = 1; i < batches.length; i++) expect(batches[i]!.calls.after).toBe(batches[i - 1]!.calls.calls.at(-1)!.seq);
  });

  it('stays bounded by the call log when a batch is late: at most its size, the newest', () => {
    const time = manualTime();
    const metrics = createMetrics({ now: time.now, callLogSize: 100 });
    const batches: MetricsBatch[] = [];
    createBatchedSubscription(metrics, { intervalMs: 250, scheduler: time.scheduler }, (b) => batches.push(b));
    recordCalls(metrics, 1_000); // no time passes: one batch
    time.advance(250);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.calls.calls).toHaveLength(100);
    expect(batches[0]!.calls.calls[0]!.seq).toBe(901);
  });
});
