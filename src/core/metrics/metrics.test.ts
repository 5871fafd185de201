import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidMetricError, MAX_COUNTER_SAMPLES } from './counter-families.js';
import { newCallEntry } from './call-entry.js';
import { createMetrics, MAX_REASONS, MetricsOptionsError } from './metrics.js';
import type { PathGroup } from './path-group.js';
import type { MetricsEvent, RejectionInput } from './types.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 1, 12, 0);

function manualClock(start = T0) {
  let ms = start;
  return {
    now: () => ms,
    advance(byMs: number) {
      ms += byMs;
    },
  };
}

const rejection = (status: number, reason: string, extra: Partial<RejectionInput> = {}): RejectionInput => ({
  status,
  reason,
  client: 'ip:127.0.0.1',
  path: '/mcp',
  ...extra,
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createMetrics: counting', () => {
  it('counts requests per path group, with a total, every group present from the start', () => {
    const metrics = createMetrics();
    expect(metrics.snapshot().requests).toEqual({
      total: 0,
      byPath: { mcp: 0, tools: 0, metrics: 0, health: 0, well_known: 0, other: 0 },
    });

    for (let i = 0; i < 12; i++) metrics.recordRequest('mcp');
    metrics.recordRequest('health');
    metrics.recordRequest('bogus' as PathGroup);

    expect(metrics.snapshot().requests).toEqual({
      total: 14,
      byPath: { mcp: 12, tools: 0, metrics: 0, health: 1, well_known: 0, other: 1 },
    });
  });

  it('counts rejections by status and reason', () => {
    const metrics = createMetrics();
    for (let i = 0; i < 3; i++) metrics.recordRejection(rejection(401, 'AUTH_INVALID_KEY'));
    metrics.recordRejection(rejection(401, 'AUTH_MISSING_KEY'));
    metrics.recordRejection(rejection(429, 'RATE_LIMITED'));
    metrics.recordRejection(rejection(403, 'AUTH_INSUFFICIENT_SCOPE'));
    metrics.recordRejection(rejection(401, 'AUTH_EXPIRED_TOKEN'));

    expect(metrics.snapshot().rejections).toEqual({
      total: 7,
      byStatus: {
        '401': { total: 5, byReason: { AUTH_EXPIRED_TOKEN: 1, AUTH_INVALID_KEY: 3, AUTH_MISSING_KEY: 1 } },
        '403': { total: 1, byReason: { AUTH_INSUFFICIENT_SCOPE: 1 } },
        '429': { total: 1, byReason: { RATE_LIMITED: 1 } },
      },
    });
  });

  it('keeps the latest rejections, newest first, bounded by recentLimit', () => {
    const clock = manualClock();
    const metrics = createMetrics({ recentLimit: 3, now: clock.now });
    for (let i = 0; i < 10; i++) {
      clock.advance(1_000);
      metrics.recordRejection(rejection(429, 'RATE_LIMITED', { client: `key:00000${i}…` }));
    }
    const { recent, rejections } = metrics.snapshot();
    expect(rejections.total).toBe(10);
    expect(recent).toEqual([
      { time: T0 + 10_000, status: 429, reason: 'RATE_LIMITED', client: 'key:000009…', path: '/mcp' },
      { time: T0 + 9_000, status: 429, reason: 'RATE_LIMITED', client: 'key:000008…', path: '/mcp' },
      { time: T0 + 8_000, status: 429, reason: 'RATE_LIMITED', client: 'key:000007…', path: '/mcp' },
    ]);
  });

  it('never stores a query string (it may carry a key) and bounds stored strings', () => {
    const metrics = createMetrics();
    metrics.recordRejection(rejection(401, 'AUTH_INVALID_KEY', { path: '/mcp?api_key=s3cret#frag', client: 'x'.repeat(500) }));
    metrics.recordRejection(rejection(401, 'A'.repeat(500), { path: `/${'p'.repeat(5_000)}` }));
    const [second, first] = metrics.snapshot().recent;
    expect(first).toMatchObject({ path: '/mcp', client: 'x'.repeat(64) });
    expect(second!.path).toHaveLength(256);
    expect(second!.reason).toHaveLength(64);
  });

  it(`folds reasons beyond ${MAX_REASONS} distinct ones into OTHER, so label cardinality stays bounded`, () => {
    const metrics = createMetrics();
    for (let i = 0; i < MAX_REASONS + 50; i++) metrics.recordRejection(rejection(400, `CODE_${i}`));
    metrics.recordRejection(rejection(400, 'CODE_0'));
    const counts = metrics.snapshot().rejections.byStatus['400']!;
    expect(Object.keys(counts.byReason)).toHaveLength(MAX_REASONS + 1);
    expect(counts.byReason.OTHER).toBe(50);
    expect(counts.byReason.CODE_0).toBe(2);
    expect(counts.total).toBe(MAX_REASONS + 51);
  });

  it('refuses a status that is not an HTTP status code', () => {
    const metrics = createMetrics();
    for (const status of [0, 99, 600, 401.5, Number.NaN]) {
      expect(() => metrics.recordRejection(rejection(status, 'X'))).toThrow(TypeError);
    }
  });

  it('records 10 000 requests and rejections without noticeable cost', () => {
    const metrics = createMetrics();
    metrics.subscribe(() => {});
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) {
      metrics.recordRequest('mcp');
      metrics.recordRejection(rejection(401, 'AUTH_INVALID_KEY'));
    }
    // A few ms in practice; the bound only catches an accidental O(n) path.
    expect(performance.now() - started).toBeLessThan(500);
    expect(metrics.snapshot().requests.total).toBe(10_000);
  });
});

describe('createMetrics: per-minute series for the dashboard chart', () => {
  it('counts requests, 401s, 403s and 429s per minute over the last 15 minutes', () => {
    const clock = manualClock(T0 + 10_000);
    const metrics = createMetrics({ now: clock.now });
    metrics.recordRequest('mcp');
    metrics.recordRejection(rejection(401, 'AUTH_MISSING_KEY'));
    metrics.recordRejection(rejection(400, 'BAD_REQUEST')); // counted, but not charted
    clock.advance(MINUTE);
    metrics.recordRejection(rejection(429, 'RATE_LIMITED'));
    metrics.recordRejection(rejection(429, 'RATE_LIMITED'));
    metrics.recordRejection(rejection(403, 'AUTH_INSUFFICIENT_SCOPE'));

    const { series } = metrics.snapshot();
    expect(series).toEqual([
      { minuteStart: T0, requests: 1, succeeded: 0, unauthorized: 1, forbidden: 0, rateLimited: 0 },
      { minuteStart: T0 + MINUTE, requests: 0, succeeded: 0, unauthorized: 0, forbidden: 1, rateLimited: 2 },
    ]);

    clock.advance(24 * 60 * MINUTE - MINUTE); // the first minute is now 24 hours old: out of the window
    const later = metrics.snapshot().series;
    expect(later).toEqual([{ minuteStart: T0 + MINUTE, requests: 0, succeeded: 0, unauthorized: 0, forbidden: 1, rateLimited: 2 }]);
    clock.advance(MINUTE);
    expect(metrics.snapshot().series).toEqual([]);
  });
});

describe('createMetrics: labelled counters for upstream health', () => {
  it('counts per label set, declared with help text or on first use', () => {
    const metrics = createMetrics();
    const jwksErrors = metrics.counter('jwks_fetch_errors_total', 'JWKS fetches that failed.');
    jwksErrors.increment({ issuer: 'https://idp.example' });
    jwksErrors.increment({ issuer: 'https://idp.example' }, 2);
    jwksErrors.increment({ issuer: 'https://other.example' });
    metrics.increment('token_refresh_failures_total');
    metrics.counter('discovery_errors_total', 'Discovery failures.');

    expect(metrics.snapshot().counters).toEqual([
      { name: 'discovery_errors_total', help: 'Discovery failures.', samples: [] },
      {
        name: 'jwks_fetch_errors_total',
        help: 'JWKS fetches that failed.',
        samples: [
          { labels: { issuer: 'https://idp.example' }, value: 3 },
          { labels: { issuer: 'https://other.example' }, value: 1 },
        ],
      },
      { name: 'token_refresh_failures_total', help: 'Counter token_refresh_failures_total.', samples: [{ labels: {}, value: 1 }] },
    ]);
  });

  it('treats label order as irrelevant', () => {
    const metrics = createMetrics();
    metrics.increment('x_total', { a: '1', b: '2' });
    metrics.increment('x_total', { b: '2', a: '1' });
    expect(metrics.snapshot().counters[0]!.samples).toEqual([{ labels: { a: '1', b: '2' }, value: 2 }]);
  });

  it.each([
    ['bad-name', {}],
    ['9starts_with_digit', {}],
    ['requests_total', {}],
    ['mcp_toolkit_jwks_total', {}],
    ['ok_total', { 'bad-label': 'x' }],
    ['ok_total', { __reserved: 'x' }],
  ])('refuses the name %s with labels %o (the exposition format could not carry it)', (name, labels) => {
    const metrics = createMetrics();
    expect(() => metrics.increment(name, labels)).toThrow(InvalidMetricError);
  });

  it('refuses negative or non-finite increments', () => {
    const metrics = createMetrics();
    expect(() => metrics.increment('x_total', {}, -1)).toThrow(InvalidMetricError);
    expect(() => metrics.increment('x_total', {}, Number.POSITIVE_INFINITY)).toThrow(InvalidMetricError);
  });

  it(`keeps at most ${MAX_COUNTER_SAMPLES} label combinations and warns once`, () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const metrics = createMetrics();
    for (let i = 0; i < MAX_COUNTER_SAMPLES + 100; i++) metrics.increment('per_user_total', { user: String(i) });
    expect(metrics.snapshot().counters[0]!.samples).toHaveLength(MAX_COUNTER_SAMPLES);
    expect(stderr).toHaveBeenCalledTimes(1);
    expect(String(stderr.mock.calls[0]![0])).toMatch(/^\[metrics\] more than 1000 labelled counter samples/);
  });
});

describe('createMetrics: subscription', () => {
  it('tells listeners about each change synchronously, until they unsubscribe', () => {
    const clock = manualClock();
    const metrics = createMetrics({ now: clock.now });
    const events: MetricsEvent[] = [];
    const unsubscribe = metrics.subscribe((event) => events.push(event));

    metrics.recordRequest('mcp');
    metrics.recordRejection(rejection(401, 'AUTH_MISSING_KEY', { client: 'ip:10.0.0.2', path: '/mcp?x=1' }));
    metrics.increment('jwks_fetch_errors_total', { issuer: 'i' });
    metrics.reset();
    unsubscribe();
    unsubscribe(); // harmless twice
    metrics.recordRequest('mcp');

    expect(events).toEqual([
      { type: 'request', path: 'mcp', time: T0 },
      {
        type: 'rejection',
        rejection: { time: T0, status: 401, reason: 'AUTH_MISSING_KEY', client: 'ip:10.0.0.2', path: '/mcp' },
      },
      { type: 'counter', name: 'jwks_fetch_errors_total', labels: { issuer: 'i' }, by: 1, time: T0 },
      { type: 'reset', time: T0 },
    ]);
  });

  it('keeps recording and notifying others when a listener throws, and reports it once', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const metrics = createMetrics();
    metrics.subscribe(() => {
      throw new Error('boom');
    });
    let heard = 0;
    metrics.subscribe(() => heard++);

    metrics.recordRequest('mcp');
    metrics.recordRequest('mcp');

    expect(heard).toBe(2);
    expect(metrics.snapshot().requests.total).toBe(2);
    expect(stderr).toHaveBeenCalledTimes(1);
    expect(String(stderr.mock.calls[0]![0])).toBe('[metrics] a listener failed (reported once): boom\n');
  });

  it('lets a listener unsubscribe itself or another while being notified', () => {
    const metrics = createMetrics();
    const heard: string[] = [];
    const stopA = metrics.subscribe(() => {
      heard.push('a');
      stopA();
      stopB();
    });
    const stopB = metrics.subscribe(() => heard.push('b'));
    metrics.recordRequest('mcp'); // b still hears this one: listeners are fixed per event
    metrics.recordRequest('mcp');
    expect(heard).toEqual(['a', 'b']);
  });
});

describe('createMetrics: snapshot and reset', () => {
  it('returns plain data that survives JSON (the UI receives it over IPC)', () => {
    const metrics = createMetrics();
    metrics.recordRequest('tools');
    metrics.recordRejection(rejection(429, 'RATE_LIMITED'));
    metrics.increment('jwks_fetch_errors_total', { issuer: 'i' });
    const snapshot = metrics.snapshot();
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });

  it('reset() zeroes everything and restarts the clock of the counts', () => {
    const clock = manualClock();
    const metrics = createMetrics({ now: clock.now });
    metrics.recordRequest('mcp');
    metrics.recordRejection(rejection(401, 'AUTH_INVALID_KEY'));
    metrics.counter('jwks_fetch_errors_total', 'help').increment();
    clock.advance(5_000);
    metrics.reset();

    const snapshot = metrics.snapshot();
    expect(snapshot.since).toBe(T0 + 5_000);
    expect(snapshot.requests.total).toBe(0);
    expect(snapshot.rejections).toEqual({ total: 0, byStatus: {} });
    expect(snapshot.recent).toEqual([]);
    expect(snapshot.series.every((p) => p.requests === 0 && p.unauthorized === 0)).toBe(true);
    expect(snapshot.counters).toEqual([{ name: 'jwks_fetch_errors_total', help: 'help', samples: [] }]);
  });

  it.each([0, -1, 1.5, 10_001])('refuses recentLimit %s', (recentLimit) => {
    expect(() => createMetrics({ recentLimit })).toThrow(MetricsOptionsError);
  });
});

describe('createMetrics: the call log', () => {
  function call(status: number) {
    const entry = newCallEntry('POST', '/mcp');
    entry.status = status;
    return entry;
  }

  it('numbers and times each call, counts answers below 400 as successes, and tells listeners', () => {
    const clock = manualClock();
    const metrics = createMetrics({ now: clock.now });
    const events: MetricsEvent[] = [];
    metrics.subscribe((event) => events.push(event));
    metrics.recordCall(call(200));
    clock.advance(1_000);
    metrics.recordCall(call(401));
    metrics.recordCall(call(202));

    const { calls } = metrics.callsSince(0);
    expect(calls.map((c) => [c.seq, c.time, c.status])).toEqual([
      [1, T0, 200],
      [2, T0 + 1_000, 401],
      [3, T0 + 1_000, 202],
    ]);
    expect(metrics.lastCallSeq).toBe(3);
    expect(metrics.snapshot().succeeded).toBe(2);
    expect(metrics.snapshot().series[0]!.succeeded).toBe(2);
    expect(events).toEqual([{ type: 'call' }, { type: 'call' }, { type: 'call' }]);
  });

  it('keeps 5,000 calls by default, and reset() empties it while numbers go on', () => {
    const metrics = createMetrics();
    for (let i = 0; i < 5_100; i++) metrics.recordCall(call(200));
    expect(metrics.callsSince(0).calls).toHaveLength(5_000);
    metrics.reset();
    expect(metrics.callsSince(0).calls).toEqual([]);
    expect(metrics.snapshot().succeeded).toBe(0);
    metrics.recordCall(call(200));
    expect(metrics.callsSince(0).calls.map((c) => c.seq)).toEqual([5_101]);
  });

  it('refuses a call log size out of range', () => {
    expect(() => createMetrics({ callLogSize: 0 })).toThrow(MetricsOptionsError);
    expect(() => createMetrics({ callLogSize: 1e6 })).toThrow(MetricsOptionsError);
  });
});
