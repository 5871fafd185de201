import type { JSONRPCMessage } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { retryDelayMs, routeClientMessage, type BridgePhase } from './bridge-state.js';

const initialize: JSONRPCMessage = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'a', version: '1' } } };
const initialized: JSONRPCMessage = { jsonrpc: '2.0', method: 'notifications/initialized' };
const call: JSONRPCMessage = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'echo' } };
const cancelled: JSONRPCMessage = { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 2 } };
const response: JSONRPCMessage = { jsonrpc: '2.0', id: 'server-1', result: {} };

describe('routeClientMessage', () => {
  it.each<[BridgePhase, JSONRPCMessage, string]>([
    ['idle', initialize, 'connect'],
    ['idle', call, 'answer'],
    ['idle', cancelled, 'drop'],
    ['connecting', initialize, 'queue'],
    ['connecting', call, 'queue'],
    ['connecting', cancelled, 'queue'],
    ['up', call, 'forward'],
    ['up', cancelled, 'forward'],
    ['up', response, 'forward'],
    ['up', initialize, 'connect'],
    ['down', call, 'connect'],
    ['down', cancelled, 'drop'],
    ['down', response, 'drop'],
    ['down', initialize, 'connect'],
    ['up', initialized, 'drop'],
    ['closed', call, 'drop'],
  ])('%s + %j → %s', (phase, message, route) => {
    expect(routeClientMessage(phase, message)).toBe(route);
  });
});

describe('retryDelayMs', () => {
  it('backs off 1, 2, 3 s, then stays at 5 s', () => {
    expect([0, 1, 2, 3, 4, 50].map((attempt) => retryDelayMs(attempt))).toEqual([1_000, 2_000, 3_000, 5_000, 5_000, 5_000]);
  });
});
