import { describe, expect, it } from 'vitest';
import { createMetrics, newCallEntry, type Metrics } from '../core/metrics/index.js';
import { toActivityView } from './activity-view.js';

/** Counts one upstream call the way the gateway does (src/core/gateway/upstream-call.ts). */
function call(metrics: Metrics, server: string, tool: string, outcome: string, seconds?: number): void {
  metrics.increment('upstream_calls_total', { server, tool, outcome });
  if (seconds !== undefined) metrics.increment('upstream_call_seconds_total', { server }, seconds);
}

describe('toActivityView: calls to upstream servers', () => {
  it('has no rows before any upstream call', () => {
    const view = toActivityView(createMetrics().snapshot());
    expect(view.upstreamCalls).toEqual([]);
    expect(view.upstreamLatency).toEqual([]);
  });

  it('counts successes and every other outcome as errors, per server and tool, most calls first', () => {
    const metrics = createMetrics();
    for (let i = 0; i < 3; i++) call(metrics, 'github', 'search_repos', 'ok', 0.1);
    call(metrics, 'github', 'search_repos', 'tool_error', 0.1);
    call(metrics, 'github', 'search_repos', 'timeout', 0.2);
    call(metrics, 'fs', 'read_file', 'ok', 0.004);
    call(metrics, 'fs', 'read_file', 'unavailable');
    call(metrics, 'fs', 'write_file', 'cancelled', 0.006);
    metrics.increment('jwks_fetch_errors_total', { issuer: 'https://idp.example' }); // another family: ignored

    const view = toActivityView(metrics.snapshot());

    expect(view.upstreamCalls).toEqual([
      { server: 'github', tool: 'search_repos', ok: 3, errors: 2, total: 5, byOutcome: { ok: 3, tool_error: 1, timeout: 1 } },
      { server: 'fs', tool: 'read_file', ok: 1, errors: 1, total: 2, byOutcome: { ok: 1, unavailable: 1 } },
      { server: 'fs', tool: 'write_file', ok: 0, errors: 1, total: 1, byOutcome: { cancelled: 1 } },
    ]);
  });

  it('gives each server’s mean call time over the calls that reached it (a refusal while it was down is not timed)', () => {
    const metrics = createMetrics();
    call(metrics, 'github', 'search_repos', 'ok', 0.1);
    call(metrics, 'github', 'create_issue', 'error', 0.3);
    call(metrics, 'fs', 'read_file', 'ok', 0.004);
    call(metrics, 'fs', 'read_file', 'unavailable');
    call(metrics, 'down', 'anything', 'unavailable');

    const latency = toActivityView(metrics.snapshot()).upstreamLatency;

    expect(latency.map(({ server, timedCalls }) => [server, timedCalls])).toEqual([
      ['fs', 1],
      ['github', 2],
    ]);
    expect(latency[0]!.meanLatencyMs).toBeCloseTo(4);
    expect(latency[1]!.meanLatencyMs).toBeCloseTo(200);
  });

  it('keeps the 50 tools called most, ties in name order', () => {
    const metrics = createMetrics();
    for (let i = 0; i < 60; i++) {
      for (let n = 0; n <= i % 10; n++) call(metrics, `s${i % 3}`, `tool-${String(i).padStart(2, '0')}`, 'ok', 0.001);
    }

    const rows = toActivityView(metrics.snapshot()).upstreamCalls;

    expect(rows).toHaveLength(50);
    expect(rows.map((row) => row.total)).toEqual([...rows.map((row) => row.total)].sort((a, b) => b - a));
    expect(rows[0]).toMatchObject({ server: 's0', tool: 'tool-09', total: 10 });
    expect(rows.some((row) => row.total === 1)).toBe(false); // the six tools called once are left out
  });

  it('forgets the counts when the metrics are reset', () => {
    const metrics = createMetrics();
    call(metrics, 'github', 'search_repos', 'ok', 0.1);
    metrics.reset();
    expect(toActivityView(metrics.snapshot()).upstreamCalls).toEqual([]);
  });
});

describe('toActivityView: successes, refusals and the call log', () => {
  it('counts successes next to 401, 403 and 429, charts them per minute, and passes the calls after a number on', () => {
    const metrics = createMetrics({ now: () => Date.UTC(2026, 0, 1, 12, 0, 30) });
    for (const status of [200, 200, 401, 403, 429]) {
      const entry = newCallEntry('POST', '/mcp');
      entry.status = status;
      metrics.recordCall(entry);
      if (status >= 400) metrics.recordRejection({ status, reason: 'X', client: 'ip:127.0.0.1', path: '/mcp' });
    }

    const view = toActivityView(metrics.snapshot(), metrics.callsSince(3));

    expect(view.succeeded).toBe(2);
    expect([view.unauthorized.total, view.forbidden.total, view.rateLimited.total]).toEqual([1, 1, 1]);
    expect(view.series).toEqual([{ time: Date.UTC(2026, 0, 1, 12, 0), succeeded: 2, unauthorized: 1, forbidden: 1, rateLimited: 1 }]);
    expect(view.windowMs).toBe(24 * 60 * 60_000);
    expect(view.callsAfter).toBe(3);
    expect(view.calls.map((c) => [c.seq, c.status])).toEqual([
      [4, 403],
      [5, 429],
    ]);
  });
});
