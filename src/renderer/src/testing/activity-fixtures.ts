/** FOR TESTS: Activity views and calls as the backend sends them. */
import type { ActivityView, CallView } from '../../../shared/view-types.js';

export const EMPTY_ACTIVITY: ActivityView = {
  requests: 0,
  succeeded: 0,
  unauthorized: { total: 0, byReason: {} },
  forbidden: { total: 0, byReason: {} },
  rateLimited: { total: 0, byReason: {} },
  recent: [],
  series: [],
  bucketMs: 60_000,
  windowMs: 24 * 60 * 60_000,
  upstreamCalls: [],
  upstreamLatency: [],
  clientRequests: [],
  callsAfter: 0,
  calls: [],
};

/** Call number `seq`: a successful `tools/list` by `cursor` unless `fields` say otherwise. */
export function callView(seq: number, fields: Partial<CallView> = {}): CallView {
  return {
    seq,
    time: Date.UTC(2026, 0, 1, 12, 0) + seq,
    client: 'cursor',
    httpMethod: 'POST',
    path: '/mcp',
    method: 'tools/list',
    tool: null,
    server: null,
    status: 200,
    outcome: null,
    latencyMs: 1.5,
    reason: null,
    ...fields,
  };
}

/** A batch carrying calls `from`…`to` (numbered after `from - 1`). */
export function batchOf(from: number, to: number, fields: (seq: number) => Partial<CallView> = () => ({})): ActivityView {
  const calls = Array.from({ length: to - from + 1 }, (_, i) => callView(from + i, fields(from + i)));
  return { ...EMPTY_ACTIVITY, callsAfter: from - 1, calls };
}
