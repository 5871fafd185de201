import type { ClientRequestCount, UpstreamCallCount, UpstreamLatency } from '../shared/view-types.js';
import type { CounterFamily } from '../core/metrics/types.js';

/** The gateway's counters (src/core/gateway/upstream-call.ts), without the exporter's prefix. */
const CALLS = 'upstream_calls_total';
const SECONDS = 'upstream_call_seconds_total';
/** Outcomes that never reach the upstream, so are not timed. */
const UNTIMED_OUTCOMES: ReadonlySet<string> = new Set(['unavailable']);
/** Rows the Activity view carries at most: the tools called most. */
export const MAX_UPSTREAM_CALL_ROWS = 50;

interface Tally {
  server: string;
  tool: string;
  ok: number;
  total: number;
  byOutcome: Record<string, number>;
}

function samplesOf(counters: readonly CounterFamily[], name: string): CounterFamily['samples'] {
  return counters.find((family) => family.name === name)?.samples ?? [];
}

function compareNames(a: { server: string; tool: string }, b: { server: string; tool: string }): number {
  return a.server.localeCompare(b.server) || a.tool.localeCompare(b.tool);
}

/** Calls per upstream server and tool, from `upstream_calls_total{server,tool,outcome}`: most calls first, at most `limit` rows. */
export function toUpstreamCalls(counters: readonly CounterFamily[], limit = MAX_UPSTREAM_CALL_ROWS): UpstreamCallCount[] {
  const tallies = new Map<string, Tally>();
  for (const { labels, value } of samplesOf(counters, CALLS)) {
    const server = labels['server'] ?? '';
    const tool = labels['tool'] ?? '';
    const outcome = labels['outcome'] ?? 'error';
    const key = JSON.stringify([server, tool]);
    const tally = tallies.get(key) ?? { server, tool, ok: 0, total: 0, byOutcome: {} };
    tallies.set(key, tally);
    tally.total += value;
    if (outcome === 'ok') tally.ok += value;
    tally.byOutcome[outcome] = (tally.byOutcome[outcome] ?? 0) + value;
  }
  return [...tallies.values()]
    .sort((a, b) => b.total - a.total || compareNames(a, b))
    .slice(0, limit)
    .map((tally) => ({ ...tally, errors: tally.total - tally.ok }));
}

/** Mean call time per upstream server: `upstream_call_seconds_total{server}` over the calls that reached it. */
export function toUpstreamLatency(counters: readonly CounterFamily[]): UpstreamLatency[] {
  const timedCalls = new Map<string, number>();
  for (const { labels, value } of samplesOf(counters, CALLS)) {
    if (UNTIMED_OUTCOMES.has(labels['outcome'] ?? '')) continue;
    const server = labels['server'] ?? '';
    timedCalls.set(server, (timedCalls.get(server) ?? 0) + value);
  }
  return samplesOf(counters, SECONDS)
    .map(({ labels, value }) => ({ server: labels['server'] ?? '', seconds: value }))
    .filter(({ server }) => (timedCalls.get(server) ?? 0) > 0)
    .map(({ server, seconds }) => {
      const calls = timedCalls.get(server)!;
      return { server, timedCalls: calls, meanLatencyMs: (seconds * 1000) / calls };
    })
    .sort((a, b) => a.server.localeCompare(b.server));
}

/** Admitted requests per client (`client_requests_total{client}`), most first. */
export function toClientRequests(counters: readonly CounterFamily[], limit = MAX_UPSTREAM_CALL_ROWS): ClientRequestCount[] {
  return samplesOf(counters, 'client_requests_total')
    .map(({ labels, value }) => ({ client: labels['client'] ?? '', requests: value }))
    .sort((a, b) => b.requests - a.requests || a.client.localeCompare(b.client))
    .slice(0, limit);
}
