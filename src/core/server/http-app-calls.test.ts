import { afterEach, describe, expect, it } from 'vitest';
import { startPipeline, type Pipeline } from './testing/pipeline.js';
import type { CallView } from '../../shared/view-types.js';

const KEY = 'call-log-key-0123456789abcdef';

/** The request pipeline in one process, with a gateway-like lookup: `github__…` tools lead to the `github` upstream. */
const pipeline = (): Promise<Pipeline> => startPipeline(KEY, { toolTarget: (name) => (name.startsWith('github__') ? { server: 'github' } : undefined) });

let running: Pipeline | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function post(url: string, body: string, headers: Record<string, string> = { 'X-API-Key': KEY }): Promise<number> {
  const response = await fetch(`${url}/mcp`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

const rpc = (id: number, method: string, params?: unknown): string => JSON.stringify({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) });
const toolCall = (id: number, name: string, args: Record<string, unknown> = {}): string => rpc(id, 'tools/call', { name, arguments: args });

/** The fields a row of the call log shows, without time and latency (which vary). */
function shown(call: CallView): Omit<CallView, 'time' | 'latencyMs'> {
  const { time: _time, latencyMs: _latency, ...rest } = call;
  return rest;
}

describe('the call log, in process', () => {
  it('records every call at its end: client, method, tool, upstream server, status, outcome, reason', async () => {
    running = await pipeline();
    const { url, metrics } = running;

    expect(await post(url, rpc(1, 'tools/list'))).toBe(200);
    expect(await post(url, toolCall(2, 'get_current_time', { timezone: 'UTC' }))).toBe(200);
    expect(await post(url, toolCall(3, 'list_directory', { path: '/' }))).toBe(200); // no shared folder: a tool error
    expect(await post(url, toolCall(4, 'github__search_repos'))).toBe(200); // not served: a JSON-RPC error
    await post(url, `[${rpc(5, 'tools/list')},${rpc(6, 'ping')}]`); // answered or refused, it is logged as a batch
    expect(await post(url, rpc(7, 'tools/list'), {})).toBe(401);
    expect(await post(url, '{not json')).toBe(400);
    expect((await fetch(`${url}/health`)).status).toBe(200);

    const calls = metrics.callsSince(0).calls;
    const base = { httpMethod: 'POST', path: '/mcp', client: 'default', tool: null, server: null, outcome: null, reason: null };
    expect(calls.map(shown)).toEqual([
      { ...base, seq: 1, method: 'tools/list', status: 200 },
      { ...base, seq: 2, method: 'tools/call', tool: 'get_current_time', status: 200, outcome: 'ok' },
      { ...base, seq: 3, method: 'tools/call', tool: 'list_directory', status: 200, outcome: 'tool_error' },
      { ...base, seq: 4, method: 'tools/call', tool: 'github__search_repos', server: 'github', status: 200, outcome: 'rpc_error' },
      { ...base, seq: 5, method: 'batch', status: 200 },
      { ...base, seq: 6, method: null, client: 'ip:127.0.0.1', status: 401, reason: 'AUTH_MISSING_KEY' },
      { ...base, seq: 7, method: null, status: 400, reason: 'PARSE_ERROR' },
      { ...base, seq: 8, httpMethod: 'GET', path: '/health', method: null, client: 'ip:127.0.0.1', status: 200 },
    ]);
    for (const call of calls) {
      expect(call.latencyMs).toBeGreaterThanOrEqual(0);
      expect(call.time).toBeGreaterThan(0);
    }
    // Successes are counted next to the refusals.
    expect(metrics.snapshot().succeeded).toBe(calls.filter((c) => c.status < 400).length);
  });

  it('notes the outcome of tool calls answered as plain JSON (a client that does not accept SSE)', async () => {
    running = await pipeline();
    const { url, metrics } = running;
    const jsonOnly = { 'X-API-Key': KEY, Accept: 'application/json' };
    expect(await post(url, toolCall(1, 'get_current_time', { timezone: 'UTC' }), jsonOnly)).toBe(200);
    expect(await post(url, toolCall(2, 'list_directory', { path: '/' }), jsonOnly)).toBe(200);
    expect(await post(url, toolCall(3, 'github__search_repos'), jsonOnly)).toBe(200);
    const outcomes = metrics.callsSince(0).calls.map((call) => [call.tool, call.server, call.outcome]);
    expect(outcomes).toEqual([
      ['get_current_time', null, 'ok'],
      ['list_directory', null, 'tool_error'],
      ['github__search_repos', 'github', 'rpc_error'],
    ]);
  });
});
